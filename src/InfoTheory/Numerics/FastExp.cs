using System.Runtime.CompilerServices;
using InfoTheory.Numerics;

namespace InfoTheory.Internal;

/// <summary>
/// exp(x) for x ≤ 0 in SIMD registers, to within a few ulps: the hot loop of the α = 2 path evaluates one Gaussian
/// kernel value per pair of observations and sums it, so the exponential is most of the work.
/// </summary>
/// <remarks>
/// x = k·ln 2 + r with k = round(x/ln 2) and |r| ≤ ln 2 / 2 (Cody–Waite split of ln 2, the fdlibm constants), then
/// exp(r) by its degree-12 Taylor polynomial (truncation below 2·10⁻¹⁶ relative) and 2^k built in the exponent bits.
/// Arguments below −708 are clamped to −708 (exp ≈ 3·10⁻³⁰⁸): negligible in the sums this serves, never NaN.
/// </remarks>
internal static class FastExp
{
    private const double Log2E = 1.4426950408889634074;
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Lowest = -708;

    // Taylor coefficients 1/k!.
    private const double C0 = 1, C1 = 1, C2 = 1.0 / 2, C3 = 1.0 / 6, C4 = 1.0 / 24, C5 = 1.0 / 120, C6 = 1.0 / 720;
    private const double C7 = 1.0 / 5040, C8 = 1.0 / 40320, C9 = 1.0 / 362880, C10 = 1.0 / 3628800, C11 = 1.0 / 39916800;
    private const double C12 = 1.0 / 479001600;

    /// <summary>exp(x) lane-wise for x ≤ 0, at any width (<see cref="ISimd{TVector}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector NonPositive<TVector, TSimd>(TVector x)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        x = TSimd.Max(x, TSimd.Create(Lowest));
        var k = TSimd.Round(TSimd.Multiply(x, TSimd.Create(Log2E)));
        var r = TSimd.FusedMultiplyAdd(k, TSimd.Create(-Ln2Hi), x);
        r = TSimd.FusedMultiplyAdd(k, TSimd.Create(-Ln2Lo), r);
        // Two independent Horner chains (low and high halves) halve the dependency latency.
        var r2 = TSimd.Multiply(r, r);
        var lo = TSimd.FusedMultiplyAdd(TSimd.Create(C6), r, TSimd.Create(C5));
        lo = TSimd.FusedMultiplyAdd(lo, r, TSimd.Create(C4));
        lo = TSimd.FusedMultiplyAdd(lo, r, TSimd.Create(C3));
        lo = TSimd.FusedMultiplyAdd(lo, r, TSimd.Create(C2));
        lo = TSimd.FusedMultiplyAdd(lo, r, TSimd.Create(C1));
        lo = TSimd.FusedMultiplyAdd(lo, r, TSimd.Create(C0));
        var hi = TSimd.FusedMultiplyAdd(TSimd.Create(C12), r, TSimd.Create(C11));
        hi = TSimd.FusedMultiplyAdd(hi, r, TSimd.Create(C10));
        hi = TSimd.FusedMultiplyAdd(hi, r, TSimd.Create(C9));
        hi = TSimd.FusedMultiplyAdd(hi, r, TSimd.Create(C8));
        hi = TSimd.FusedMultiplyAdd(hi, r, TSimd.Create(C7));
        var r7 = TSimd.Multiply(TSimd.Multiply(TSimd.Multiply(r2, r2), r2), r);
        var p = TSimd.FusedMultiplyAdd(hi, r7, lo);
        return TSimd.Multiply(p, TSimd.PowerOfTwo(k));
    }
}
