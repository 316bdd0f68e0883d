using System.Numerics.Tensors;
using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The partial-information decomposition proxies of Yu, Wickstrøm, Jenssen &amp; Principe (IEEE TNNLS 32(1) 2021,
/// doi:10.1109/TNNLS.2020.2968509) for a convolutional layer: RST and WNRI over pairs of feature maps, their % forms,
/// and the layer's MMI, all from matrix-based Rényi entropies.
/// </summary>
/// <remarks>
/// Each Gram matrix (X and every map) is built once and reused by every pair; the pair spectra (2 per pair) and the
/// map spectra (2 per map) run in parallel, one matrix per core, each in a per-thread workspace. Cost: O(C·N²·HW) for the
/// Grams plus O((C² + C)·N³) for the spectra (O(C²·N²) for α = 2). Memory: (C + 1 + cores) N×N matrices. Results in nats.
/// Progress comes in the stages <c>gram</c> ((C + 1)·N rows) and <c>spectra</c> (one unit per matrix: X, 2 per map, 2 per
/// pair and 2 for the MMI); cancellation is checked per Gram row, per matrix (per group of matrices on the batched path),
/// and per panel of a large matrix's reduction.
/// </remarks>
public sealed partial class PartialInformationProxies
{
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
        double alpha = o.Alpha;
        var pairs = SelectPairs(c);
        int jobs = 1 + 2 * c + 2 * pairs.Length + 2;
        bool interleaved = o.Backend.IsManagedCpu && alpha != 2 && SymmetricEigenvalues.UseInterleaved(n, jobs);
        // C + 1 Grams, plus one product matrix per core on the CPU's per-spectrum path.
        int products = o.Backend.IsManagedCpu && !interleaved ? Environment.ProcessorCount : 0;
        RenyiEngine.RequireMemory(o, n, c + 1 + products,
            RenyiEngine.SnapshotBytes([x, layer[0]]) + RenyiEngine.EigenWorkspaceBytes(n) + (long)jobs * n * sizeof(double),
            $"The PID pass over C = {c} maps ({jobs} spectra)");

        // The interleaved path reads the Grams by row only, so they can be pooled buffers (longer than N²): PID runs
        // once per step in a training loop, and C + 1 fresh N×N arrays per pass would churn the large-object heap.
        var rented = interleaved ? new double[c + 1][] : null;
        try
        {
            return Estimate(x, layer, c, n, pairs, jobs, interleaved, rented, WorkTracker.Create(progress, cancellationToken));
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

    private PidResult Estimate(Samples x, FeatureMaps layer, int c, int n, (int I, int J)[] pairs, int jobs, bool interleaved, double[]?[]? rented,
        WorkTracker? work)
    {
        var o = Options.Renyi;
        double alpha = o.Alpha;
        double[]? Rent(int slot) => rented is null ? null : rented[slot] = System.Buffers.ArrayPool<double>.Shared.Rent(n * n);
        work?.Begin(EstimationStages.Gram, (long)(c + 1) * n);
        var (kx, inputWidth) = rented is null ? RenyiEngine.UnitGramVia(x, o, work) : RenyiEngine.UnitGram(x, o, Rent(c), work);
        var maps = new double[c][];
        var mapWidths = new double[c];
        // Small Grams (N is a batch) are built one per core rather than each split across cores.
        var serial = o with { Parallel = false };
        var token = work?.Token ?? default;
        Parallel.For(0, c, new ParallelOptions { CancellationToken = token }, p => (maps[p], mapWidths[p]) = rented is null
            ? RenyiEngine.UnitGramVia(layer[p], serial, work)
            : RenyiEngine.UnitGram(layer[p], serial, Rent(p), work));

        // Spectra: [0] X; per map p: S(Tp), S(Tp, X); per pair: S(Ti, Tj), S(Ti, Tj, X); last two: S(∘T), S(∘T, X)
        // (the layer's MMI). Each job is a Hadamard product of some of the Grams, with or without K_X.
        var factors = new double[jobs][][];
        var allMaps = maps;
        factors[0] = [kx];
        for (int p = 0; p < c; p++)
        {
            factors[1 + 2 * p] = [maps[p]];
            factors[2 + 2 * p] = [maps[p], kx];
        }

        for (int q = 0; q < pairs.Length; q++)
        {
            var (i, j) = pairs[q];
            factors[1 + 2 * c + 2 * q] = [maps[i], maps[j]];
            factors[2 + 2 * c + 2 * q] = [maps[i], maps[j], kx];
        }

        factors[jobs - 2] = allMaps;
        factors[jobs - 1] = [.. allMaps, kx];
        var entropy = new double[jobs];
        var clipped = new double[jobs];
        var loop = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = token };
        work?.Begin(EstimationStages.Spectra, jobs);
        if (!o.Backend.IsManagedCpu)
        {
            SpectraOnBackend(o, factors, n, entropy, clipped);
            work?.Advance(jobs);
        }
        else if (interleaved)
        {
            SpectraInterleaved(factors, n, alpha, entropy, clipped, loop, work);
        }
        else
        {
            // Each spectrum checks the token per panel of its own reduction too (a job at large N takes seconds).
            var inner = work?.CancellationOnly;
            Parallel.For(0, jobs, loop, () => RenyiEngine.AllocateMatrix(n), (job, _, product) =>
            {
                work?.ThrowIfCancellationRequested();
                var f = factors[job];
                f[0].CopyTo(product, 0);
                for (int k = 1; k < f.Length; k++)
                {
                    TensorPrimitives.Multiply(product, f[k], product);
                }

                (entropy[job], clipped[job]) = RenyiEngine.Entropy(product, n, alpha, parallel: false, inner);
                work?.Advance(1);
                return product;
            }, _ => { });
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
            RenyiDiagnostics.Estimate(mmi, n, alpha, [inputWidth, .. mapWidths], clipped.Sum(), MatrixRenyiEntropy.IsSaturated(st, n)),
            Information.FromNats(rstSum / pairs.Length),
            Information.FromNats(wnriSum / pairs.Length),
            ratios > 0 ? 100 * rstRatio / ratios : null,
            ratios > 0 ? 100 * wnriRatio / ratios : null,
            table,
            mapInformation);
    }

    /// <summary>
    /// The spectra four at a time, one Hadamard product per SIMD lane (<see cref="SymmetricEigenvalues"/>'s
    /// interleaved batch path), one group per core: the products are formed straight into the interleaved layout.
    /// </summary>
    private static void SpectraInterleaved(double[][][] factors, int n, double alpha, double[] entropy, double[] clipped, ParallelOptions loop,
        WorkTracker? work)
    {
        int L = SymmetricEigenvalues.InterleavedLanes;
        int jobs = factors.Length, groups = (jobs + L - 1) / L;
        Parallel.For(0, groups, loop, g =>
        {
            work?.ThrowIfCancellationRequested();
            int first = g * L, used = Math.Min(L, jobs - first);
            double[] packed = SymmetricEigenvalues.InterleavedWorkspace(n);
            for (int l = 0; l < L; l++)
            {
                if (l < used)
                {
                    PackProduct(factors[first + l], n, packed, l);
                }
                else
                {
                    SymmetricEigenvalues.ClearLane(n, packed, l);
                }
            }

            var eigenvalues = new double[used * n];
            SymmetricEigenvalues.ComputeInterleaved(packed, n, used, eigenvalues);
            for (int l = 0; l < used; l++)
            {
                (entropy[first + l], clipped[first + l]) = RenyiEngine.FromEigenvalues(eigenvalues.AsSpan(l * n, n), n, alpha);
            }

            work?.Advance(used);
        });
    }

    /// <summary>Lane <paramref name="lane"/> ← lower triangle of the Hadamard product of <paramref name="factors"/>.</summary>
    private static void PackProduct(double[][] factors, int n, double[] packed, int lane)
    {
        int L = SymmetricEigenvalues.InterleavedLanes;
        Span<double> row = n <= 512 ? stackalloc double[n] : new double[n];
        for (int r = 0; r < n; r++)
        {
            Span<double> part = row[..(r + 1)];
            factors[0].AsSpan(r * n, r + 1).CopyTo(part);
            for (int k = 1; k < factors.Length; k++)
            {
                TensorPrimitives.Multiply(part, factors[k].AsSpan(r * n, r + 1), part);
            }

            Span<double> dst = packed.AsSpan(r * n * L + lane);
            for (int j = 0; j <= r; j++)
            {
                dst[j * L] = part[j];
            }
        }
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
