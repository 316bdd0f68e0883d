using InfoTheory.Internal;
using System.Numerics.Tensors;

namespace InfoTheory;

/// <summary>The certified approximate S_α: a partial Cholesky grown until <see cref="SpectrumBounds"/> is narrow enough.</summary>
internal static partial class RenyiEngine
{
    /// <summary>
    /// What <see cref="JointEntropies"/> computed: one entropy per subset in nats, the widths of the variables in the data's
    /// units, the clipped eigenvalue mass and, with the approximate method, each entropy's certified interval and the
    /// largest factor rank.
    /// </summary>
    internal readonly record struct JointEntropyResult(double[] Nats, double[] Widths, double Clipped)
    {
        /// <summary>Per subset, [lower, upper] in nats containing the exact entropy; null for the exact method.</summary>
        public (double Lower, double Upper)[]? Bounds { get; init; }

        /// <summary>The largest rank of the partial factorisations (approximate method).</summary>
        public int Rank { get; init; }
    }

    /// <summary>
    /// The approximate method: per subset, the certified interval of <see cref="ApproximateEntropy"/> with the tolerance
    /// shared by the <paramref name="combined"/> entropies of the reported value, and its midpoint as the entropy. α = 2
    /// is exact from the streamed pair sums (an interval of width 0). Every width is the rule's times
    /// <paramref name="widthFactor"/> (the width scan). Null when the method is automatic, an interval stays
    /// wider than the tolerance and the exact spectra fit the memory budget: the caller computes them exactly instead.
    /// </summary>
    /// <exception cref="ArgumentException">A kernel other than the Gaussian, a width rule that reads the distances, or a
    /// memory budget too small for one block of the factorisation.</exception>
    internal static JointEntropyResult? ApproximateEntropies(IReadOnlyList<Samples> variables, IReadOnlyList<int[]> subsets, MatrixRenyiOptions options,
        WorkTracker? work, int combined, double widthFactor = 1)
    {
        int n = variables[0].Count;
        if (options.Kernel is not GaussianKernel)
        {
            throw new ArgumentException(
                $"The approximate method needs the Gaussian kernel (its Hadamard products are Gaussian kernels of the scaled, concatenated " +
                $"samples); this estimate uses '{options.Kernel.Name}'. Use the Gaussian kernel or Method = Exact.", "Method");
        }

        if (options.Bandwidth.NeedsDistances)
        {
            throw new ArgumentException(
                $"The approximate method needs a width rule that reads no distances; {options.Bandwidth} reads all N² = {(double)n * n:G3} of them. " +
                "Give Bandwidth.Silverman, Bandwidth.Scott or Bandwidth.Fixed, or Method = Exact.", "Method");
        }

        if (options.Alpha == 2)
        {
            var (exact, reportedWidths) = SecondOrderStreaming(variables, subsets, options, work, widthFactor);
            return new(exact, reportedWidths, 0) { Bounds = [.. exact.Select(v => (v, v))], Rank = 0 };
        }

        int v = variables.Count;
        var prepared = new Samples[v];
        var widths = new double[v];
        var reported = new double[v];
        for (int p = 0; p < v; p++)
        {
            var input = Prepare(variables[p], "samples");
            prepared[p] = input.Values;
            (reported[p], widths[p]) = Width(options.Bandwidth, input, default, "samples");
            (reported[p], widths[p]) = (reported[p] * widthFactor, widths[p] * widthFactor);
        }

        var context = new ComputeContext(work, options.Parallel);
        double tolerance = options.Tolerance.Nats / Math.Max(1, combined);
        var nats = new double[subsets.Count];
        var bounds = new (double Lower, double Upper)[subsets.Count];
        int rank = 0;
        work?.Begin(EstimationStages.Gram, subsets.Count);
        for (int s = 0; s < subsets.Count; s++)
        {
            context.ThrowIfCancellationRequested();
            var scaled = ScaledConcatenation(prepared, widths, subsets[s]);
            int maxRank = MaxRank(options, n, scaled.Dimensions);
            var (lower, upper, r) = ApproximateEntropy(scaled, options.Alpha, tolerance, maxRank, options.Backend, context.WithoutProgress);
            if (options.Method == MatrixRenyiMethod.Automatic && upper - lower > tolerance
                && (double)n * n * sizeof(double) * (variables.Count + 1) <= options.MaxMemoryBytes)
            {
                return null; // the exact spectrum fits and the interval would not: automatic takes the exact value
            }

            bounds[s] = (lower, upper);
            nats[s] = 0.5 * (lower + upper);
            rank = Math.Max(rank, r);
            work?.Advance(1);
        }

        return new(nats, reported, 0) { Bounds = bounds, Rank = rank };
    }

