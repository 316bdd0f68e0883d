using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The partial-information decomposition proxies of Yu, Wickstrøm, Jenssen &amp; Principe (IEEE TNNLS 32(1) 2021,
/// doi:10.1109/TNNLS.2020.2968509) for a convolutional layer: RST and WNRI over pairs of feature maps, their % forms,
/// and the layer's MMI, all from matrix-based Rényi entropies.
/// </summary>
/// <remarks>
/// Each Gram matrix (X and every map) is built once and reused by every pair; the pair spectra (2 per pair) and the
/// map spectra (2 per map) go to the backend in one batch (<see cref="ComputeBackend.SubsetSpectra"/>; the CPU runs them
/// one matrix per core, or eight per 512-bit vector). Cost: O(C·N²·HW) for the Grams plus O((C² + C)·N³) for the spectra
/// (O(C²·N²) for α = 2). Memory: C + 1 N×N Grams plus the backend's workspace (on the CPU one product per core). Results in nats.
/// Progress comes in the stages <c>gram</c> ((C + 1)·N rows) and <c>spectra</c> (one unit per matrix: X, 2 per map, 2 per
/// pair and 2 for the MMI); cancellation is checked per Gram row, per matrix (per group of matrices on the batched path),
/// and per panel of a large matrix's reduction.
/// </remarks>
public sealed class PartialInformationProxies
{
    // Grams up to this order (0.5 MiB) come from the shared array pool: the pass runs once per step of a training loop,
    // and C + 1 fresh N×N arrays per pass would churn the large-object heap.
    private const int PooledOrder = 256;

    /// <summary>An estimator with the given settings (all pairs, matrix-Rényi defaults).</summary>
    public PartialInformationProxies(PidOptions? options = null) => Options = options ?? PidOptions.Default;

    /// <summary>The settings.</summary>
    public PidOptions Options { get; }

    /// <summary>The proxies for input <paramref name="x"/> and the feature maps of <paramref name="layer"/>.</summary>
    /// <param name="x">N observations of the input X.</param>
    /// <param name="layer">The same N observations of a layer with C ≥ 2 feature maps.</param>
    /// <param name="progress">Receives the stages <c>gram</c> and <c>spectra</c> (see the remarks); null for none.</param>
    /// <param name="cancellationToken">Stops the pass (see the remarks); pooled buffers are returned either way.</param>
    /// <exception cref="ArgumentException">Unusable samples, different sample counts, fewer than 2 maps, or over the memory budget.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public PidResult Estimate(Samples x, FeatureMaps layer, IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.Usable(x, 2);
        Guard.Usable(layer.Flatten(), 2, nameof(layer));
        Guard.SameCount(x, layer.Flatten(), nameof(x), nameof(layer));
        int c = layer.Channels, n = x.Count;
        if (c < 2)
        {
            throw new ArgumentException(
                $"layer has {c} feature map(s); the pair proxies need at least 2. Pass a layer with several maps (N×C×H×W with C ≥ 2).",
                nameof(layer));
        }

        var o = Options.Renyi;
        RenyiEngine.RequireExactMethod(o, "The PID proxies");
        var pairs = SelectPairs(c);
        int jobs = 1 + 2 * c + 2 * pairs.Length + 2;
        bool pooled = n <= PooledOrder;
        RenyiEngine.RequireMemory(o, n, c + 1,
            m => RenyiEngine.SnapshotBytes([x, layer[0]], m) + o.Backend.SpectraWorkspaceBytes(m, jobs) + (long)jobs * m * sizeof(double),
            $"The PID pass over C = {c} maps ({jobs} spectra)");

        var rented = pooled ? new double[c + 1][] : null;
        try
        {
            return Estimate(x, layer, c, n, pairs, jobs, rented, WorkTracker.Create(progress, cancellationToken));
        }
        finally
        {
            foreach (var buffer in rented ?? [])
            {
                if (buffer is not null)
                {
                    System.Buffers.ArrayPool<double>.Shared.Return(buffer);
                }
            }
        }
    }

    private PidResult Estimate(Samples x, FeatureMaps layer, int c, int n, (int I, int J)[] pairs, int jobs, double[]?[]? rented, WorkTracker? work)
    {
        var o = Options.Renyi;
        double alpha = o.Alpha;
        var context = new ComputeContext(work, o.Parallel);
        double[]? Rent(int slot) => rented is null ? null : rented[slot] = System.Buffers.ArrayPool<double>.Shared.Rent(n * n);
        work?.Begin(EstimationStages.Gram, (long)(c + 1) * n);
        var grams = new double[c + 1][];
        var mapWidths = new double[c];
        double inputWidth;
        (grams[0], inputWidth) = RenyiEngine.UnitGram(x, o, context, Rent(0));
        // Small Grams (N is a batch) are built one per core rather than each split across cores.
        Parallel.For(0, c, new ParallelOptions { CancellationToken = context.CancellationToken }, p =>
            (grams[p + 1], mapWidths[p]) = RenyiEngine.UnitGram(layer[p], o, context.Serial, Rent(p + 1)));

        // Spectra: [0] X; per map p: S(Tp), S(Tp, X); per pair: S(Ti, Tj), S(Ti, Tj, X); last two: S(∘T), S(∘T, X)
        // (the layer's MMI). Each job is a Hadamard product of some of the Grams (0 is K_X, 1 + p map p's).
        var subsets = new int[jobs][];
        int[] allMaps = [.. Enumerable.Range(1, c)];
        subsets[0] = [0];
        for (int p = 0; p < c; p++)
        {
            subsets[1 + 2 * p] = [1 + p];
            subsets[2 + 2 * p] = [1 + p, 0];
        }

        for (int q = 0; q < pairs.Length; q++)
        {
            var (i, j) = pairs[q];
            subsets[1 + 2 * c + 2 * q] = [1 + i, 1 + j];
            subsets[2 + 2 * c + 2 * q] = [1 + i, 1 + j, 0];
        }

        subsets[jobs - 2] = allMaps;
        subsets[jobs - 1] = [.. allMaps, 0];
        var entropy = new double[jobs];
        var clipped = new double[jobs];
        work?.Begin(EstimationStages.Spectra, jobs);
        if (alpha == 2)
        {
            var norms = new double[jobs];
            o.Backend.SubsetSquaredNorms(grams, n, subsets, norms, context);
            for (int s = 0; s < jobs; s++)
            {
                (entropy[s], clipped[s]) = RenyiEngine.FromSquaredNorm(norms[s], n);
            }
        }
        else
        {
            var eigenvalues = new double[jobs * n];
            o.Backend.SubsetSpectra(grams, n, subsets, eigenvalues, context);
            for (int s = 0; s < jobs; s++)
            {
                (entropy[s], clipped[s]) = RenyiEngine.FromEigenvalues(eigenvalues.AsSpan(s * n, n), n, alpha);
            }
        }

        double sx = entropy[0];
        var mapInformation = new Information[c];
        for (int p = 0; p < c; p++)
        {
            mapInformation[p] = Information.FromNats(RenyiEngine.TrimRoundOff(sx + entropy[1 + 2 * p] - entropy[2 + 2 * p], n));
        }

        var table = new PidPair[pairs.Length];
        double rstSum = 0, wnriSum = 0, rstRatio = 0, wnriRatio = 0;
        int ratios = 0;
        for (int q = 0; q < pairs.Length; q++)
        {
            var (i, j) = pairs[q];
            var joint = Information.FromNats(RenyiEngine.TrimRoundOff(sx + entropy[1 + 2 * c + 2 * q] - entropy[2 + 2 * c + 2 * q], n));
            var rst = mapInformation[i] + mapInformation[j] - joint;
            var wnri = 2 * joint - mapInformation[i] - mapInformation[j];
            table[q] = new PidPair(i, j, mapInformation[i], mapInformation[j], joint, rst, wnri);
            rstSum += rst.Nats;
            wnriSum += wnri.Nats;
            if (joint.Nats > 1e-12)
            {
                rstRatio += rst / joint;
                wnriRatio += wnri / joint;
                ratios++;
            }
        }

        double st = entropy[jobs - 2];
        double mmi = RenyiEngine.TrimRoundOff(sx + st - entropy[jobs - 1], n);
        return new PidResult(
            RenyiDiagnostics.Estimate(mmi, n, alpha, [inputWidth, .. mapWidths], clipped.Sum(),
                RenyiDiagnostics.LimitedByCeiling(Information.FromNats(sx + st), Information.FromNats(entropy[jobs - 1]), n),
                [RenyiDiagnostics.Check(x, inputWidth, sx), RenyiDiagnostics.Check(layer, mapWidths, st)]),
            Information.FromNats(rstSum / pairs.Length),
            Information.FromNats(wnriSum / pairs.Length),
            ratios > 0 ? 100 * rstRatio / ratios : null,
            ratios > 0 ? 100 * wnriRatio / ratios : null,
            table,
            mapInformation);
    }

    /// <summary>All pairs (i &lt; j) in order, or a seeded sample of distinct pairs, sorted.</summary>
    private (int I, int J)[] SelectPairs(int c)
    {
        var all = new List<(int, int)>(c * (c - 1) / 2);
        for (int i = 0; i < c; i++)
        {
            for (int j = i + 1; j < c; j++)
            {
                all.Add((i, j));
            }
        }

        if (Options.Pairs is not { } wanted || wanted >= all.Count)
        {
            return [.. all];
        }

        // Partial Fisher–Yates with a seeded generator, then back into (i, j) order.
        var random = new Random(Options.Seed);
        for (int k = 0; k < wanted; k++)
        {
            int pick = random.Next(k, all.Count);
            (all[k], all[pick]) = (all[pick], all[k]);
        }

        return [.. all.Take(wanted).Order()];
    }
}
