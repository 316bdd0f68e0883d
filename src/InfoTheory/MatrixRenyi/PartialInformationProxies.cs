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
        var pairs = SelectPairs(c);
        var subsets = Subsets(c, pairs);
        var work = WorkTracker.Create(progress, cancellationToken);
        if (o.Approximates(n))
        {
            Samples[] variables = [x, .. Enumerable.Range(0, c).Select(p => layer[p])];
            if (RenyiEngine.ApproximateEntropies(variables, subsets, o, work, CombinedEntropies) is { } approximate)
            {
                return Assemble(x, layer, pairs, approximate);
            }
        }

        int jobs = subsets.Length;
        bool pooled = n <= PooledOrder;
        RenyiEngine.RequireMemory(o, n, c + 1,
            m => RenyiEngine.SnapshotBytes([x, layer[0]], m) + o.Backend.SpectraWorkspaceBytes(m, jobs) + (long)jobs * m * sizeof(double),
            $"The PID pass over C = {c} maps ({jobs} spectra)");

        var rented = pooled ? new double[c + 1][] : null;
        try
        {
            return Assemble(x, layer, pairs, ExactEntropies(x, layer, c, n, subsets, rented, work));
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

    /// <summary>
    /// The most entropies one reported number combines, with their weights: WNRI_ij = 2·S(Tⁱ,Tʲ) − 2·S(Tⁱ,Tʲ,X) − S(Tⁱ)
    /// + S(Tⁱ,X) − S(Tʲ) + S(Tʲ,X) (S(X) cancels), 8 in all. The approximate method gives each entropy 1/8 of the
    /// tolerance, so every interval of the result (MMI, each I, RST and WNRI) is at most the tolerance wide.
    /// </summary>
    private const int CombinedEntropies = 8;

    /// <summary>
    /// The pass's entropies, each a Hadamard product of some of the Grams (0 is K_X, 1 + p map p's): [0] X; per map p:
    /// S(Tp), S(Tp, X); per pair: S(Ti, Tj), S(Ti, Tj, X); last two: S(∘T), S(∘T, X) (the layer's MMI).
    /// </summary>
    private static int[][] Subsets(int c, (int I, int J)[] pairs)
    {
        var subsets = new int[1 + 2 * c + 2 * pairs.Length + 2][];
        int[] allMaps = [.. Enumerable.Range(1, c)];
        subsets[0] = [0];
        for (int p = 0; p < c; p++)
        {
            subsets[MapEntropy(p)] = [1 + p];
            subsets[MapEntropy(p) + 1] = [1 + p, 0];
        }

        for (int q = 0; q < pairs.Length; q++)
        {
            var (i, j) = pairs[q];
            subsets[PairEntropy(c, q)] = [1 + i, 1 + j];
            subsets[PairEntropy(c, q) + 1] = [1 + i, 1 + j, 0];
        }

        subsets[^2] = allMaps;
        subsets[^1] = [.. allMaps, 0];
        return subsets;
    }

    /// <summary>The index of S(Tp) among the subsets (S(Tp, X) follows it).</summary>
    private static int MapEntropy(int p) => 1 + 2 * p;

    /// <summary>The index of S(Ti, Tj) of pair q among the subsets (S(Ti, Tj, X) follows it).</summary>
    private static int PairEntropy(int c, int q) => 1 + 2 * c + 2 * q;

    /// <summary>The exact entropies of <see cref="Subsets"/>: every Gram built once, the spectra in one backend batch.</summary>
    private RenyiEngine.JointEntropyResult ExactEntropies(Samples x, FeatureMaps layer, int c, int n, int[][] subsets, double[]?[]? rented, WorkTracker? work)
    {
        var o = Options.Renyi;
        double alpha = o.Alpha;
        int jobs = subsets.Length;
        var context = new ComputeContext(work, o.Parallel);
        double[]? Rent(int slot) => rented is null ? null : rented[slot] = System.Buffers.ArrayPool<double>.Shared.Rent(n * n);
        work?.Begin(EstimationStages.Gram, (long)(c + 1) * n);
        var grams = new double[c + 1][];
        var widths = new double[c + 1];
        (grams[0], widths[0]) = RenyiEngine.UnitGram(x, o, context, Rent(0));
        // Small Grams (N is a batch) are built one per core rather than each split across cores.
        Parallel.For(0, c, new ParallelOptions { CancellationToken = context.CancellationToken }, p =>
            (grams[p + 1], widths[p + 1]) = RenyiEngine.UnitGram(layer[p], o, context.Serial, Rent(p + 1)));

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

        return new(entropy, widths, clipped.Sum());
    }

    /// <summary>
    /// The result from the entropies of <see cref="Subsets"/>. With the approximate method every number is the midpoint
    /// of its certified interval (the intervals by interval arithmetic over the entropies' bounds, an I's lower end at
    /// least 0), and the MMI's <see cref="RenyiDiagnostics.ToleranceMissed"/> is set when any interval of the result is
    /// wider than the tolerance.
    /// </summary>
    private PidResult Assemble(Samples x, FeatureMaps layer, (int I, int J)[] pairs, RenyiEngine.JointEntropyResult entropies)
    {
        var o = Options.Renyi;
        int c = layer.Channels, n = x.Count;
        var s = entropies.Nats;
        int all = s.Length - 2;
        var bounds = entropies.Bounds;
        bool missed = false;

        // Σ weight·S over the terms: the value (trimmed of round-off, or the interval's midpoint) and the interval.
        (Information Value, ConfidenceInterval? Bounds) Combine(bool information, params (int Index, int Weight)[] terms)
        {
            if (bounds is null)
            {
                double sum = terms.Sum(t => t.Weight * s[t.Index]);
                return (Information.FromNats(information ? RenyiEngine.TrimRoundOff(sum, n) : sum), null);
            }

            double lower = terms.Sum(t => t.Weight * (t.Weight > 0 ? bounds[t.Index].Lower : bounds[t.Index].Upper));
            double upper = terms.Sum(t => t.Weight * (t.Weight > 0 ? bounds[t.Index].Upper : bounds[t.Index].Lower));
            lower = information ? Math.Max(0, lower) : lower;
            missed |= upper - lower > o.Tolerance.Nats;
            return (Information.FromNats(0.5 * (lower + upper)), new ConfidenceInterval(Information.FromNats(lower), Information.FromNats(upper), 1));
        }

        var maps = new (Information Value, ConfidenceInterval? Bounds)[c];
        for (int p = 0; p < c; p++)
        {
            maps[p] = Combine(true, (0, 1), (MapEntropy(p), 1), (MapEntropy(p) + 1, -1));
        }

        var table = new PidPair[pairs.Length];
        for (int q = 0; q < pairs.Length; q++)
        {
            var (i, j) = pairs[q];
            int ij = PairEntropy(c, q), ti = MapEntropy(i), tj = MapEntropy(j);
            var joint = Combine(true, (0, 1), (ij, 1), (ij + 1, -1));
            // RST = I(X;Tⁱ) + I(X;Tʲ) − I(X;{Tⁱ,Tʲ}) and WNRI = 2·I(X;{Tⁱ,Tʲ}) − I(X;Tⁱ) − I(X;Tʲ), in entropies.
            var rst = Combine(false, (0, 1), (ti, 1), (ti + 1, -1), (tj, 1), (tj + 1, -1), (ij, -1), (ij + 1, 1));
            var wnri = Combine(false, (ij, 2), (ij + 1, -2), (ti, -1), (ti + 1, 1), (tj, -1), (tj + 1, 1));
            table[q] = new PidPair(i, j, maps[i].Value, maps[j].Value, joint.Value,
                bounds is null ? maps[i].Value + maps[j].Value - joint.Value : rst.Value,
                bounds is null ? 2 * joint.Value - maps[i].Value - maps[j].Value : wnri.Value)
            {
                JointBounds = joint.Bounds,
                RstBounds = rst.Bounds,
                WnriBounds = wnri.Bounds,
            };
        }

        double rstRatio = 0, wnriRatio = 0;
        int ratios = 0;
        foreach (var pair in table.Where(p => p.JointInformation.Nats > 1e-12))
        {
            rstRatio += pair.Rst / pair.JointInformation;
            wnriRatio += pair.Wnri / pair.JointInformation;
            ratios++;
        }

        double sx = s[0], st = s[all];
        var mmi = RenyiDiagnostics.Estimate(entropies, [0, all], [all + 1], RenyiEngine.TrimRoundOff(sx + st - s[all + 1], n), n, o.Alpha,
            RenyiDiagnostics.LimitedByCeiling(Information.FromNats(sx + st), Information.FromNats(s[all + 1]), n),
            [RenyiDiagnostics.Check(x, entropies.Widths[0], sx), RenyiDiagnostics.Check(layer, entropies.Widths.Skip(1).ToArray(), st)], o);
        if (mmi.Diagnostics is RenyiDiagnostics { ToleranceMissed: false } diagnostics && missed)
        {
            mmi = mmi with { Diagnostics = diagnostics with { ToleranceMissed = true } };
        }

        ConfidenceInterval? Mean(Func<PidPair, ConfidenceInterval?> of) => bounds is null ? null : new ConfidenceInterval(
            Information.FromNats(table.Average(p => of(p)!.Value.Low.Nats)), Information.FromNats(table.Average(p => of(p)!.Value.High.Nats)), 1);
        return new PidResult(
            mmi,
            Information.FromNats(table.Average(p => p.Rst.Nats)),
            Information.FromNats(table.Average(p => p.Wnri.Nats)),
            ratios > 0 ? 100 * rstRatio / ratios : null,
            ratios > 0 ? 100 * wnriRatio / ratios : null,
            table,
            [.. maps.Select(m => m.Value)])
        {
            RstBounds = Mean(p => p.RstBounds),
            WnriBounds = Mean(p => p.WnriBounds),
            MapBounds = bounds is null ? null : [.. maps.Select(m => m.Bounds!.Value)],
        };
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
