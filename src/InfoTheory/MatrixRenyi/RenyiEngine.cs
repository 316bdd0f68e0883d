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
    /// <summary>
    /// Joint entropies, in nats, of the Hadamard products over each subset of <paramref name="variables"/>, all work on the
    /// options' backend. With <paramref name="work"/>: stage <c>gram</c> counts the Gram rows of every variable (or the
    /// streamed rows of S₂), stage <c>eigenvalues</c> the reduction columns of every subset's spectrum; both check for
    /// cancellation as they go.
    /// </summary>
    /// <remarks>With <see cref="MatrixRenyiOptions.Approximates"/>, certified intervals instead (see
    /// <see cref="ApproximateEntropies"/>); <paramref name="combined"/> is how many of the entropies the caller adds or
    /// subtracts into the one value it reports, which shares the tolerance.</remarks>
    public static JointEntropyResult JointEntropies(
        IReadOnlyList<Samples> variables, IReadOnlyList<int[]> subsets, MatrixRenyiOptions options, WorkTracker? work = null, int combined = 1)
    {
        int n = variables[0].Count;
        if (options.Approximates(n) && ApproximateEntropies(variables, subsets, options, work, combined) is { } approximate)
        {
            return approximate;
        }

        var backend = options.Backend;
        // S₂ with a width that needs no distances streams pair sums: no N×N matrix.
        if (options.Alpha == 2 && !options.Bandwidth.NeedsDistances)
        {
            RequireMemory(options, n, 0, m => 2 * SnapshotBytes(variables, m), Describe(subsets));
            var (nats, widths) = SecondOrderStreaming(variables, subsets, options, work);
            return new(nats, widths, 0);
        }

        // One entropy of one variable works on its Gram in place; anything else needs one more matrix for the products.
        bool inPlace = variables.Count == 1 && subsets.Count == 1;
        RequireMemory(options, n, variables.Count + (inPlace ? 0 : 1),
            m => SnapshotBytes(variables, m) + (options.Alpha == 2 ? 0 : backend.SpectraWorkspaceBytes(m, 1)), Describe(subsets));
        var context = new ComputeContext(work, options.Parallel);
        var grams = new double[variables.Count][];
        var widthsOut = new double[variables.Count];
        work?.Begin(EstimationStages.Gram, (long)variables.Count * n);
        for (int v = 0; v < variables.Count; v++)
        {
            (grams[v], widthsOut[v]) = UnitGram(variables[v], options, context);
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
                backend.HadamardProduct(grams, subsets[s], n, product);
            }

            double c;
            (result[s], c) = Entropy(backend, product, n, options.Alpha, context);
            clipped += c;
        }

        return new(result, widthsOut, clipped);
    }

    /// <summary>
    /// The unit-diagonal kernel matrix K̃ of one variable (row-major N×N, symmetric) and the σ used (in the data's units),
    /// built on the options' backend and written into <paramref name="destination"/> (its first N² entries) when one is
    /// given, else into a new array. Counts its N rows to <paramref name="work"/>, which checks for cancellation per row.
    /// </summary>
    public static (double[] Matrix, double Width) UnitGram(Samples samples, MatrixRenyiOptions options, double[]? destination = null,
        WorkTracker? work = null) => UnitGram(samples, options, new ComputeContext(work, options.Parallel), destination);

    /// <summary>
    /// As <see cref="UnitGram(Samples, MatrixRenyiOptions, double[], WorkTracker)"/> within an estimate's context: the
    /// snapshot, the width rule (from the distances for the median, which the backend then turns into K̃ in place) and
    /// the backend's Gram.
    /// </summary>
    public static (double[] Matrix, double Width) UnitGram(Samples samples, MatrixRenyiOptions options, ComputeContext context, double[]? destination = null)
    {
        int n = samples.Count;
        var backend = options.Backend;
        var input = Prepare(samples, nameof(samples));
        double[] k = destination is not null && destination.Length >= n * n ? destination : AllocateMatrix(n);
        var matrix = k.AsSpan(0, n * n);
        if (options.Bandwidth.NeedsDistances)
        {
            backend.SquaredDistances(input.Values, matrix, context);
            var (reported, width) = Width(options.Bandwidth, input, matrix, nameof(samples));
            KernelAtZero(options.Kernel, width);
            // The rows were counted as the distances were made.
            backend.UnitGramFromSquaredDistances(matrix, n, options.Kernel, width, context.WithoutProgress);
            return (k, reported);
        }
        else
        {
            var (reported, width) = Width(options.Bandwidth, input, default, nameof(samples));
            KernelAtZero(options.Kernel, width);
            backend.UnitGram(input.Values, options.Kernel, width, matrix, context);
            return (k, reported);
        }
    }

    /// <summary>
    /// S_α(K̃/N) in nats and the clipped negative eigenvalue mass, on <paramref name="backend"/>; destroys
    /// <paramref name="unitGram"/> unless α = 2. The reduction counts its N columns to the context.
    /// </summary>
    public static (double Nats, double Clipped) Entropy(ComputeBackend backend, Span<double> unitGram, int n, double alpha, ComputeContext context)
    {
        if (alpha == 2)
        {
            return FromSquaredNorm(backend.SquaredFrobeniusNorm(unitGram[..(n * n)]), n);
        }

        var eigenvalues = new double[n];
        backend.EigenvaluesInPlace(unitGram, n, eigenvalues, context);
        return FromEigenvalues(eigenvalues, n, alpha);
    }

    /// <summary>
    /// S₂ with no N×N matrix: for Gaussian kernels the backend's pair sums of the scaled concatenated variables (one pass
    /// per subset), for any other kernel its kernel pair sums (one pass for all subsets).
    /// </summary>
    private static (double[] Nats, double[] Widths) SecondOrderStreaming(
        IReadOnlyList<Samples> variables, IReadOnlyList<int[]> subsets, MatrixRenyiOptions options, WorkTracker? work, double widthFactor = 1)
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
            (reported[p], widths[p]) = (reported[p] * widthFactor, widths[p] * widthFactor);
            KernelAtZero(options.Kernel, widths[p]);
        }

        var context = new ComputeContext(work, options.Parallel);
        if (options.Kernel is GaussianKernel)
        {
            work?.Begin(EstimationStages.Gram, (long)subsets.Count * n);
            return (GaussianSecondOrder(options.Backend, prepared, widths, subsets, context), reported);
        }

        work?.Begin(EstimationStages.Gram, n);
        var sums = new double[subsets.Count];
        options.Backend.KernelPairSums(prepared, widths, options.Kernel, subsets, sums, context);
        return (sums.Select(sum => SecondOrderFromOffDiagonal(sum, n)).ToArray(), reported);
    }

    /// <summary>
    /// S_2 for Gaussian kernels, one exponential per pair and subset: K_p² = exp(−‖x/σ_p − y/σ_p‖²), so the squared
    /// Hadamard product over a subset is exp(−‖u − v‖²) for the concatenation u of the variables each divided by σ_p.
    /// </summary>
    private static double[] GaussianSecondOrder(ComputeBackend backend, Samples[] variables, double[] widths, IReadOnlyList<int[]> subsets,
        ComputeContext context)
    {
        int n = variables[0].Count;
        var nats = new double[subsets.Count];
        for (int s = 0; s < subsets.Count; s++)
        {
            context.ThrowIfCancellationRequested();
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

            nats[s] = SecondOrderFromOffDiagonal(backend.GaussianPairSum(new Samples(scaled, dimensions), context), n);
        }

        return nats;
    }

    /// <summary>S₂ = 2·ln N − ln ΣK̃ᵢⱼ²: the diagonal gives N ones and each off-diagonal pair appears twice.</summary>
    private static double SecondOrderFromOffDiagonal(double offDiagonal, int n) => Clamp(2 * Math.Log(n) - Math.Log(n + 2 * offDiagonal), n);

    /// <summary>
    /// I(X;Y) in nats at σ_X·f and σ_Y·f for each factor f (σ from the options' rule), the distances computed once: per
    /// factor only the kernels, the Hadamard product and three spectra are redone. Returns the values and the widths used
    /// (in the data's units, X then Y, per factor) with the joint and marginal entropies for the saturation rule.
    /// </summary>
    public static (double Mi, double Sx, double Sy, double Sxy, double WidthX, double WidthY)[] MutualInformationAcrossWidths(
        Samples x, Samples y, IReadOnlyList<double> factors, MatrixRenyiOptions options, WorkTracker? work)
    {
        int n = x.Count;
        var backend = options.Backend;
        RequireMemory(options, n, 5, m => SnapshotBytes([x, y], m) + (options.Alpha == 2 ? 0 : backend.SpectraWorkspaceBytes(m, 1)),
            $"A mutual information at {factors.Count} widths");
        var context = new ComputeContext(work, options.Parallel);
        GramInput[] inputs = [Prepare(x, nameof(x)), Prepare(y, nameof(y))];
        var distances = new double[2][];
        var widths = new (double Reported, double Scaled)[2];
        work?.Begin(EstimationStages.Gram, 2L * n);
        for (int v = 0; v < 2; v++)
        {
            distances[v] = AllocateMatrix(n);
            backend.SquaredDistances(inputs[v].Values, distances[v], context);
            widths[v] = Width(options.Bandwidth, inputs[v], distances[v], v == 0 ? nameof(x) : nameof(y));
        }

        if (options.Alpha != 2)
        {
            work?.Begin(EstimationStages.Eigenvalues, 3L * n * factors.Count);
        }

        double[][] grams = [AllocateMatrix(n), AllocateMatrix(n)];
        var product = AllocateMatrix(n);
        var result = new (double, double, double, double, double, double)[factors.Count];
        for (int f = 0; f < factors.Count; f++)
        {
            work?.ThrowIfCancellationRequested();
            for (int v = 0; v < 2; v++)
            {
                double width = widths[v].Scaled * factors[f];
                KernelAtZero(options.Kernel, width);
                distances[v].CopyTo(grams[v], 0);
                backend.UnitGramFromSquaredDistances(grams[v], n, options.Kernel, width, context.WithoutProgress);
            }

            backend.HadamardProduct(grams, [0, 1], n, product);
            var (sxy, _) = Entropy(backend, product, n, options.Alpha, context);
            var (sx, _) = Entropy(backend, grams[0], n, options.Alpha, context);
            var (sy, _) = Entropy(backend, grams[1], n, options.Alpha, context);
            result[f] = (TrimRoundOff(sx + sy - sxy, n), sx, sy, sxy, widths[0].Reported * factors[f], widths[1].Reported * factors[f]);
        }

        return result;
    }

    /// <summary>An N×N matrix; the call's memory plan (<see cref="RequireMemory"/>) has been checked before.</summary>
    public static double[] AllocateMatrix(int n) => new double[(long)n * n];

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
