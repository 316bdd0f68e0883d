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
public sealed class KnnEntropyMutualInformation : IMutualInformationEstimator
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

    /// <summary>Î(X; Y) = Ĥ(X) + Ĥ(Y) − Ĥ(X, Y) in nats, with its standard error.</summary>
    /// <exception cref="ArgumentException">Non-finite values, N ≤ k, different sample counts, duplicates with the jitter off,
    /// or (weighted) k too small for the joint dimension.</exception>
    public InformationEstimate Estimate(Samples x, Samples y)
    {
        int k = Options.K;
        KnnGuard.Usable(x, k);
        KnnGuard.Usable(y, k);
        Guard.SameCount(x, y);
        int dx = x.Dimensions, dy = y.Dimensions;
        double[] W(int d) => Weighted ? WeightedKozachenkoLeonenkoEntropy.Weights(d, k) : KnnEntropyTerms.Plain(k);
        var wxy = W(dx + dy);
        var joint = PointSet.Joint([x, y], Options.TieJitter, Options.Seed);
        var txy = KnnEntropyTerms.Compute(joint, wxy, Options.Norm, Options.Search, Options.Backend, "(x, y)");
        var tx = KnnEntropyTerms.Compute(joint.Columns(0, dx), W(dx), Options.Norm, Options.Search, Options.Backend, nameof(x));
        var ty = KnnEntropyTerms.Compute(joint.Columns(dx, dy), W(dy), Options.Norm, Options.Search, Options.Backend, nameof(y));
        for (int i = 0; i < tx.Length; i++)
        {
            tx[i] += ty[i] - txy[i];
        }

        return KnnMath.Estimate(tx);
    }

    Information IMutualInformationEstimator.Estimate(Samples x, Samples y) => Estimate(x, y).Value;
}
