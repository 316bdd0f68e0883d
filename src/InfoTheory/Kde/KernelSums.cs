using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using InfoTheory.Numerics;

namespace InfoTheory.Internal;

/// <summary>
/// ln Sᵢ with Sᵢ = Σ_{j≠i} exp(−‖zᵢ − zⱼ‖²) (+ 1 for the self term when asked) for data already scaled so the kernel is
/// exp(−D): the Gaussian KDE and the Kolchinsky–Tracey bounds. Each pair is evaluated once (lower triangle, from
/// a transposed d × N copy for d ≤ 32, else <see cref="PairwiseDistances"/>), its kernel value added to both rows in a
/// per-worker accumulator; O(N²·d) time, O(N·workers) memory, no N×N matrix. For d ≤ 32 the distance, the exponential
/// (<see cref="FastExp"/>, a few ulps) and both accumulations are fused in SIMD registers, one pass per row.
/// </summary>
/// <remarks>
/// With the self term Sᵢ ≥ 1, so ln Sᵢ is always finite. Without it a row whose every neighbor is ≳ 37 widths away
/// underflows; such rows (Sᵢ &lt; 1e-250) are recomputed as a log-sum-exp, −mᵢ + ln Σⱼ exp(−(Dᵢⱼ − mᵢ)) with
/// mᵢ = minⱼ Dᵢⱼ, so the result is exact, never −∞.
/// </remarks>
internal static class KernelSums
{
    private const double UnderflowGuard = 1e-250;

    private const int FusedMaxDimensions = 32;

    /// <summary>ln Sᵢ for every row; the rows are counted to <paramref name="work"/> in blocks of 64, which checks for cancellation.</summary>
    public static double[] LogRowSums(double[] z, int n, int d, bool includeSelf, bool parallel, WorkTracker? work = null)
    {
        bool fused = d <= FusedMaxDimensions;
        var transposed = fused ? Transpose(z, n, d) : [];
        var distances = fused ? null : new PairwiseDistances(new Samples(z, d));
        int workers = parallel && n >= 512 ? Math.Max(1, Math.Min(Environment.ProcessorCount, n / 256)) : 1;
        var partial = new double[workers][];
        void Work(int w)
        {
            var acc = new double[n];
            var row = fused ? [] : new double[n];
            Span<double> xi = stackalloc double[fused ? d : 0];
            int counted = 0;
            for (int i = w; i < n; i += workers)
            {
                if (++counted == 64)
                {
                    work?.Advance(counted);
                    counted = 0;
                }

                if (fused)
                {
                    FusedRow(transposed, n, d, i, xi, acc);
                    continue;
                }

                var r = row.AsSpan(0, i);
                distances!.LowerRow(i, r);
                TensorPrimitives.Negate(r, r);
                TensorPrimitives.Exp(r, r);
                acc[i] += TensorPrimitives.Sum(r);
                var a = acc.AsSpan(0, i);
                TensorPrimitives.Add(a, r, a);
            }

            work?.Advance(counted);
            partial[w] = acc;
        }

        if (workers == 1)
        {
            Work(0);
        }
        else
        {
            Parallel.For(0, workers, work?.ParallelOptions ?? new ParallelOptions(), Work);
        }

        var result = partial[0];
        for (int w = 1; w < workers; w++)
        {
            TensorPrimitives.Add(result, partial[w], result);
        }

        for (int i = 0; i < n; i++)
        {
            double s = result[i] + (includeSelf ? 1 : 0);
            result[i] = s >= UnderflowGuard ? Math.Log(s) : LogSumExp(z, n, d, i, includeSelf);
        }

        return result;
    }

    private static double[] Transpose(double[] z, int n, int d)
    {
        var t = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++)
            {
                t[k * n + i] = z[i * d + k];
            }
        }

        return t;
    }

    /// <summary>For j &lt; i: e = exp(−‖zᵢ − zⱼ‖²); acc[j] += e; acc[i] += Σⱼ e, at the widest accelerated vector width.</summary>
    private static void FusedRow(double[] zt, int n, int d, int i, Span<double> xi, double[] acc)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            FusedRow<Vector512<double>, Simd512>(zt, n, d, i, xi, acc);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            FusedRow<Vector256<double>, Simd256>(zt, n, d, i, xi, acc);
        }
        else
        {
            FusedRow<Vector128<double>, Simd128>(zt, n, d, i, xi, acc);
        }
    }

    /// <summary><see cref="FusedRow(double[], int, int, int, Span{double}, double[])"/> at one width: a vector of j per step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void FusedRow<TVector, TSimd>(double[] zt, int n, int d, int i, Span<double> xi, double[] acc)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        ref double xt = ref MemoryMarshal.GetArrayDataReference(zt);
        ref double a = ref MemoryMarshal.GetArrayDataReference(acc);
        for (int k = 0; k < d; k++)
        {
            xi[k] = zt[k * n + i];
        }

        int j = 0;
        var total = TSimd.Zero;
        for (; j + TSimd.Count <= i; j += TSimd.Count)
        {
            var dist = TSimd.Zero;
            for (int k = 0; k < d; k++)
            {
                var diff = TSimd.Subtract(TSimd.Load(ref xt, (nuint)(k * n + j)), TSimd.Create(xi[k]));
                dist = TSimd.FusedMultiplyAdd(diff, diff, dist);
            }

            var e = FastExp.NonPositive<TVector, TSimd>(TSimd.Negate(dist));
            total = TSimd.Add(total, e);
            TSimd.Store(TSimd.Add(TSimd.Load(ref a, (nuint)j), e), ref a, (nuint)j);
        }

        double sum = TSimd.Sum(total);
        for (; j < i; j++)
        {
            double dist = 0;
            for (int k = 0; k < d; k++)
            {
                double diff = zt[k * n + j] - xi[k];
                dist = Math.FusedMultiplyAdd(diff, diff, dist);
            }

            double e = Math.Exp(-dist);
            sum += e;
            acc[j] += e;
        }

        acc[i] += sum;
    }

    private static double LogSumExp(double[] z, int n, int d, int i, bool includeSelf)
    {
        var dist = new double[n];
        double min = includeSelf ? 0 : double.PositiveInfinity;
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            for (int k = 0; k < d; k++)
            {
                double diff = z[i * d + k] - z[j * d + k];
                s += diff * diff;
            }

            dist[j] = s;
            if (j != i)
            {
                min = Math.Min(min, s);
            }
        }

        double sum = includeSelf ? Math.Exp(min) : 0; // self: exp(−(0 − m))
        for (int j = 0; j < n; j++)
        {
            if (j != i)
            {
                sum += Math.Exp(-(dist[j] - min));
            }
        }

        return -min + Math.Log(sum);
    }
}
