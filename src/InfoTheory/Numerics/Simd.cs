using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace InfoTheory.Numerics;

/// <summary>
/// The operations the SIMD loops use, over one vector width of doubles. A loop is written once, generic over a struct
/// that implements this (<see cref="Simd512"/>, <see cref="Simd256"/>, <see cref="Simd128"/>); the JIT compiles a separate
/// body for each struct and inlines these members, so the generic loop is the loop one would write for that width.
/// </summary>
/// <remarks>
/// Callers pick the width once with <see cref="Vector512.IsHardwareAccelerated"/> / <see cref="Vector256.IsHardwareAccelerated"/>
/// (JIT-time constants, so the other branches are not even compiled), falling back to 128 bits (SSE2, ARM64 NEON).
/// Tests instantiate every width directly. The same pattern, specialised to the k-NN metrics, is
/// <c>ILanes&lt;TVector&gt;</c> in the brute-force index.
/// </remarks>
internal interface ISimd<TVector>
    where TVector : struct
{
    /// <summary>Doubles per vector.</summary>
    static abstract int Count { get; }

    /// <summary>All lanes zero.</summary>
    static abstract TVector Zero { get; }

    /// <summary>All lanes <paramref name="value"/>.</summary>
    static abstract TVector Create(double value);

    /// <summary><see cref="Count"/> doubles from <paramref name="source"/> + <paramref name="offset"/>, unchecked.</summary>
    static abstract TVector Load(ref double source, nuint offset);

    /// <summary>Writes the lanes to <paramref name="destination"/> + <paramref name="offset"/>, unchecked.</summary>
    static abstract void Store(TVector value, ref double destination, nuint offset);

    /// <summary>x + y.</summary>
    static abstract TVector Add(TVector x, TVector y);

    /// <summary>x − y.</summary>
    static abstract TVector Subtract(TVector x, TVector y);

    /// <summary>x·y.</summary>
    static abstract TVector Multiply(TVector x, TVector y);

    /// <summary>−x.</summary>
    static abstract TVector Negate(TVector x);

    /// <summary>x·y + z, rounded once.</summary>
    static abstract TVector FusedMultiplyAdd(TVector x, TVector y, TVector z);

    /// <summary>Lane-wise maximum.</summary>
    static abstract TVector Max(TVector x, TVector y);

    /// <summary>Round to the nearest integer, ties to even.</summary>
    static abstract TVector Round(TVector x);

    /// <summary>2^k for integral lanes k in [−1022, 1023], built in the exponent bits.</summary>
    static abstract TVector PowerOfTwo(TVector k);

    /// <summary>The sum of the lanes (in the order the platform's horizontal add uses).</summary>
    static abstract double Sum(TVector x);
}

/// <summary>512-bit vectors: eight doubles (AVX-512).</summary>
internal readonly struct Simd512 : ISimd<Vector512<double>>
{
    public static int Count => Vector512<double>.Count;

    public static Vector512<double> Zero => Vector512<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Create(double value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(ref double source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> x, Vector512<double> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Subtract(Vector512<double> x, Vector512<double> y) => x - y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> x, Vector512<double> y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Negate(Vector512<double> x) => -x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> FusedMultiplyAdd(Vector512<double> x, Vector512<double> y, Vector512<double> z) => Vector512.FusedMultiplyAdd(x, y, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Max(Vector512<double> x, Vector512<double> y) => Vector512.Max(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Round(Vector512<double> x) => Vector512.Round(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> PowerOfTwo(Vector512<double> k) =>
        ((Vector512.ConvertToInt64(k) + Vector512.Create(1023L)) << 52).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector512<double> x) => Vector512.Sum(x);
}

/// <summary>256-bit vectors: four doubles (AVX2).</summary>
internal readonly struct Simd256 : ISimd<Vector256<double>>
{
    public static int Count => Vector256<double>.Count;

    public static Vector256<double> Zero => Vector256<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Create(double value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> x, Vector256<double> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Subtract(Vector256<double> x, Vector256<double> y) => x - y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> x, Vector256<double> y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Negate(Vector256<double> x) => -x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> FusedMultiplyAdd(Vector256<double> x, Vector256<double> y, Vector256<double> z) => Vector256.FusedMultiplyAdd(x, y, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Max(Vector256<double> x, Vector256<double> y) => Vector256.Max(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Round(Vector256<double> x) => Vector256.Round(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> PowerOfTwo(Vector256<double> k) =>
        ((Vector256.ConvertToInt64(k) + Vector256.Create(1023L)) << 52).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector256<double> x) => Vector256.Sum(x);
}

/// <summary>128-bit vectors: two doubles (SSE2, ARM64 NEON); the width used where 256 bits are not accelerated.</summary>
internal readonly struct Simd128 : ISimd<Vector128<double>>
{
    public static int Count => Vector128<double>.Count;

    public static Vector128<double> Zero => Vector128<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Create(double value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Load(ref double source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Add(Vector128<double> x, Vector128<double> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Subtract(Vector128<double> x, Vector128<double> y) => x - y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Multiply(Vector128<double> x, Vector128<double> y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Negate(Vector128<double> x) => -x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> FusedMultiplyAdd(Vector128<double> x, Vector128<double> y, Vector128<double> z) => Vector128.FusedMultiplyAdd(x, y, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Max(Vector128<double> x, Vector128<double> y) => Vector128.Max(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Round(Vector128<double> x) => Vector128.Round(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> PowerOfTwo(Vector128<double> k) =>
        ((Vector128.ConvertToInt64(k) + Vector128.Create(1023L)) << 52).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector128<double> x) => Vector128.Sum(x);
}
