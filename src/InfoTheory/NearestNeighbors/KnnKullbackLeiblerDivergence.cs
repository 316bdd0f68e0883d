using InfoTheory.NearestNeighbors;

namespace InfoTheory;

/// <summary>
/// The k-nearest-neighbour estimator of the Kullback–Leibler divergence D(P‖Q) of Wang, Kulkarni &amp; Verdú (IEEE TIT
/// 55(5), 2009, doi:10.1109/TIT.2009.2016060), from n samples of P and m samples of Q:
/// D̂ = (d/n)·Σᵢ ln(νₖ(i)/ρₖ(i)) + ln(m/(n − 1)).
/// </summary>
/// <remarks>
/// <para>ρₖ(i) is the distance from Pᵢ to its k-th nearest OTHER sample of P, νₖ(i) the distance from Pᵢ to its k-th
/// nearest sample of Q, both in the chosen norm (default Euclidean; the ball volumes cancel, so any norm gives a
/// consistent estimator). Nats. Not clipped at 0. Standard error: the standard deviation of the per-sample terms
/// d·ln(νₖ(i)/ρₖ(i)) + ln(m/(n − 1)) over √n. Ties: each sample is jittered as <see cref="KnnOptions.TieJitter"/> says
/// (seed for P, seed + 1 for Q); with the jitter off, a zero distance is refused. Thread-safe.</para>
/// </remarks>
public sealed class KnnKullbackLeiblerDivergence
{
    /// <summary>An estimator with the given settings (default k = 3, Euclidean norm).</summary>
    public KnnKullbackLeiblerDivergence(KnnOptions? options = null) => Options = options ?? KnnOptions.Default;

    /// <summary>The settings.</summary>
    public KnnOptions Options { get; }

    /// <summary>D̂(P‖Q) in nats, with its standard error.</summary>
    /// <param name="p">n ≥ k + 1 samples of P.</param>
    /// <param name="q">m ≥ k samples of Q, of the same dimension.</param>
    /// <exception cref="ArgumentException">Different dimensions, non-finite values, too few samples, or exact duplicates with the jitter off.</exception>
    public InformationEstimate Estimate(Samples p, Samples q)
    {
        int k = Options.K;
        if (p.Dimensions != q.Dimensions)
        {
            throw new ArgumentException(
                $"p has dimension {p.Dimensions} but q has dimension {q.Dimensions}; D(P‖Q) compares distributions on the same space, so both need the same number of columns.",
                nameof(q));
        }

        KnnGuard.Usable(p, k);
        if (q.Count < k)
        {
            throw new ArgumentException(
                $"k = {k} but q has {q.Count} observation(s): the k-th neighbour in Q needs m ≥ k. Use a smaller k or more samples of Q.", nameof(q));
        }

        Internal.Guard.Finite(q);
        int n = p.Count, m = q.Count, d = p.Dimensions;
        var norm = Options.Norm;
        var ps = PointSet.Joint([p], Options.TieJitter, Options.Seed);
        var qs = PointSet.Joint([q], Options.TieJitter, unchecked(Options.Seed + 1));
        double constant = Math.Log(m / (n - 1.0));
        var terms = new double[n];
        int zeroP = -1, zeroQ = -1;
        void Term(int i, double rho, double nu)
        {
            if (rho == 0)
            {
                zeroP = i;
            }
            else if (nu == 0)
            {
                zeroQ = i;
            }
            else
            {
                terms[i] = constant + d * (KnnMath.LogDistance(nu, norm) - KnnMath.LogDistance(rho, norm));
            }
        }

        if (BackendNeighbors.Use(Options.Backend))
        {
            var within = BackendNeighbors.Distances(Options.Backend, ps, k, norm);
            var across = new double[(long)n * k];
            Options.Backend.NearestNeighbourDistances(BackendNeighbors.AsSamples(ps), BackendNeighbors.AsSamples(qs), k, across, BackendNeighbors.Metric(norm));
            for (int i = 0; i < n; i++)
            {
                Term(i, within[(long)i * k + k - 1], across[(long)i * k + k - 1]);
            }
        }
        else
        {
            var pIndex = NeighborIndex.Create(ps, norm, Options.Search);
            var qIndex = NeighborIndex.Create(qs, norm, Options.Search);
            ParallelQueries.For(n, () => (new double[k], new int[k]), (i, scratch) =>
            {
                var (dist, ids) = scratch;
                var row = ps.Row(i);
                pIndex.Nearest(row, i, dist, ids);
                double rho = dist[k - 1];
                qIndex.Nearest(row, -1, dist, ids);
                Term(i, rho, dist[k - 1]);
            }, pIndex.QueryOrder);
        }

        if (zeroP >= 0)
        {
            KnnGuard.ThrowZeroDistance(nameof(p), zeroP, k);
        }

        if (zeroQ >= 0)
        {
            throw new ArgumentException(
                $"q: observation {zeroQ} of p coincides with at least {k} sample(s) of q, so ν_k = 0 and ln 0 = −∞. Keep the default TieJitter (1e-10), raise k, or remove the shared rows.",
                nameof(q));
        }

        return KnnMath.Estimate(terms);
    }
}
