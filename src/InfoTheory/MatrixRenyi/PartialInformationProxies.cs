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
/// </remarks>
public sealed partial class PartialInformationProxies
{
    /// <summary>An estimator with the given settings (all pairs, matrix-Rényi defaults).</summary>
    public PartialInformationProxies(PidOptions? options = null) => Options = options ?? PidOptions.Default;

    /// <summary>The settings.</summary>
    public PidOptions Options { get; }

    /// <summary>The proxies for input <paramref name="x"/> and the feature maps of <paramref name="layer"/>.</summary>
    /// <exception cref="ArgumentException">Unusable samples, different sample counts, fewer than 2 maps, or over the memory budget.</exception>
    public PidResult Estimate(Samples x, FeatureMaps layer)
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
        var (kx, inputWidth) = RenyiEngine.UnitGramVia(x, o);
        var maps = new double[c][];
        var mapWidths = new double[c];
        // Small Grams (N is a batch) are built one per core rather than each split across cores.
        var serial = o with { Parallel = false };
        Parallel.For(0, c, p => (maps[p], mapWidths[p]) = RenyiEngine.UnitGramVia(layer[p], serial));

        var pairs = SelectPairs(c);
        // Spectra: [0] X; then per map p: S(Tp), S(Tp, X); then per pair: S(Ti, Tj), S(Ti, Tj, X).
        int jobs = 1 + 2 * c + 2 * pairs.Length;
        var entropy = new double[jobs];
        var clipped = new double[jobs];
        if (!o.Backend.IsManagedCpu)
        {
            SpectraOnBackend(o, kx, maps, pairs, entropy, clipped);
        }
        else
        Parallel.For(0, jobs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => RenyiEngine.AllocateMatrix(n, o), (job, _, work) =>
        {
            if (job == 0)
            {
                kx.CopyTo(work, 0);
            }
            else if (job <= 2 * c)
            {
                int p = (job - 1) / 2;
                maps[p].CopyTo(work, 0);
                if ((job - 1) % 2 == 1)
                {
                    TensorPrimitives.Multiply(work, kx, work);
                }
            }
            else
            {
                int q = (job - 1 - 2 * c) / 2;
                var (i, j) = pairs[q];
                TensorPrimitives.Multiply(maps[i], maps[j], work);
                if ((job - 1 - 2 * c) % 2 == 1)
                {
                    TensorPrimitives.Multiply(work, kx, work);
                }
            }

            (entropy[job], clipped[job]) = RenyiEngine.Entropy(work, n, alpha, parallel: false);
            return work;
        }, _ => { });

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

        // MMI over all maps from the Grams already built: S(X) + S(∘T) − S(∘T ∘ X).
        var product = RenyiEngine.AllocateMatrix(n, o);
        RenyiEngine.HadamardInto(maps, [.. Enumerable.Range(0, c)], product);
        var work = (double[])product.Clone();
        var (st, clippedT) = RenyiEngine.Entropy(work, n, alpha, o.Parallel);
        TensorPrimitives.Multiply(product, kx, product);
        var (sxt, clippedXT) = RenyiEngine.Entropy(product, n, alpha, o.Parallel);
        var mmi = Information.FromNats(RenyiEngine.TrimRoundOff(sx + st - sxt, n));
        return new PidResult(
            mmi,
            Information.FromNats(rstSum / pairs.Length),
            Information.FromNats(wnriSum / pairs.Length),
            ratios > 0 ? 100 * rstRatio / ratios : null,
            ratios > 0 ? 100 * wnriRatio / ratios : null,
            table,
            mapInformation,
            alpha,
            inputWidth,
            mapWidths)
        {
            Saturated = MatrixRenyiEntropy.IsSaturated(st, n),
            ClippedEigenvalueMass = clipped.Sum() + clippedT + clippedXT,
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
