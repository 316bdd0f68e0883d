using InfoTheory.NearestNeighbors;

namespace InfoTheory;

/// <summary>
/// The k-nearest-neighbor estimator of the Kullback–Leibler divergence D(P‖Q) of Wang, Kulkarni &amp; Verdú (IEEE TIT
/// 55(5), 2009, doi:10.1109/TIT.2009.2016060), from n samples of P and m samples of Q:
/// D̂ = (d/n)·Σᵢ ln(νₖ(i)/ρₖ(i)) + ln(m/(n − 1)).
/// </summary>
/// <remarks>
/// <para>ρₖ(i) is the distance from Pᵢ to its k-th nearest OTHER sample of P, νₖ(i) the distance from Pᵢ to its k-th
/// nearest sample of Q, both in the chosen norm (default Euclidean; the ball volumes cancel, so any norm gives a
/// consistent estimator). Nats. Not clipped at 0. Standard error: the standard deviation of the per-sample terms
/// d·ln(νₖ(i)/ρₖ(i)) + ln(m/(n − 1)) over √n. Ties: each sample is jittered as <see cref="KnnOptions.TieJitter"/> says
/// (seed for P, seed + 1 for Q); with the jitter off, a zero distance is refused. Scale: P and Q share the column
/// scales (raw, or the pooled standard deviations with <see cref="KnnOptions.Standardize"/>), and each is brought to
/// unit magnitude by its own power of two, so two samples 10³⁰⁰ apart keep their distances. Atoms: p and q the same
/// sample (every row of p in q) is refused (D(P‖P) = 0 and the samples must be independent); shared rows give a
/// "shared-observations" warning; a column constant in one sample and not the other is refused with D = +∞; k or more
/// exact copies within p give a "ties" warning and no standard error. Thread-safe.</para>
/// </remarks>
public sealed class KnnKullbackLeiblerDivergence
{
    /// <summary>An estimator with the given settings (default k = 3, Euclidean norm).</summary>
    public KnnKullbackLeiblerDivergence(KnnOptions? options = null) => Options = options ?? KnnOptions.Default;

    /// <summary>The settings.</summary>
    public KnnOptions Options { get; }

    /// <summary>D̂(P‖Q) in nats, with its standard error and <see cref="KnnDiagnostics"/>.</summary>
    /// <param name="p">n ≥ k + 1 samples of P.</param>
    /// <param name="q">m ≥ k samples of Q, of the same dimension.</param>
    /// <exception cref="ArgumentException">Different dimensions, non-finite values, too few samples, exact duplicates with the jitter off,
    /// p and q the same sample, or a constant column (D = +∞, or a column that carries nothing).</exception>
    public InformationEstimate Estimate(Samples p, Samples q) => Compute(p, q) with { Diagnostics = KnnDiagnostics.Of(Options) };

