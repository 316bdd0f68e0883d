using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The Kullback–Leibler divergence D(P‖Q) = Σ p_i·ln(p_i/q_i) of two discrete distributions: given as histograms
/// (counts or probabilities), as samples of symbols, or as continuous samples binned on one shared equal-width grid.
/// Nats; ≥ 0; not symmetric.
/// </summary>
/// <remarks>
/// <para><b>Support.</b> When P puts mass on a category where Q has none, D(P‖Q) = +∞. This estimator never returns ∞
/// or NaN: it throws an <see cref="ArgumentException"/> that names the first such category and suggests the fixes —
/// fewer bins, more samples from Q, or a <see cref="DiscreteDivergenceOptions.Pseudocount"/> &gt; 0 (additive
/// smoothing, which gives a finite, deliberately biased value). Categories with p_i = 0 contribute 0 (0·ln 0 = 0).</para>
/// <para>From samples the plug-in value is biased (upwards for P = Q by about (m − 1)/(2N_Q) + (m − 1)/(2N_P) with
/// m categories); compare values only at equal sample sizes and bins. Cost O((N_P + N_Q)·d·log(N_P + N_Q)).
/// Cover &amp; Thomas, Elements of Information Theory, 2nd ed., §2.3. Immutable and thread-safe.</para>
/// </remarks>
public sealed class DiscreteDivergence
{
    /// <summary>An estimator with the given settings (default: no pseudocount, 30 bins per column).</summary>
    public DiscreteDivergence(DiscreteDivergenceOptions? options = null) => Options = options ?? DiscreteDivergenceOptions.Default;

    /// <summary>The settings.</summary>
    public DiscreteDivergenceOptions Options { get; }

    /// <summary>
    /// D(P‖Q) of two histograms over the same categories (counts or probabilities; each is normalised to sum 1), with
    /// <see cref="DiscreteDiagnostics"/>; no standard error, and N = 0 (a histogram need not be counts).
    /// </summary>
    /// <param name="p">Non-negative finite weights of P, one per category.</param>
    /// <param name="q">Non-negative finite weights of Q over the same categories.</param>
    /// <exception cref="ArgumentException">Different lengths, negative or non-finite weights, a zero total, or q_i = 0 where p_i &gt; 0
    /// with no pseudocount.</exception>
    public InformationEstimate Estimate(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        if (p.Length != q.Length)
        {
            throw new ArgumentException(
                $"p has {p.Length} categories but q has {q.Length}; both histograms must be over the same categories (same bins).", nameof(q));
        }

        DiscreteGuard.NotEmpty(p.Length, nameof(p));
        CheckWeights(p, nameof(p));
        CheckWeights(q, nameof(q));
        return Result(Divergence(p.ToArray(), q.ToArray()), 0, new DiscreteDiagnostics(DiscreteBiasCorrection.None, [p.Length]) { Pseudocount = Options.Pseudocount });
    }

    /// <summary>
    /// D(P‖Q) of the empirical distributions of two symbol samples (lengths may differ), with N = the size of p and
    /// <see cref="DiscreteDiagnostics"/>; no standard error.
    /// </summary>
    /// <exception cref="ArgumentException">An empty sample, or a symbol seen in P but never in Q with no pseudocount.</exception>
    public InformationEstimate Estimate(ReadOnlySpan<int> p, ReadOnlySpan<int> q)
    {
        DiscreteGuard.NotEmpty(p.Length, nameof(p));
        DiscreteGuard.NotEmpty(q.Length, nameof(q));
        var all = new int[p.Length + q.Length];
        p.CopyTo(all);
        q.CopyTo(all.AsSpan(p.Length));
        var codes = SymbolCodes.Dense(all, out int m);
        var (cp, cq) = Split(codes, m, p.Length);
        return Result(Divergence(cp, cq, symbol => $"symbol {LabelOf(all, codes, symbol)}"), p.Length,
            new DiscreteDiagnostics(DiscreteBiasCorrection.None, [m]) { Pseudocount = Options.Pseudocount });
    }

