using InfoTheory.Internal;
using InfoTheory.NearestNeighbors;

namespace InfoTheory;

/// <summary>
/// Mutual information from k-NN entropies: I(X; Y) = Ĥ(X) + Ĥ(Y) − Ĥ(X, Y), each term the Kozachenko–Leonenko estimate
/// (<see cref="KozachenkoLeonenkoEntropy"/>) or its weighted form (<see cref="WeightedKozachenkoLeonenkoEntropy"/>,
/// Berrett, Samworth &amp; Yuan, Ann. Statist. 47(1), 2019, doi:10.1214/18-AOS1688), as Butakov et al. use it.
/// </summary>
/// <remarks>
/// The three entropies are computed on the same (jittered) observations, so the per-point terms combine into
/// tᵢ = tᵢ(X) + tᵢ(Y) − tᵢ(X, Y), whose standard deviation over √N is the standard error. Unlike KSG, the biases of the
/// three entropies do not cancel by construction; prefer <see cref="KsgMutualInformation"/> unless the weighted form is
/// wanted. With the weighted form, k must be at least ⌊(d_x + d_y)/4⌋ + 1. Nats. Thread-safe.
/// </remarks>
public sealed class KnnEntropyMutualInformation : IMutualInformationEstimator, IDistanceSensitive
{
    /// <summary>An estimator with the given settings.</summary>
    /// <param name="options">k, norm, search and tie policy (default k = 3, Euclidean).</param>
    /// <param name="weighted">True for the weighted Kozachenko–Leonenko entropies, false for the plain ones.</param>
    public KnnEntropyMutualInformation(KnnOptions? options = null, bool weighted = false)
    {
        Options = options ?? KnnOptions.Default;
        Weighted = weighted;
    }

    /// <summary>The settings.</summary>
    public KnnOptions Options { get; }

    /// <summary>True when the entropies are the weighted Kozachenko–Leonenko ones.</summary>
    public bool Weighted { get; }

    /// <summary>Î(X; Y) = Ĥ(X) + Ĥ(Y) − Ĥ(X, Y) in nats, with its standard error and <see cref="KnnDiagnostics"/>.</summary>
    /// <exception cref="ArgumentException">Non-finite values, N ≤ k, different sample counts, duplicates with the jitter off,
    /// (weighted) k too small for the joint dimension, or a constant column in a variable that also varies (h(X) and
    /// h(X, Y) are then −∞; drop it, or use KSG). A wholly constant X or Y gives I = 0 exactly with a "constant"
    /// warning; ties in the joint space or a marginal give a "ties" warning and no standard error.</exception>
    public InformationEstimate Estimate(Samples x, Samples y) => Compute(x, y) with { Diagnostics = KnnDiagnostics.Of(Options, Weighted) };

    private InformationEstimate Compute(Samples x, Samples y)
    {
        int k = Options.K;
        KnnGuard.Usable(x, k);
        KnnGuard.Usable(y, k);
        Guard.SameCount(x, y);
        int dx = x.Dimensions, dy = y.Dimensions;
        double[] W(int d) => Weighted ? WeightedKozachenkoLeonenkoEntropy.Weights(d, k) : KnnEntropyTerms.Plain(k);
        var wxy = W(dx + dy);
        var joint = PointSet.Copy([x, y]);
        var checks = new KnnChecks(KnnChecks.ColumnNames((nameof(x), dx), (nameof(y), dy)), Options.TieJitter);
        var stats = PointSet.Normalise([joint], Options.Standardize);
        if (KsgChecks.ConstantVariable(checks, stats, [(nameof(x), 0, dx), (nameof(y), dx, dy)], "I(X;Y)", x.Count) is { } zero)
        {
            return zero;
        }

        checks.RefuseConstantColumnsForEntropyMi(stats, 0, dx, nameof(x));
        checks.RefuseConstantColumnsForEntropyMi(stats, dx, dy, nameof(y));
        if (!Options.Standardize)
        {
            checks.Anisotropy(stats, 0, dx + dy, x.Count, k);
        }

        if (Options.TieJitter > 0)
        {
            string advice = Weighted
                ? "Use a discrete estimator for discrete data, or the plain k-NN entropies with k ≥ {0}."
                : "Use a discrete estimator for discrete data, or k ≥ {0} so that the k-th neighbor lies beyond the copies.";
            checks.Ties(joint, 0, dx + dy, KnnEntropyTerms.FirstUsed(wxy) + 1, "the joint space (x, y)", advice);
            checks.Ties(joint, 0, dx, KnnEntropyTerms.FirstUsed(W(dx)) + 1, nameof(x), advice);
            checks.Ties(joint, dx, dy, KnnEntropyTerms.FirstUsed(W(dy)) + 1, nameof(y), advice);
        }

        joint.Jitter(Options.TieJitter, Options.Seed);
        // The log-Jacobians of the joint normalisation cancel exactly in the MI, so none is added: the terms stay those of
        // the normalised data, and the MI is bit-identical for the data times any power of two.
        var txy = KnnEntropyTerms.Compute(joint, wxy, Options.Norm, Options.Search, Options.Backend, "(x, y)", 0);
        // Each marginal in its own frame (a marginal much smaller than the other keeps its distances); the frame change
        // is an exact multiple of ln 2 per column.
        var mx = joint.Marginal(0, dx, out double jx);
        var my = joint.Marginal(dx, dy, out double jy);
        var tx = KnnEntropyTerms.Compute(mx, W(dx), Options.Norm, Options.Search, Options.Backend, nameof(x), jx);
        var ty = KnnEntropyTerms.Compute(my, W(dy), Options.Norm, Options.Search, Options.Backend, nameof(y), jy);
        for (int i = 0; i < tx.Length; i++)
        {
            tx[i] += ty[i] - txy[i];
        }

        return checks.Finish(KnnMath.Estimate(tx));
    }
}