    private InformationEstimate Compute(Samples p, Samples q)
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
                $"k = {k} but q has {q.Count} observation(s): the k-th neighbor in Q needs m ≥ k. Use a smaller k or more samples of Q.", nameof(q));
        }

        Internal.Guard.Finite(q);
        int n = p.Count, m = q.Count, d = p.Dimensions;
        var norm = Options.Norm;
        var ps = PointSet.Copy([p]);
        var qs = PointSet.Copy([q]);
        var checks = new KnnChecks([.. Enumerable.Range(0, d).Select(c => $"column {c} (p and q pooled)")], Options.TieJitter);
        int[] inQ = ps.OccurrencesIn(qs);
        int shared = inQ.Count(c => c > 0);
        if (shared == n)
        {
            throw new ArgumentException(
                $"p and q are the same sample{(m == n ? "" : " (every observation of p is also in q)")}: D(P‖P) = 0, and the estimator assumes independent samples of P and Q (each point of p would find itself in q at distance 0). Give q an independent sample.",
                nameof(q));
        }

        RefuseConstantColumns(ColumnStatistics.Of([ps]), ColumnStatistics.Of([qs]));
        var stats = PointSet.Normalise([ps, qs], Options.Standardize);
        if (!Options.Standardize)
        {
            checks.Anisotropy(stats, 0, d, n, k);
        }

        if (Options.TieJitter > 0)
        {
            checks.Ties(ps, 0, d, k, nameof(p), "Use a discrete estimator for discrete data, or k ≥ {0} so that the k-th neighbor lies beyond the copies.");
        }

        if (shared > 0)
        {
            int atZero = inQ.Count(c => c >= k);
            checks.Add(new EstimateWarning("shared-observations",
                $"{shared} of the {n} observations of p also occur in q; the estimator assumes independent samples, and a shared point finds its copy in q at distance 0 but for the jitter, which pulls ν and D̂ down." +
                (atZero > 0 ? $" {atZero} of them occur at least k = {k} times in q, so their ν_k measures the jitter; the estimate is returned without a standard error." : " Remove the shared rows from one of the samples.")),
                degenerate: atZero > 0 && Options.TieJitter > 0);
        }

        ps.Jitter(Options.TieJitter, Options.Seed);
        qs.Jitter(Options.TieJitter, unchecked(Options.Seed + 1));
        // ρ is measured in P's own frame; ν in the larger of the two frames, where the smaller sample is scaled down
        // (exactly, or to the zeros it is next to the other): ln ν − ln ρ gains (f − f_P)·ln 2.
        int frame = Math.Max(ps.Frame, qs.Frame);
        var pAcross = ps.Frame < frame ? ps.Scaled(ps.Frame - frame) : ps;
        var qAcross = qs.Frame < frame ? qs.Scaled(qs.Frame - frame) : qs;
        double constant = Math.Log(m / (n - 1.0)) + d * (frame - ps.Frame) * Math.Log(2);
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

        var within = new double[n * k];
        var across = new double[n * k];
        Options.Backend.NearestNeighbors(ps.AsSamples(), k, within, new int[n * k], norm, Options.Search);
        Options.Backend.NearestNeighborDistances(pAcross.AsSamples(), qAcross.AsSamples(), k, across, norm, Options.Search);
        for (int i = 0; i < n; i++)
        {
            Term(i, within[i * k + k - 1], across[i * k + k - 1]);
        }

        if (zeroP >= 0)
        {
            KnnGuard.ThrowZeroDistance(nameof(p), zeroP, k);
        }

        if (zeroQ >= 0)
        {
            throw new ArgumentException(
                $"q: observation {zeroQ} of p coincides with at least {k} sample(s) of q, so ν_k = 0 and ln 0 = −∞. Keep the default TieJitter ({KnnSettings.DefaultJitterText}), raise k, or remove the shared rows.",
                nameof(q));
        }

        return checks.Finish(KnnMath.Estimate(terms));
    }

    /// <summary>
    /// A column constant in p or q makes one distribution singular: D = +∞ when the other varies there or sits at
    /// another value, and a column constant at the same value in both carries nothing but would count as a dimension.
    /// </summary>
    private static void RefuseConstantColumns(ColumnStatistics[] p, ColumnStatistics[] q)
    {
        for (int c = 0; c < p.Length; c++)
        {
            string? why = (p[c].Constant, q[c].Constant) switch
            {
                (true, false) => $"p column {c} is constant (every value is {KnnChecks.Number(p[c].First)}) but q varies there: P puts all its mass on a hyperplane that Q, with a density, gives probability 0, so D(P‖Q) = +∞ (the k-NN estimate would only measure the tie jitter). Infinity cannot be returned as an estimate; compare the varying columns, or use a discrete estimator.",
                (false, true) => $"q column {c} is constant (every value is {KnnChecks.Number(q[c].First)}) but p varies there: Q puts all its mass on a hyperplane where P has none, so P is not absolutely continuous with respect to Q and D(P‖Q) = +∞. Infinity cannot be returned as an estimate; compare the varying columns, or use a discrete estimator.",
                (true, true) when p[c].First != q[c].First => $"column {c} is constant in both samples but at different values (p: {KnnChecks.Number(p[c].First)}, q: {KnnChecks.Number(q[c].First)}): P and Q have disjoint supports, so D(P‖Q) = +∞, which cannot be returned as an estimate.",
                (true, true) => $"column {c} is constant in both p and q (every value is {KnnChecks.Number(p[c].First)}): it carries no information about D(P‖Q), but the estimator would count it as a dimension (the factor d). Drop the column.",
                _ => null,
            };
            if (why is not null)
            {
                throw new ArgumentException(why, p[c].Constant ? "p" : "q");
            }
        }
    }
}
