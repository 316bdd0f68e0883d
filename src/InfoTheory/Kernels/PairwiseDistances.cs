using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using InfoTheory.Internal;
using InfoTheory.Numerics;

namespace InfoTheory;

/// <summary>
/// Squared Euclidean distances between the observations of one variable, row by row of the lower triangle.
/// </summary>
/// <remarks>
/// Low dimension (d ≤ 32): the differences are formed directly from a transposed copy (d × N), vectorised across
/// observations: exact, no cancellation. High dimension: ‖xᵢ‖² + ‖xⱼ‖² − 2·xᵢ·xⱼ with vectorised dot products,
/// clamped at 0 (the cancellation error is far below any kernel width in use).
/// </remarks>
internal sealed class PairwiseDistances
{
    private const int DirectMaxDimensions = 32;
    private readonly double[] _data;   // d × N (direct) or N × d (dot form)
    private readonly double[] _norms;  // ‖xᵢ‖², dot form only
    private readonly int _dimensions;

    public PairwiseDistances(Samples samples)
    {
        Count = samples.Count;
        _dimensions = samples.Dimensions;
        int n = Count, d = _dimensions;
        if (d <= DirectMaxDimensions)
        {
            _data = new double[d * n];
            _norms = [];
            var row = new double[d];
            for (int i = 0; i < n; i++)
            {
                samples.CopyRowTo(i, row);
                for (int k = 0; k < d; k++)
                {
                    _data[k * n + i] = row[k];
                }
            }
        }
        else
        {
            _data = samples.ToArray();
            _norms = new double[n];
            for (int i = 0; i < n; i++)
            {
                var xi = _data.AsSpan(i * d, d);
                _norms[i] = TensorPrimitives.Dot(xi, xi);
            }
        }
    }

    /// <summary>Number of observations N.</summary>
    public int Count { get; }

    /// <summary>The full N×N matrix of squared distances (zero diagonal, symmetric).</summary>
    public static double[] Squared(Samples samples, bool parallel)
    {
        var distances = new PairwiseDistances(samples);
        int n = distances.Count;
        var result = new double[(long)n * n];
        Rows(n, parallel, i => distances.LowerRow(i, result.AsSpan(i * n, i)));
        MirrorLower(result, n);
        return result;
    }

    /// <summary>D[i, 0..i): the squared distances of observation i to every earlier one.</summary>
    public void LowerRow(int i, Span<double> destination)
    {
        int d = _dimensions;
        if (_norms.Length == 0)
        {
            DirectLowerRow(i, destination);
            return;
        }

        var xi = _data.AsSpan(i * d, d);
        double ni = _norms[i];
        for (int j = 0; j < i; j++)
        {
            double dot = TensorPrimitives.Dot(xi, _data.AsSpan(j * d, d));
            destination[j] = Math.Max(0, ni + _norms[j] - 2 * dot);
        }
    }

    /// <summary>
    /// Σ_{j&lt;i} exp(−D[i, j]): the Gaussian-kernel row sum on data already divided by the width, with no row stored
    /// (distances, exponentials and the sum stay in registers). <paramref name="scratch"/> (length ≥ i) is only used
    /// by the high-dimension form.
    /// </summary>
    public double SumOfNegativeExponentials(int i, Span<double> scratch)
    {
        if (_norms.Length != 0)
        {
            var row = scratch[..i];
            LowerRow(i, row);
            TensorPrimitives.Negate(row, row);
            TensorPrimitives.Exp(row, row);
            return TensorPrimitives.Sum(row);
        }

        if (Vector512.IsHardwareAccelerated)
        {
            return SumOfNegativeExponentials<Vector512<double>, Simd512>(i);
        }

        return Vector256.IsHardwareAccelerated
            ? SumOfNegativeExponentials<Vector256<double>, Simd256>(i)
            : SumOfNegativeExponentials<Vector128<double>, Simd128>(i);
    }

    /// <summary>The direct form (d ≤ 32) of <see cref="SumOfNegativeExponentials(int, Span{double})"/> at one vector width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // full optimisation at once; dynamic PGO slowed this loop ~1.6× here
    internal double SumOfNegativeExponentials<TVector, TSimd>(int i)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int n = Count, d = _dimensions, j = 0, width = TSimd.Count;
        ref double xt = ref MemoryMarshal.GetArrayDataReference(_data);
        Span<double> xi = stackalloc double[d];
        for (int k = 0; k < d; k++)
        {
            xi[k] = _data[k * n + i];
        }

