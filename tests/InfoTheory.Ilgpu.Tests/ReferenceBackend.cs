namespace InfoTheory.Ilgpu.Tests;

/// <summary>
/// The contract's reference: every primitive written the plain way, from its definition (double loops, a sort for the
/// neighbors, cyclic Jacobi for the spectra), with nothing shared with the CPU backend's fused, blocked and vectorised
/// code. It is also a third-party backend: it uses the public API of <see cref="ComputeBackend"/> only (this project
/// sees no internals of the core), and the batched operations come from the base class's defaults.
/// </summary>
public sealed class ReferenceBackend : ComputeBackend
{
    /// <summary>The one instance (stateless).</summary>
    public static ReferenceBackend Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "reference";

    /// <inheritdoc />
    protected override void SquaredDistancesCore(Samples samples, Span<double> destination, ComputeContext context)
    {
        int n = samples.Count;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                destination[i * n + j] = Distance(samples, i, samples, j, KnnNorm.Euclidean);
            }

            context.Advance(1);
        }
    }

    /// <inheritdoc />
    protected override void UnitGramCore(Samples samples, IKernel kernel, double width, Span<double> destination, ComputeContext context)
    {
        int n = samples.Count;
        double k0 = kernel.Evaluate(0, width);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                destination[i * n + j] = i == j ? 1 : kernel.Evaluate(Distance(samples, i, samples, j, KnnNorm.Euclidean), width) / k0;
            }

            context.Advance(1);
        }
    }

    /// <inheritdoc />
    protected override void UnitGramFromSquaredDistancesCore(Span<double> matrix, int n, IKernel kernel, double width, ComputeContext context)
    {
        double k0 = kernel.Evaluate(0, width);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                matrix[i * n + j] = matrix[j * n + i] = kernel.Evaluate(matrix[i * n + j], width) / k0;
            }

            matrix[i * n + i] = 1;
            context.Advance(1);
        }
    }

    /// <inheritdoc />
    protected override void HadamardProductCore(IReadOnlyList<double[]> matrices, ReadOnlySpan<int> subset, int n, Span<double> destination)
    {
        var product = new double[n * n];
        Array.Fill(product, 1.0);
        foreach (int p in subset)
        {
            for (int e = 0; e < product.Length; e++)
            {
                product[e] *= matrices[p][e];
            }
        }

        product.CopyTo(destination);
    }

    /// <inheritdoc />
    protected override double SquaredFrobeniusNormCore(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v * v;
        }

        return sum;
    }

    /// <inheritdoc />
    /// <remarks>Cyclic Jacobi rotations until the off-diagonal mass is below 1e-15 of the whole (absolute errors of order
    /// ε·‖A‖_F, like the solvers under test), then sorted.</remarks>
    protected override void EigenvaluesCore(Span<double> matrix, int n, Span<double> eigenvalues, ComputeContext context)
    {
        var a = new double[n, n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                a[i, j] = a[j, i] = matrix[i * n + j];
                total += (i == j ? 1 : 2) * a[i, j] * a[i, j];
            }
        }

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    off += 2 * a[p, q] * a[p, q];
                }
            }

            if (off <= 1e-30 * total)
            {
                break;
            }

            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    if (a[p, q] != 0)
                    {
                        Rotate(a, n, p, q);
                    }
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            eigenvalues[i] = a[i, i];
        }

        eigenvalues.Sort();
        context.Advance(n);
    }

    /// <inheritdoc />
    protected override double GaussianPairSumCore(Samples samples, ComputeContext context)
    {
        double sum = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                sum += Math.Exp(-Distance(samples, i, samples, j, KnnNorm.Euclidean));
            }

            context.Advance(1);
        }

        return sum;
    }

    /// <inheritdoc />
    protected override void KernelPairSumsCore(IReadOnlyList<Samples> variables, ReadOnlySpan<double> widths, IKernel kernel, IReadOnlyList<int[]> subsets,
        Span<double> sums, ComputeContext context)
    {
        int n = variables[0].Count;
        sums.Clear();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                for (int s = 0; s < subsets.Count; s++)
                {
                    double product = 1;
                    foreach (int p in subsets[s])
                    {
                        product *= kernel.Evaluate(Distance(variables[p], i, variables[p], j, KnnNorm.Euclidean), widths[p]) / kernel.Evaluate(0, widths[p]);
                    }

                    sums[s] += product * product;
                }
            }

            context.Advance(1);
        }
    }

    /// <inheritdoc />
    protected override void NearestNeighborsCore(Samples samples, int k, Span<double> distances, Span<int> indices, KnnNorm norm, NeighborSearch search)
    {
        for (int i = 0; i < samples.Count; i++)
        {
            var nearest = Sorted(samples, i, samples, i, norm).Take(k).ToArray();
            for (int j = 0; j < k; j++)
            {
                (distances[i * k + j], indices[i * k + j]) = nearest[j];
            }
        }
    }

    /// <inheritdoc />
    protected override void NearestNeighborDistancesCore(Samples queries, Samples reference, int k, Span<double> distances, KnnNorm norm, NeighborSearch search)
    {
        for (int i = 0; i < queries.Count; i++)
        {
            var nearest = Sorted(queries, i, reference, -1, norm).Take(k).ToArray();
            for (int j = 0; j < k; j++)
            {
                distances[i * k + j] = nearest[j].Distance;
            }
        }
    }

    /// <inheritdoc />
    protected override void CountWithinCore(Samples samples, ReadOnlySpan<double> radii, bool inclusive, Span<int> counts, KnnNorm norm, NeighborSearch search)
    {
        for (int i = 0; i < samples.Count; i++)
        {
            int c = 0;
            for (int j = 0; j < samples.Count; j++)
            {
                double d = Distance(samples, i, samples, j, norm);
                c += j != i && (inclusive ? d <= radii[i] : d < radii[i]) ? 1 : 0;
            }

            counts[i] = c;
        }
    }

    /// <summary>Every row of <paramref name="reference"/> but <paramref name="exclude"/>, nearest first, ties by index.</summary>
    private static IEnumerable<(double Distance, int Index)> Sorted(Samples queries, int i, Samples reference, int exclude, KnnNorm norm) =>
        Enumerable.Range(0, reference.Count).Where(j => j != exclude)
            .Select(j => (Distance(queries, i, reference, j, norm), j))
            .OrderBy(t => t.Item1).ThenBy(t => t.j);

    /// <summary>Max-norm, or squared Euclidean, coordinates in order.</summary>
    private static double Distance(Samples a, int i, Samples b, int j, KnnNorm norm)
    {
        double m = 0;
        for (int c = 0; c < a.Dimensions; c++)
        {
            double t = a[i, c] - b[j, c];
            m = norm == KnnNorm.Max ? Math.Max(m, Math.Abs(t)) : m + t * t;
        }

        return m;
    }

    /// <summary>The Jacobi rotation that zeroes a[p, q] (Golub &amp; Van Loan, Algorithm 8.5.1).</summary>
    private static void Rotate(double[,] a, int n, int p, int q)
    {
        double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
        double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
        for (int r = 0; r < n; r++)
        {
            double arp = a[r, p], arq = a[r, q];
            a[r, p] = c * arp - s * arq;
            a[r, q] = s * arp + c * arq;
        }

        for (int r = 0; r < n; r++)
        {
            double apr = a[p, r], aqr = a[q, r];
            a[p, r] = c * apr - s * aqr;
            a[q, r] = s * apr + c * aqr;
        }
    }
}
