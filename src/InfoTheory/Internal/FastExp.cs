using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> NonPositive(Vector512<double> x)
    {
        x = Vector512.Max(x, Vector512.Create(Lowest));
        var k = Vector512.Round(x * Vector512.Create(Log2E));
        var r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Hi), x);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Lo), r);
        // Two independent Horner chains (low and high halves) halve the dependency latency.
        var r2 = r * r;
        var lo = Vector512.FusedMultiplyAdd(Vector512.Create(C6), r, Vector512.Create(C5));
        lo = Vector512.FusedMultiplyAdd(lo, r, Vector512.Create(C4));
        lo = Vector512.FusedMultiplyAdd(lo, r, Vector512.Create(C3));
        lo = Vector512.FusedMultiplyAdd(lo, r, Vector512.Create(C2));
        lo = Vector512.FusedMultiplyAdd(lo, r, Vector512.Create(C1));
        lo = Vector512.FusedMultiplyAdd(lo, r, Vector512.Create(C0));
        var hi = Vector512.FusedMultiplyAdd(Vector512.Create(C12), r, Vector512.Create(C11));
        hi = Vector512.FusedMultiplyAdd(hi, r, Vector512.Create(C10));
        hi = Vector512.FusedMultiplyAdd(hi, r, Vector512.Create(C9));
        hi = Vector512.FusedMultiplyAdd(hi, r, Vector512.Create(C8));
        hi = Vector512.FusedMultiplyAdd(hi, r, Vector512.Create(C7));
        var r7 = r2 * r2 * r2 * r;
        var p = Vector512.FusedMultiplyAdd(hi, r7, lo);

        var twoToK = (Vector512.ConvertToInt64(k) + Vector512.Create(1023L)) << 52;
        return p * twoToK.AsDouble();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> NonPositive(Vector256<double> x)
    {
        x = Vector256.Max(x, Vector256.Create(Lowest));
        var k = Vector256.Round(x * Vector256.Create(Log2E));
        var r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Hi), x);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Lo), r);
        // Two independent Horner chains (low and high halves) halve the dependency latency.
        var r2 = r * r;
        var lo = Vector256.FusedMultiplyAdd(Vector256.Create(C6), r, Vector256.Create(C5));
        lo = Vector256.FusedMultiplyAdd(lo, r, Vector256.Create(C4));
        lo = Vector256.FusedMultiplyAdd(lo, r, Vector256.Create(C3));
        lo = Vector256.FusedMultiplyAdd(lo, r, Vector256.Create(C2));
        lo = Vector256.FusedMultiplyAdd(lo, r, Vector256.Create(C1));
        lo = Vector256.FusedMultiplyAdd(lo, r, Vector256.Create(C0));
        var hi = Vector256.FusedMultiplyAdd(Vector256.Create(C12), r, Vector256.Create(C11));
        hi = Vector256.FusedMultiplyAdd(hi, r, Vector256.Create(C10));
        hi = Vector256.FusedMultiplyAdd(hi, r, Vector256.Create(C9));
        hi = Vector256.FusedMultiplyAdd(hi, r, Vector256.Create(C8));
        hi = Vector256.FusedMultiplyAdd(hi, r, Vector256.Create(C7));
        var r7 = r2 * r2 * r2 * r;
        var p = Vector256.FusedMultiplyAdd(hi, r7, lo);

        var twoToK = (Vector256.ConvertToInt64(k) + Vector256.Create(1023L)) << 52;
        return p * twoToK.AsDouble();
    }
}