        // Four independent accumulators: the FMA chain is latency-bound otherwise.
        var total = TSimd.Zero;
        for (; j + 4 * width <= i; j += 4 * width)
        {
            var a0 = TSimd.Zero;
            var a1 = a0;
            var a2 = a0;
            var a3 = a0;
            for (int k = 0; k < d; k++)
            {
                var c = TSimd.Create(xi[k]);
                nuint at = (nuint)(k * n + j);
                var d0 = TSimd.Subtract(TSimd.Load(ref xt, at), c);
                var d1 = TSimd.Subtract(TSimd.Load(ref xt, at + (nuint)width), c);
                var d2 = TSimd.Subtract(TSimd.Load(ref xt, at + (nuint)(2 * width)), c);
                var d3 = TSimd.Subtract(TSimd.Load(ref xt, at + (nuint)(3 * width)), c);
                a0 = TSimd.FusedMultiplyAdd(d0, d0, a0);
                a1 = TSimd.FusedMultiplyAdd(d1, d1, a1);
                a2 = TSimd.FusedMultiplyAdd(d2, d2, a2);
                a3 = TSimd.FusedMultiplyAdd(d3, d3, a3);
            }

            var e01 = TSimd.Add(FastExp.NonPositive<TVector, TSimd>(TSimd.Negate(a0)), FastExp.NonPositive<TVector, TSimd>(TSimd.Negate(a1)));
            var e23 = TSimd.Add(FastExp.NonPositive<TVector, TSimd>(TSimd.Negate(a2)), FastExp.NonPositive<TVector, TSimd>(TSimd.Negate(a3)));
            total = TSimd.Add(total, TSimd.Add(e01, e23));
        }

        for (; j + width <= i; j += width)
        {
            var acc = TSimd.Zero;
            for (int k = 0; k < d; k++)
            {
                var diff = TSimd.Subtract(TSimd.Load(ref xt, (nuint)(k * n + j)), TSimd.Create(xi[k]));
                acc = TSimd.FusedMultiplyAdd(diff, diff, acc);
            }

            total = TSimd.Add(total, FastExp.NonPositive<TVector, TSimd>(TSimd.Negate(acc)));
        }

        double sum = TSimd.Sum(total);
        for (; j < i; j++)
        {
            double acc = 0;
            for (int k = 0; k < d; k++)
            {
                double diff = _data[k * n + j] - xi[k];
                acc = Math.FusedMultiplyAdd(diff, diff, acc);
            }

            sum += Math.Exp(-acc);
        }

        return sum;
    }

    /// <summary>
    /// Runs <paramref name="row"/> for every i in [0, n), rows interleaved across cores to balance the triangle; each row
    /// done is counted to <paramref name="work"/> (which throws there once the operation is cancelled).
    /// </summary>
    internal static void Rows(int n, bool parallel, Action<int> row, WorkTracker? work = null)
    {
        if (!parallel || n < 256)
        {
            for (int i = 0; i < n; i++)
            {
                row(i);
                work?.Advance(1);
            }

            return;
        }

        int workers = Math.Min(Environment.ProcessorCount * 4, n);
        Parallel.For(0, workers, work?.ParallelOptions ?? DefaultLoop, w =>
        {
            for (int i = w; i < n; i += workers)
            {
                row(i);
                work?.Advance(1);
            }
        });
    }

    private static readonly ParallelOptions DefaultLoop = new();

    /// <summary>Copies the strict lower triangle onto the upper one, in cache-sized tiles.</summary>
    internal static void MirrorLower(Span<double> matrix, int n)
    {
        const int Tile = 64;
        for (int bi = 0; bi < n; bi += Tile)
        {
            int iEnd = Math.Min(bi + Tile, n);
            for (int bj = bi; bj < n; bj += Tile)
            {
                int jEnd = Math.Min(bj + Tile, n);
                for (int i = bi; i < iEnd; i++)
                {
                    for (int j = Math.Max(bj, i + 1); j < jEnd; j++)
                    {
                        matrix[i * n + j] = matrix[j * n + i];
                    }
                }
            }
        }
    }

    /// <summary>D[i, j] for j &lt; i from the transposed copy, at the widest accelerated vector width.</summary>
    private void DirectLowerRow(int i, Span<double> destination)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            DirectLowerRow<Vector512<double>, Simd512>(i, destination);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            DirectLowerRow<Vector256<double>, Simd256>(i, destination);
        }
        else
        {
            DirectLowerRow<Vector128<double>, Simd128>(i, destination);
        }
    }

    /// <summary>
    /// D[i, j] for j &lt; i from the transposed copy: a vector of j at a time, all d coordinates summed in a register,
    /// so each distance is written once. Each distance is one FMA chain over the coordinates whatever the width, so
    /// every width gives the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void DirectLowerRow<TVector, TSimd>(int i, Span<double> destination)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int n = Count, d = _dimensions, j = 0;
        ref double xt = ref MemoryMarshal.GetArrayDataReference(_data);
        ref double dst = ref MemoryMarshal.GetReference(destination[..i]);
        Span<double> xi = stackalloc double[d];
        for (int k = 0; k < d; k++)
        {
            xi[k] = _data[k * n + i];
        }

        for (; j + TSimd.Count <= i; j += TSimd.Count)
        {
            var acc = TSimd.Zero;
            for (int k = 0; k < d; k++)
            {
                var diff = TSimd.Subtract(TSimd.Load(ref xt, (nuint)(k * n + j)), TSimd.Create(xi[k]));
                acc = TSimd.FusedMultiplyAdd(diff, diff, acc);
            }

            TSimd.Store(acc, ref dst, (nuint)j);
        }

        for (; j < i; j++)
        {
            double acc = 0;
            for (int k = 0; k < d; k++)
            {
                double diff = _data[k * n + j] - xi[k];
                acc = Math.FusedMultiplyAdd(diff, diff, acc);
            }

            destination[j] = acc;
        }
    }
}
