using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>The matrix-Rényi entropies computed through a <see cref="ComputeBackend"/> other than the managed CPU one.</summary>
internal static partial class RenyiEngine
{
    /// <summary>
    /// As <see cref="JointEntropies"/>, with the Grams, Hadamard products, norms and spectra on <paramref name="backend"/>.
    /// The Grams are built once per variable; S_α of each subset comes from the backend's eigenvalues of A = ∘K̃/N
    /// (or from ‖A‖²_F when α = 2; <see cref="JointEntropies"/> sends Gaussian S₂ with a distance-free width to the
    /// backend's pair sums instead, with no Gram at all). A backend call is not interrupted: <paramref name="work"/> counts
    /// and checks for cancellation between them.
    /// </summary>
    private static (double[] Nats, double[] Widths, double Clipped) JointEntropiesOn(
        ComputeBackend backend, IReadOnlyList<Samples> variables, IReadOnlyList<int[]> subsets, MatrixRenyiOptions options, WorkTracker? work)
    {
        int n = variables[0].Count;
        var widths = new double[variables.Count];
        var grams = new double[variables.Count][];
        work?.Begin(EstimationStages.Gram, (long)variables.Count * n);
        for (int v = 0; v < variables.Count; v++)
        {
            (grams[v], widths[v]) = UnitGramOn(backend, variables[v], options);
            work?.Advance(n);
        }

        var nats = new double[subsets.Count];
        double clipped = 0;
        if (options.Alpha == 2)
        {
            var norms = new double[subsets.Count];
            backend.SubsetSquaredNorms(grams, n, subsets, norms);
            for (int s = 0; s < subsets.Count; s++)
            {
                nats[s] = FromSquaredNorm(norms[s], n).Nats;
            }

            return (nats, widths, 0);
        }

        var eigenvalues = new double[(long)subsets.Count * n];
        work?.Begin(EstimationStages.Eigenvalues, (long)subsets.Count * n);
        backend.SubsetSpectra(grams, n, subsets, eigenvalues);
        work?.Advance((long)subsets.Count * n);
        for (int s = 0; s < subsets.Count; s++)
        {
            double c;
            (nats[s], c) = FromNormalizedEigenvalues(eigenvalues.AsSpan(s * n, n), n, options.Alpha);
            clipped += c;
        }

        return (nats, widths, clipped);
    }

    /// <summary>K̃ of one variable and its σ, built on the options' backend (the CPU path's own code on the CPU).</summary>
    internal static (double[] Matrix, double Width) UnitGramVia(Samples samples, MatrixRenyiOptions options, WorkTracker? work = null)
    {
        if (options.Backend.IsManagedCpu)
        {
            return UnitGram(samples, options, work: work);
        }

        work?.ThrowIfCancellationRequested();
        var gram = UnitGramOn(options.Backend, samples, options);
        work?.Advance(samples.Count);
        return gram;
    }

    /// <summary>K̃ of one variable built on <paramref name="backend"/>, with the width rule resolved as on the CPU path.</summary>
    internal static (double[] Matrix, double Width) UnitGramOn(ComputeBackend backend, Samples samples, MatrixRenyiOptions options)
    {
        int n = samples.Count;
        var k = AllocateMatrix(n, options);
        double width;
        if (options.Bandwidth.NeedsDistances)
        {
            backend.SquaredDistances(samples, k);
            width = options.Bandwidth.Resolve(n, samples.Dimensions, k);
        }
        else
        {
            width = options.Bandwidth.Resolve(n, samples.Dimensions, default);
        }

        KernelAtZero(options.Kernel, width);
        backend.UnitGram(samples, options.Kernel, width, k);
        return (k, width);
    }

    /// <summary>S₂ = −ln ‖A‖²_F in nats for a trace-normalised A (nothing is clipped).</summary>
    internal static (double Nats, double Clipped) FromSquaredNorm(double squaredNorm, int n) => (Clamp(-Math.Log(squaredNorm), n), 0);

    /// <summary>S_α in nats from the eigenvalues of the trace-normalised A (not of K̃); negatives clipped and counted.</summary>
    internal static (double Nats, double Clipped) FromNormalizedEigenvalues(ReadOnlySpan<double> eigenvaluesOfA, int n, double alpha)
    {
        double clipped = 0, sum = 0;
        foreach (double lambda in eigenvaluesOfA)
        {
            if (lambda <= 0)
            {
                clipped -= lambda;
                continue;
            }

            sum += alpha == 1 ? -lambda * Math.Log(lambda) : Math.Pow(lambda, alpha);
        }

        double nats = alpha == 1 ? sum : Math.Log(sum) / (1 - alpha);
        return (Clamp(nats, n), clipped);
    }
}
