using ILGPU;

namespace InfoTheory.Ilgpu;

/// <summary>
/// Float64 functions for the kernels whose accuracy we control on every ILGPU backend (ILGPU.Algorithms maps double
/// exp to a CORDIC iteration on PTX unless NVIDIA's libdevice is configured, which a driver-only machine lacks).
/// </summary>
internal static class DeviceMath
{
    private const double InvLn2 = 1.4426950408889634074;

    // Cody–Waite split of ln 2 (the constants of fdlibm's exp): k·Ln2Hi is exact for |k| < 2^11.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;

    /// <summary>
    /// e^x for x ≤ 0 to within about 2 ulp: x = k·ln 2 + r with |r| ≤ ½ln 2, e^r by its Taylor series to r¹³/13!
    /// (remainder below 5e-18), times 2^k built in the exponent bits. Below −708.39 (results under the smallest normal
    /// double, 2.2e-308) it returns 0, where Math.Exp returns a subnormal.
    /// </summary>
    public static double ExpNonPositive(double x)
    {
        if (x < -708.39)
        {
            return 0.0;
        }

        int k = (int)(x * InvLn2 - 0.5);
        double r = (x - k * Ln2Hi) - k * Ln2Lo;
        double p = 1.0 / 6227020800.0;       // 1/13!
        p = p * r + 1.0 / 479001600.0;       // 1/12!
        p = p * r + 1.0 / 39916800.0;        // 1/11!
        p = p * r + 1.0 / 3628800.0;         // 1/10!
        p = p * r + 1.0 / 362880.0;          // 1/9!
        p = p * r + 1.0 / 40320.0;           // 1/8!
        p = p * r + 1.0 / 5040.0;            // 1/7!
        p = p * r + 1.0 / 720.0;             // 1/6!
        p = p * r + 1.0 / 120.0;             // 1/5!
        p = p * r + 1.0 / 24.0;              // 1/4!
        p = p * r + 1.0 / 6.0;               // 1/3!
        p = p * r + 0.5;                     // 1/2!
        p = p * r + 1.0;
        p = p * r + 1.0;
        return p * Interop.IntAsFloat((ulong)(k + 1023) << 52);
    }
}
