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
        var input = Prepare(samples, nameof(samples));
        var k = AllocateMatrix(n);
        if (options.Bandwidth.NeedsDistances)
        {
            backend.SquaredDistances(input.Values, k);
        }

        var (reported, width) = Width(options.Bandwidth, input, options.Bandwidth.NeedsDistances ? k : default, nameof(samples));
        KernelAtZero(options.Kernel, width);
        backend.UnitGram(input.Values, options.Kernel, width, k);
        return (k, reported);
    }

    /// <summary>S₂ = −ln ‖A‖²_F in nats for a trace-normalised A (nothing is clipped).</summary>
    internal static (double Nats, double Clipped) FromSquaredNorm(double squaredNorm, int n) => (Clamp(-Math.Log(squaredNorm), n), 0);

    /// <summary>
    /// S_α in nats from the eigenvalues of the trace-normalised A (not of K̃); negatives are clipped and counted. Stable for
    /// any α &gt; 0: Σλ^α is taken relative to λ_max, so a large α cannot underflow every term (S_α → −ln λ_max as α → ∞);
    /// for α &lt; 1, where λ^α lifts round-off eigenvalues towards 1, an estimate that the solver's round-off could move
    /// by more than 0.01 nats is refused, naming the smallest α the spectrum supports.
    /// </summary>
    /// <exception cref="ArgumentException">α &lt; 1 too small for this spectrum.</exception>
    internal static (double Nats, double Clipped) FromNormalizedEigenvalues(ReadOnlySpan<double> eigenvaluesOfA, int n, double alpha)
    {
        double clipped = 0, max = 0;
        foreach (double lambda in eigenvaluesOfA)
        {
            if (lambda <= 0)
            {
                clipped -= lambda;
            }
            else
            {
                max = Math.Max(max, lambda);
            }
        }

        if (alpha == 1)
        {
            double sum = 0;
            foreach (double lambda in eigenvaluesOfA)
            {
                if (lambda > 0)
                {
                    sum -= lambda * Math.Log(lambda);
                }
            }

            return (Clamp(sum, n), clipped);
        }

        // Σλ^α = λ_max^α · Σ(λ/λ_max)^α, the second factor in [1, N].
        double relative = RelativePowerSum(eigenvaluesOfA, max, alpha, 0);
        double nats = (alpha * Math.Log(max) + Math.Log(relative)) / (1 - alpha);
        if (alpha < 1)
        {
            CheckSmallAlpha(eigenvaluesOfA, n, alpha, max);
        }

        return (Clamp(nats, n), clipped);
    }

    /// <summary>Σ over λ &gt; <paramref name="above"/>·λ_max of (λ/λ_max)^α.</summary>
    private static double RelativePowerSum(ReadOnlySpan<double> eigenvalues, double max, double alpha, double above)
    {
        double sum = 0;
        foreach (double lambda in eigenvalues)
        {
            double r = lambda / max;
            if (r > above)
            {
                sum += Math.Pow(r, alpha);
            }
        }

        return sum;
    }

    /// <summary>
    /// The eigenvalues below τ = N·ε·λ_max are round-off (the solver's absolute accuracy); for α &lt; 1 each of the m of them
    /// may add up to τ^α to Σλ^α. The estimate is refused when that could move it by more than 0.01 nats.
    /// </summary>
    private static void CheckSmallAlpha(ReadOnlySpan<double> eigenvalues, int n, double alpha, double max)
    {
        const double Tolerance = 0.01;
        const double MachineEpsilon = 2.220446049250313e-16; // 2^−52 (double.Epsilon is the smallest subnormal)
        double tau = n * MachineEpsilon;
        int m = 0;
        foreach (double lambda in eigenvalues)
        {
            if (lambda / max <= tau)
            {
                m++;
            }
        }

        var values = eigenvalues.ToArray();
        double Uncertainty(double a)
        {
            double above = RelativePowerSum(values, max, a, tau);
            return double.LogP1(m * Math.Pow(tau, a) / above) / (1 - a);
        }

        double u = Uncertainty(alpha);
        if (m == 0 || !(u > Tolerance))
        {
            return;
        }

        // U(α) falls as α grows towards 1: bisect for the smallest α within the tolerance.
        double lo = alpha, hi = 1;
        for (int i = 0; i < 60 && hi - lo > 1e-4; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Uncertainty(mid) > Tolerance)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(alpha), alpha,
            $"alpha = {alpha.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)} is too small for this spectrum: λ^α lifts its {m} " +
            $"eigenvalues below the solver's round-off (N·ε·λ_max ≈ {(tau * max).ToString("G2", System.Globalization.CultureInfo.InvariantCulture)}) " +
            $"towards 1, which could move the estimate by up to {u.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)} nats. " +
            $"The smallest α this input supports within 0.01 nats is about {hi.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}; " +
            "the papers use 1.01.");
    }
}
