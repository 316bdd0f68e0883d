using System.Numerics.Tensors;

namespace InfoTheory.Internal;

/// <summary>
/// ln Sᵢ with Sᵢ = Σ_{j≠i} exp(−‖zᵢ − zⱼ‖²) (+ 1 for the self term when asked) for data already scaled so the kernel is
/// exp(−D): the Gaussian KDE and the Kolchinsky–Tracey bounds. Each pair is evaluated once (lower triangle, from
/// <see cref="PairwiseDistances"/>), its kernel value added to both rows in a per-worker accumulator; O(N²·d) time,
/// O(N·workers) memory, no N×N matrix.
/// </summary>
/// <remarks>
/// With the self term Sᵢ ≥ 1, so ln Sᵢ is always finite. Without it a row whose every neighbour is ≳ 37 widths away
/// underflows; such rows (Sᵢ &lt; 1e-250) are recomputed as a log-sum-exp, −mᵢ + ln Σⱼ exp(−(Dᵢⱼ − mᵢ)) with
/// mᵢ = minⱼ Dᵢⱼ, so the result is exact, never −∞.
/// </remarks>
internal static class KernelSums
{
    private const double UnderflowGuard = 1e-250;

    public static double[] LogRowSums(double[] z, int n, int d, bool includeSelf, bool parallel)
    {
        var distances = new PairwiseDistances(new Samples(z, d));
        int workers = parallel && n >= 512 ? Math.Max(1, Math.Min(Environment.ProcessorCount, n / 256)) : 1;
        var partial = new double[workers][];
        void Work(int w)
        {
            var acc = new double[n];
            var row = new double[n];
            for (int i = w; i < n; i += workers)
            {
                var r = row.AsSpan(0, i);
                distances.LowerRow(i, r);
                TensorPrimitives.Negate(r, r);
                TensorPrimitives.Exp(r, r);
                acc[i] += TensorPrimitives.Sum(r);
                var a = acc.AsSpan(0, i);
                TensorPrimitives.Add(a, r, a);
            }

            partial[w] = acc;
        }

        if (workers == 1)
        {
            Work(0);
        }
        else
        {
            Parallel.For(0, workers, Work);
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