    /// <summary>
    /// D(P‖Q) of histograms of continuous samples: every column cut into equal bins over the range of P and Q together
    /// (<see cref="DiscreteDivergenceOptions.Binning"/>), each row's bin pattern a category; with N = the size of p and
    /// <see cref="BinningDiagnostics"/>, no standard error.
    /// </summary>
    /// <exception cref="ArgumentException">Unusable samples, P and Q of different dimension, or a bin occupied by P and empty
    /// under Q with no pseudocount.</exception>
    public InformationEstimate Estimate(Samples p, Samples q)
    {
        Guard.Usable(p, 1);
        Guard.Usable(q, 1);
        if (p.Dimensions != q.Dimensions)
        {
            throw new ArgumentException(
                $"p has dimension {p.Dimensions} but q has {q.Dimensions}; a divergence compares distributions of the same variable.", nameof(q));
        }

        var values = new double[(p.Count + q.Count) * p.Dimensions];
        p.ToArray().CopyTo(values, 0);
        q.ToArray().CopyTo(values, p.Count * p.Dimensions);
        var codes = Binning.RowCodes(new Samples(values, p.Dimensions), Options.Binning, "p and q", out int m);
        var (cp, cq) = Split(codes, m, p.Count);
        return Result(Divergence(cp, cq, bin => $"bin pattern #{bin} (in order of the bins)"), p.Count,
            Binning.Diagnostics(Options.Binning with { Correction = DiscreteBiasCorrection.None }, m) with { Pseudocount = Options.Pseudocount });
    }

    private static InformationEstimate Result(double nats, int n, EstimateDiagnostics diagnostics) =>
        new(Information.FromNats(nats), null, n) { Diagnostics = diagnostics };

    private static (double[] P, double[] Q) Split(int[] codes, int m, int np)
    {
        var cp = new double[m];
        var cq = new double[m];
        for (int i = 0; i < codes.Length; i++)
        {
            (i < np ? cp : cq)[codes[i]]++;
        }

        return (cp, cq);
    }

    private static int LabelOf(int[] all, int[] codes, int code) => all[Array.IndexOf(codes, code)];

    private double Divergence(double[] p, double[] q, Func<int, string>? describe = null)
    {
        double a = Options.Pseudocount;
        double sp = 0, sq = 0;
        for (int i = 0; i < p.Length; i++)
        {
            sp += p[i] + a;
            sq += q[i] + a;
        }

        if (!(sp > 0) || !(sq > 0))
        {
            throw new ArgumentException(
                $"{(sp > 0 ? "q" : "p")} has total weight 0; a histogram needs at least one positive entry.", sp > 0 ? "q" : "p");
        }

        double d = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double pi = (p[i] + a) / sp;
            if (pi == 0)
            {
                continue;
            }

            double qi = (q[i] + a) / sq;
            if (qi == 0)
            {
                string where = describe?.Invoke(i) ?? $"category {i}";
                throw new ArgumentException(
                    $"P has probability {pi:G4} at {where} where Q has none, so D(P‖Q) = +∞. Use fewer bins, more samples from Q, " +
                    "or a Pseudocount > 0 (e.g. 0.5) in DiscreteDivergenceOptions for a smoothed finite value.", nameof(q));
            }

            d += pi * Math.Log(pi / qi);
        }

        return Math.Max(0, d);
    }

    private static void CheckWeights(ReadOnlySpan<double> w, string name)
    {
        for (int i = 0; i < w.Length; i++)
        {
            if (!(w[i] >= 0) || !double.IsFinite(w[i]))
            {
                throw new ArgumentException(
                    $"{name}[{i}] = {w[i]}; histogram weights must be finite and ≥ 0 (counts or probabilities).", name);
            }
        }
    }
}
