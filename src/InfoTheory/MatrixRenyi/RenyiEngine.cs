using System.Numerics.Tensors;
using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The shared machinery of the matrix-based Rényi estimators: unit-diagonal kernel matrices K̃ (K̃ᵢᵢ = 1, so the
/// trace-normalised Gram is A = K̃/N), their Hadamard products, and S_α of A.
/// </summary>
/// <remarks>
/// For a radial kernel κ(0) is the same for every observation, so the normalisation Aᵢⱼ = Kᵢⱼ/(N·√(KᵢᵢKⱼⱼ)) is
/// K/(N·κ(0)); a Hadamard product of unit-diagonal matrices is again unit-diagonal, so its trace normalisation is
/// also a division by N. Entropies are computed in nats.
/// </remarks>
internal static partial class RenyiEngine
{
    private const int RowBlock = 64;

    /// <summary>
    /// Joint entropies, in nats, of the Hadamard products over each subset of <paramref name="variables"/>. With
    /// <paramref name="work"/>: stage <c>gram</c> counts the Gram rows of every variable (or the streamed rows of S₂),
    /// stage <c>eigenvalues</c> the reduction columns of every subset's spectrum; both check for cancellation as they go.
    /// </summary>
    public static (double[] Nats, double[] Widths, double Clipped) JointEntropies(
        IReadOnlyList<Samples> variables, IReadOnlyList<int[]> subsets, MatrixRenyiOptions options, WorkTracker? work = null)
    {
        int n = variables[0].Count;
        // S₂ with a width that needs no distances streams pair sums, no N×N matrix: any kernel on the CPU, the Gaussian
        // (through the backend's GaussianPairSum) on other backends.
        if (options.Alpha == 2 && !options.Bandwidth.NeedsDistances && (options.Backend.IsManagedCpu || options.Kernel is GaussianKernel))
        {
            RequireMemory(options, n, 0, 2 * SnapshotBytes(variables), Describe(subsets));
            var (nats, widths) = SecondOrderStreaming(variables, subsets, options, work);
            return (nats, widths, 0);
        }

        if (!options.Backend.IsManagedCpu)
        {
            RequireMemory(options, n, variables.Count, SnapshotBytes(variables) + (long)subsets.Count * n * sizeof(double), Describe(subsets));
            return JointEntropiesOn(options.Backend, variables, subsets, options, work);
        }

        // One entropy of one variable works on its Gram in place; anything else needs one more matrix for the products.
        bool inPlace = variables.Count == 1 && subsets.Count == 1;
        RequireMemory(options, n, variables.Count + (inPlace ? 0 : 1), SnapshotBytes(variables) + EigenWorkspaceBytes(n), Describe(subsets));
        var grams = new double[variables.Count][];
        var widthsOut = new double[variables.Count];
        work?.Begin(EstimationStages.Gram, (long)variables.Count * n);
        for (int v = 0; v < variables.Count; v++)
        {
            (grams[v], widthsOut[v]) = UnitGram(variables[v], options, work: work);
        }

        var result = new double[subsets.Count];
        double clipped = 0;
        var product = inPlace ? grams[0] : AllocateMatrix(n);
        if (options.Alpha != 2)
        {
            work?.Begin(EstimationStages.Eigenvalues, (long)subsets.Count * n);
        }

        for (int s = 0; s < subsets.Count; s++)
        {
            work?.ThrowIfCancellationRequested();
            if (!inPlace)
            {
                HadamardInto(grams, subsets[s], product);
            }

            double c;
            (result[s], c) = Entropy(product, n, options.Alpha, options.Parallel, work);
            clipped += c;
        }

        return (result, widthsOut, clipped);
    }

    /// <summary>
    /// The unit-diagonal kernel matrix K̃ of one variable (row-major N×N, symmetric) and the σ used, written into
    /// <paramref name="destination"/> (its first N² entries) when one is given, else into a new array. Counts its N rows
    /// to <paramref name="work"/>, which checks for cancellation per row.
    /// </summary>
    public static (double[] Matrix, double Width) UnitGram(Samples samples, MatrixRenyiOptions options, double[]? destination = null,
        WorkTracker? work = null)
    {
        int n = samples.Count;
        var input = Prepare(samples, nameof(samples));
        double[] k = destination is not null && destination.Length >= n * n ? destination : AllocateMatrix(n);
        var distances = new PairwiseDistances(input.Values);
        PairwiseDistances.Rows(n, options.Parallel, i => distances.LowerRow(i, k.AsSpan(i * n, i)), work);
        if (options.Bandwidth.NeedsDistances)
        {
            PairwiseDistances.MirrorLower(k, n);
        }

        var (reported, width) = Width(options.Bandwidth, input, options.Bandwidth.NeedsDistances ? k : default, nameof(samples));
        double k0 = KernelAtZero(options.Kernel, width);
        PairwiseDistances.Rows(n, options.Parallel, i =>
        {
            var row = k.AsSpan(i * n, i);
            options.Kernel.Evaluate(row, width, row);
            if (k0 != 1)
            {
                TensorPrimitives.Divide(row, k0, row);
            }

            k[i * n + i] = 1;
        }, work?.CancellationOnly);
        PairwiseDistances.MirrorLower(k, n);
        return (k, reported);
    }

    /// <summary>
    /// S_α(K̃/N) in nats and the clipped negative eigenvalue mass; destroys <paramref name="unitGram"/> unless α = 2. The
    /// reduction counts its N columns to <paramref name="work"/> and checks for cancellation per panel.
    /// </summary>
    public static (double Nats, double Clipped) Entropy(Span<double> unitGram, int n, double alpha, bool parallel, WorkTracker? work = null)
    {
        if (alpha == 2)
        {
            return (Clamp(2 * Math.Log(n) - Math.Log(TensorPrimitives.SumOfSquares(unitGram[..(n * n)])), n), 0);
        }

        var eigenvalues = new double[n];
        SymmetricEigenvalues.ComputeInPlace(unitGram, n, eigenvalues, parallel, work);
        return FromEigenvalues(eigenvalues, n, alpha);
    }

    /// <summary>S_α in nats from the eigenvalues of K̃ (A = K̃/N has eigenvalues λ/N); negatives are clipped and counted.</summary>
    public static (double Nats, double Clipped) FromEigenvalues(ReadOnlySpan<double> eigenvaluesOfUnitGram, int n, double alpha)
    {
        var normalized = new double[eigenvaluesOfUnitGram.Length];
        for (int i = 0; i < normalized.Length; i++)
        {
            normalized[i] = eigenvaluesOfUnitGram[i] / n;
        }

        return FromNormalizedEigenvalues(normalized, n, alpha);
    }

    /// <summary>Σ over all entries of (∘ K̃ over the subset)², without storing any N×N matrix: S_2 = 2·ln N − ln Σ.</summary>
    private static (double[] Nats, double[] Widths) SecondOrderStreaming(
        IReadOnlyList<Samples> variables, IReadOnlyList<int[]> subsets, MatrixRenyiOptions options, WorkTracker? work)
    {
        int n = variables[0].Count, v = variables.Count;
        // The scale-free snapshots and their widths do the work; the widths in the data's units are reported.
        var prepared = new Samples[v];
        var widths = new double[v];
        var reported = new double[v];
        for (int p = 0; p < v; p++)
        {
            var input = Prepare(variables[p], "samples");
            prepared[p] = input.Values;
            (reported[p], widths[p]) = Width(options.Bandwidth, input, default, "samples");
        }

        variables = prepared;

        if (options.Kernel is GaussianKernel)
        {
            // One pass over the rows per subset; a backend's pass is counted when it returns.
            var backend = options.Backend;
            work?.Begin(EstimationStages.Gram, (long)subsets.Count * n);
            Func<Samples, double> pairSum = backend.IsManagedCpu
                ? x => GaussianPairSum(x, options.Parallel, work)
                : x =>
                {
                    double sum = backend.GaussianPairSum(x);
                    work?.Advance(n);
                    return sum;
                };
            return (GaussianSecondOrder(variables, widths, subsets, pairSum, work), reported);
        }

        work?.Begin(EstimationStages.Gram, n);

        var distances = new PairwiseDistances[v];
        var k0 = new double[v];
        for (int p = 0; p < v; p++)
        {
            distances[p] = new PairwiseDistances(variables[p]);
            k0[p] = KernelAtZero(options.Kernel, widths[p]);
        }

        var offDiagonal = SumOverRows(n, subsets.Count, options.Parallel, () =>
        {
            var rows = new double[v * n];
            var product = new double[n];
            return (i, sums) =>
            {
                for (int p = 0; p < v; p++)
                {
                    var row = rows.AsSpan(p * n, i);
                    distances[p].LowerRow(i, row);
                    options.Kernel.Evaluate(row, widths[p], row);
                    if (k0[p] != 1)
                    {
                        TensorPrimitives.Divide(row, k0[p], row);
                    }
                }

                for (int s = 0; s < subsets.Count; s++)
                {
                    var prod = product.AsSpan(0, i);
                    var subset = subsets[s];
                    rows.AsSpan(subset[0] * n, i).CopyTo(prod);
                    for (int q = 1; q < subset.Length; q++)
                    {
                        TensorPrimitives.Multiply(prod, rows.AsSpan(subset[q] * n, i), prod);
                    }

                    sums[s] += TensorPrimitives.SumOfSquares(prod);
                }
            };
        }, work);

        var nats = offDiagonal.Select(sum => SecondOrderFromOffDiagonal(sum, n)).ToArray();
        return (nats, reported);
    }

    /// <summary>
    /// S_2 for Gaussian kernels, one exponential per pair and subset: K_p² = exp(−‖x/σ_p − y/σ_p‖²), so the squared
    /// Hadamard product over a subset is exp(−‖u − v‖²) for the concatenation u of the variables each divided by σ_p.
    /// <paramref name="pairSum"/> gives Σ_{i&gt;j} exp(−‖uᵢ − uⱼ‖²) (the CPU's or a backend's).
    /// </summary>
    private static double[] GaussianSecondOrder(IReadOnlyList<Samples> variables, double[] widths, IReadOnlyList<int[]> subsets,
        Func<Samples, double> pairSum, WorkTracker? work)
    {
        int n = variables[0].Count;
        var nats = new double[subsets.Count];
        for (int s = 0; s < subsets.Count; s++)
        {
            work?.ThrowIfCancellationRequested();
            int dimensions = subsets[s].Sum(p => variables[p].Dimensions);
            var scaled = new double[n * dimensions];
            var row = new double[dimensions];
            for (int i = 0; i < n; i++)
            {
                int at = i * dimensions;
                foreach (int p in subsets[s])
                {
                    var part = row.AsSpan(0, variables[p].Dimensions);
                    variables[p].CopyRowTo(i, part);
                    TensorPrimitives.Divide(part, widths[p], scaled.AsSpan(at, part.Length));
                    at += part.Length;
                }
            }

            nats[s] = SecondOrderFromOffDiagonal(pairSum(new Samples(scaled, dimensions)), n);
        }

        return nats;
    }

    /// <summary>
    /// Σ_{i&gt;j} exp(−‖xᵢ − xⱼ‖²) with no N×N matrix, rows in fixed blocks (the same sum for any thread count); the N
    /// rows are counted to <paramref name="work"/>.
    /// </summary>
    internal static double GaussianPairSum(Samples samples, bool parallel, WorkTracker? work = null)
    {
        int n = samples.Count;
        var distances = new PairwiseDistances(samples.ToDouble());
        return SumOverRows(n, 1, parallel, () =>
        {
            var scratch = new double[n];
            return (i, sums) => sums[0] += distances.SumOfNegativeExponentials(i, scratch);
        }, work)[0];
    }

    /// <summary>Adds row <c>i</c>'s contribution to each of the sums.</summary>
    private delegate void RowTerm(int row, Span<double> sums);

    /// <summary>
    /// Σ over rows of <paramref name="width"/> sums, rows taken in fixed blocks, each block summed in order and the blocks
    /// then added in order: the result does not depend on the number of threads. <paramref name="newWorker"/> gives each
    /// block its own scratch buffers. Each block's rows are counted to <paramref name="work"/> when it is done (a block of
    /// 64 rows takes milliseconds, which bounds how late a cancellation is seen).
    /// </summary>
    private static double[] SumOverRows(int n, int width, bool parallel, Func<RowTerm> newWorker, WorkTracker? work)
    {
        int blocks = (n + RowBlock - 1) / RowBlock;
        var partial = new double[blocks * width];
        void Block(int b)
        {
            var term = newWorker();
            var sums = partial.AsSpan(b * width, width);
            int end = Math.Min(n, (b + 1) * RowBlock);
            for (int i = b * RowBlock; i < end; i++)
            {
                term(i, sums);
            }

            work?.Advance(end - b * RowBlock);
        }

        if (parallel && blocks > 1)
        {
            System.Threading.Tasks.Parallel.For(0, blocks, work?.ParallelOptions ?? new ParallelOptions(), Block);
        }
        else
        {
            for (int b = 0; b < blocks; b++)
            {
                Block(b);
            }
        }

        var total = new double[width];
        for (int b = 0; b < blocks; b++)
        {
            for (int s = 0; s < width; s++)
            {
                total[s] += partial[b * width + s];
            }
        }

        return total;
    }

    /// <summary>S₂ = 2·ln N − ln ΣK̃ᵢⱼ²: the diagonal gives N ones and each off-diagonal pair appears twice.</summary>
    private static double SecondOrderFromOffDiagonal(double offDiagonal, int n) => Clamp(2 * Math.Log(n) - Math.Log(n + 2 * offDiagonal), n);

    /// <summary>destination = ∘ over the subset of the unit-diagonal matrices.</summary>
    public static void HadamardInto(double[][] grams, int[] subset, Span<double> destination)
    {
        grams[subset[0]].AsSpan(0, destination.Length).CopyTo(destination);
        for (int q = 1; q < subset.Length; q++)
        {
            TensorPrimitives.Multiply(destination, grams[subset[q]].AsSpan(0, destination.Length), destination);
        }
    }

    /// <summary>An N×N matrix; the call's memory plan (<see cref="RequireMemory"/>) has been checked before.</summary>
    public static double[] AllocateMatrix(int n) => new double[(long)n * n];

    /// <summary>The eigen solvers' workspace besides the matrix itself: panels of 32 to 64 columns per thread.</summary>
    internal static long EigenWorkspaceBytes(int n) => (long)n * 64 * (4 + Environment.ProcessorCount) * sizeof(double);

    /// <summary>What a set of subsets computes, for the memory message.</summary>
    private static string Describe(IReadOnlyList<int[]> subsets) =>
        subsets.Count == 1 && subsets[0].Length == 1 ? "A matrix-based Rényi entropy" : $"An estimate of {subsets.Count} matrix-based Rényi entropies";

    /// <summary>0 ≤ S ≤ ln N holds exactly; round-off beyond it is trimmed, anything larger is a bug.</summary>
    private static double Clamp(double nats, int n)
    {
        double max = Math.Log(n), slack = 1e-9 * Math.Max(1, max);
        if (!(nats >= -slack && nats <= max + slack))
        {
            throw new InvalidOperationException(
                $"Internal error: an entropy of {nats} nats is outside [0, ln {n}]. Please report this with the input.");
        }

        return Math.Clamp(nats, 0, max);
    }

    /// <summary>A difference of entropies that is ≥ 0 in exact arithmetic: round-off below 0 is trimmed, nothing else.</summary>
    public static double TrimRoundOff(double nats, int n) => nats < 0 && nats > -1e-10 * Math.Max(1, Math.Log(n)) ? 0 : nats;

    private static double KernelAtZero(IKernel kernel, double width)
    {
        double k0 = kernel.Evaluate(0, width);
        if (!(k0 > 0) || !double.IsFinite(k0))
        {
            throw new ArgumentException(
                $"The kernel '{kernel.Name}' gives κ(x, x) = {k0} at σ = {width}; a positive-definite kernel needs a finite κ(x, x) > 0.",
                "Kernel");
        }

        return k0;
    }

}