    /// <summary>The largest rank whose factorisation (with the data's copies) fits the memory budget, at most N/4 (one block at least).</summary>
    private static int MaxRank(MatrixRenyiOptions options, int n, int dimensions)
    {
        long budget = options.MaxMemoryBytes - 16L * n * dimensions;
        int low = Math.Min(n, PartialCholesky.BlockSize);
        if (PartialCholesky.Bytes(n, dimensions, low) > budget)
        {
            throw new ArgumentException(
                $"The approximate method needs {PartialCholesky.Bytes(n, dimensions, low) + 16L * n * dimensions:N0} bytes for its first block at " +
                $"N = {n}, d = {dimensions}; MaxMemoryBytes is {options.MaxMemoryBytes:N0}. Raise MaxMemoryBytes or use fewer observations.",
                nameof(MatrixRenyiOptions.MaxMemoryBytes));
        }

        // Beyond N/4 columns the factorisation's N·r² work nears the exact spectrum's: the interval stands as it is then.
        int high = Math.Max(low, n / 4);
        while (low < high)
        {
            int mid = low + (high - low + 1) / 2;
            if (PartialCholesky.Bytes(n, dimensions, mid) <= budget)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    /// <summary>
    /// [lower, upper] on S_α(K̃/N) in nats for the Gaussian Gram of <paramref name="scaled"/> (the variables of a subset
    /// concatenated, each divided by σ·√2, so K̃ᵢⱼ = exp(−‖uᵢ − uⱼ‖²)), and the rank used. The rank grows (from one
    /// block, by half) until the interval is at most <paramref name="toleranceNats"/> wide, <paramref name="maxRank"/> is
    /// reached or the width's decay shows the tolerance out of reach (<see cref="Hopeless"/>);
    /// ‖K̃‖²_F (one streamed pass over the pairs) joins the bounds once that pass costs less than the next doubling.
    /// </summary>
    internal static (double Lower, double Upper, int Rank) ApproximateEntropy(Samples scaled, double alpha, double toleranceNats, int maxRank,
        ComputeBackend backend, ComputeContext context)
    {
        int n = scaled.Count, d = scaled.Dimensions;
        var factor = new PartialCholesky(scaled, context.Parallel);
        double? squaredNorm = null;
        (int Rank, double Width)? previous = null;
        int target = Math.Min(maxRank, PartialCholesky.BlockSize);
        while (true)
        {
            while (factor.Rank < target && factor.Grow(target, context.CancellationToken) > 0)
            {
            }

            var (lower, upper) = Bounds(factor, squaredNorm, n, alpha);
            bool exhausted = factor.Rank < target; // E vanished before the target rank
            bool hopeless = Hopeless(previous, factor.Rank, upper - lower, toleranceNats, maxRank);
            previous = (factor.Rank, upper - lower);
            if (upper - lower <= toleranceNats || exhausted || factor.Rank >= maxRank || hopeless)
            {
                if (upper - lower > toleranceNats && squaredNorm is null)
                {
                    squaredNorm = SquaredNorm(scaled, backend, context);
                    (lower, upper) = Bounds(factor, squaredNorm, n, alpha);
                }

                return (lower, upper, factor.Rank);
            }

            // The next doubling costs about N·r·(d + 3r) multiply-adds; the norm's pass N²·d/2 (and N²/2 exponentials).
            double next = (double)n * target * (d + 3.0 * target);
            if (squaredNorm is null && (double)n * n * (d + 8) / 2 <= next)
            {
                squaredNorm = SquaredNorm(scaled, backend, context);
                (lower, upper) = Bounds(factor, squaredNorm, n, alpha);
                if (upper - lower <= toleranceNats)
                {
                    return (lower, upper, factor.Rank);
                }
            }

            // Grow by half: the interval narrows steadily with the rank, so doubling would overshoot by up to 2× the work.
            target = Math.Min(maxRank, target + Math.Max(PartialCholesky.BlockSize, target / 2));
        }
    }

    /// <summary>
    /// True when the interval narrows too slowly to reach the tolerance within the rank cap: from four blocks on, its width
    /// is extrapolated as a power of the rank through the last two steps, and a rank beyond 4× the cap (or a width that did
    /// not narrow) stops the growth. A long spectral bulk (σ near the data's distances) is recognised after a few blocks
    /// instead of after N/4 columns, at more cost than the exact spectrum.
    /// </summary>
    private static bool Hopeless((int Rank, double Width)? previous, int rank, double width, double tolerance, int maxRank)
    {
        if (previous is not { } last || rank < 4 * PartialCholesky.BlockSize || width <= tolerance || rank <= last.Rank)
        {
            return false;
        }

        double power = Math.Log(last.Width / width) / Math.Log((double)rank / last.Rank);
        return !(power > 0) || rank * Math.Pow(width / tolerance, 1 / power) > 4.0 * maxRank;
    }

    /// <summary>
    /// The bounds widened by the factorisation's round-off: the computed L is exact for a K̃ perturbed by about r·ε per
    /// entry, which moves S by far less than 10⁻⁹ nats at any N a factor fits in memory. For α &lt; 1, λ^α lifts the
    /// eigenvalues that round-off leaves near 0 (up to about 64·r·ε·λ_max): each of the r may add that to Σλ^α, the
    /// same allowance the exact path makes for its own round-off eigenvalues.
    /// </summary>
    private static (double Lower, double Upper) Bounds(PartialCholesky factor, double? squaredNorm, int n, double alpha)
    {
        const double Epsilon = 2.220446049250313e-16; // 2^−52
        var (lower, upper) = SpectrumBounds.Interval(factor.LeadingEigenvalues(), factor.ResidualTrace, squaredNorm, n, alpha);
        int r = factor.Rank + 1;
        double margin = 1e-9 + 64.0 * r * Epsilon * Math.Log(n)
            + (alpha < 1 ? Math.Log(1 + r * Math.Pow(64.0 * r * Epsilon, alpha)) / (1 - alpha) : 0);
        return (Math.Max(0, lower - margin), Math.Min(Math.Log(n), upper + margin));
    }

    /// <summary>‖K̃‖²_F = N + 2·Σ_{i&lt;j} exp(−2‖uᵢ − uⱼ‖²), streamed.</summary>
    private static double SquaredNorm(Samples scaled, ComputeBackend backend, ComputeContext context)
    {
        var values = scaled.ToArray();
        TensorPrimitives.Multiply(values, Math.Sqrt(2), values);
        return scaled.Count + 2 * backend.GaussianPairSum(new Samples(values, scaled.Dimensions), context);
    }

    /// <summary>
    /// The variables of <paramref name="subset"/> side by side, each divided by its σ·√2 (σ in the snapshot's units), so
    /// that the Gaussian Gram of the result is the Hadamard product of theirs.
    /// </summary>
    internal static Samples ScaledConcatenation(Samples[] prepared, double[] widths, int[] subset)
    {
        int n = prepared[0].Count, dimensions = subset.Sum(p => prepared[p].Dimensions);
        var scaled = new double[(long)n * dimensions];
        var row = new double[dimensions];
        for (int i = 0; i < n; i++)
        {
            int at = 0;
            foreach (int p in subset)
            {
                var part = row.AsSpan(0, prepared[p].Dimensions);
                prepared[p].CopyRowTo(i, part);
                TensorPrimitives.Divide(part, widths[p] * Math.Sqrt(2), scaled.AsSpan((int)((long)i * dimensions + at), part.Length));
                at += part.Length;
            }
        }

        return new Samples(scaled, dimensions);
    }
}
