using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// A lower and an upper bound on one information quantity: two estimates (each a quantity of its own, with its standard
/// error, N and <see cref="KolchinskyTraceyDiagnostics"/>, which give σ² and the distance), not a third shape.
/// </summary>
/// <param name="Lower">The lower bound (Bhattacharyya distances), with the std of its per-sample terms over √N.</param>
/// <param name="Upper">The upper bound (Kullback–Leibler distances), likewise.</param>
public sealed record InformationBounds(InformationEstimate Lower, InformationEstimate Upper);

/// <summary>
/// Kolchinsky–Tracey pairwise-distance bounds on I(X;T) for a noisy layer T = f(X) + Z, Z ~ N(0, σ²·I) (Kolchinsky &amp;
/// Tracey, "Estimating mixture entropy with pairwise distances", Entropy 19(7):361, 2017, doi:10.3390/e19070361; the KDE
/// estimator of Saxe et al., "On the information bottleneck theory of deep learning", ICLR 2018). Nats.
/// </summary>
/// <remarks>
/// <para>With hᵢ = f(xᵢ) for N equally likely inputs, T is a mixture of N Gaussians N(hᵢ, σ²I) and
/// I(X;T) = H(T) − H(T|X), H(T|X) = (d/2)·ln(2πeσ²). Bounding the mixture entropy with pairwise distances D gives
/// Î_D = −(1/N)·Σᵢ ln((1/N)·Σⱼ exp(−D(pᵢ‖pⱼ))) with</para>
/// <para>• upper bound: the KL divergence D = ‖hᵢ − hⱼ‖²/(2σ²);<br/>
/// • lower bound: the Bhattacharyya distance D = ‖hᵢ − hⱼ‖²/(8σ²).</para>
/// <para>Both lie in [0, ln N] and lower ≤ upper. One point gives 0; two points far apart (relative to σ) give ln 2.
/// The standard errors are the std of the per-sample terms over √N. Cost O(N²·d), each pair once, no N×N matrix.
/// Immutable and thread-safe.</para>
/// </remarks>
public sealed class KolchinskyTracey
{
    /// <summary>Bounds for noise N(0, σ²·I).</summary>
    /// <param name="noiseVariance">σ² &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">σ² is not a finite number greater than 0.</exception>
    public KolchinskyTracey(double noiseVariance)
        : this(new KolchinskyTraceyOptions(noiseVariance))
    {
    }

    /// <summary>Bounds with full settings.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public KolchinskyTracey(KolchinskyTraceyOptions options) => Options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The settings.</summary>
    public KolchinskyTraceyOptions Options { get; }

    /// <summary>Lower and upper bounds on I(X;T) from the noiseless activations hᵢ = f(xᵢ).</summary>
    /// <param name="activations">N × d activations f(xᵢ), one row per (distinct) input.</param>
    /// <exception cref="ArgumentException">No observations or non-finite values.</exception>
    public InformationBounds Estimate(Samples activations) => new(Lower(activations), Upper(activations));

    /// <summary>The upper bound on I(X;T) (pairwise KL divergences ‖hᵢ − hⱼ‖²/(2σ²)), with <see cref="KolchinskyTraceyDiagnostics"/>.</summary>
    /// <exception cref="ArgumentException">No observations or non-finite values.</exception>
    public InformationEstimate Upper(Samples activations) => Bound(activations, PairwiseDistance.KullbackLeibler, nameof(activations));

    /// <summary>The lower bound on I(X;T) (pairwise Bhattacharyya distances ‖hᵢ − hⱼ‖²/(8σ²)), with <see cref="KolchinskyTraceyDiagnostics"/>.</summary>
    /// <exception cref="ArgumentException">No observations or non-finite values.</exception>
    public InformationEstimate Lower(Samples activations) => Bound(activations, PairwiseDistance.Bhattacharyya, nameof(activations));

    /// <summary>
    /// I(T;Y) for class labels Y as Saxe et al. compute it: Î(T;Y) = Î(X;T) − Σ_y p̂(y)·Î(X;T | Y = y), each term from
    /// the same bound (the noise entropy cancels). A difference of bounds is an estimate, not itself a bound.
    /// </summary>
    /// <exception cref="ArgumentException">Unusable activations, or a label count different from the sample count.</exception>
    public InformationBounds LabelInformation(Samples activations, ReadOnlySpan<int> labels)
    {
        Guard.Usable(activations, 1);
        DiscreteGuard.SameLength(activations.Count, labels.Length, nameof(activations), nameof(labels));
        var codes = SymbolCodes.Dense(labels, out int m);
        var members = new List<int>[m];
        for (int c = 0; c < m; c++)
        {
            members[c] = [];
        }

        for (int i = 0; i < codes.Length; i++)
        {
            members[codes[i]].Add(i);
        }

        InformationEstimate Difference(PairwiseDistance distance)
        {
            double divisor = Divisor(distance);
            var all = Terms(activations, divisor);
            var terms = (double[])all.Clone();
            foreach (var member in members)
            {
                var within = Terms(activations.Select(member.ToArray()), divisor);
                for (int r = 0; r < member.Count; r++)
                {
                    terms[member[r]] -= within[r];
                }
            }

            return KdeEntropy.MeanWithError(terms) with { Diagnostics = Diagnostics(distance) };
        }

        return new InformationBounds(Difference(PairwiseDistance.Bhattacharyya), Difference(PairwiseDistance.KullbackLeibler));
    }

    private InformationEstimate Bound(in Samples activations, PairwiseDistance distance, string name)
    {
        Guard.Usable(activations, 1, name);
        var estimate = KdeEntropy.MeanWithError(Terms(activations, Divisor(distance)));
        // Each term lies in [0, ln N]; keep the mean there despite rounding.
        double nats = Math.Clamp(estimate.Value.Nats, 0, Math.Log(activations.Count));
        return new InformationEstimate(Information.FromNats(nats), estimate.StandardError, activations.Count) { Diagnostics = Diagnostics(distance) };
    }

    // D = ‖hᵢ − hⱼ‖²/divisor: 8σ² for Bhattacharyya, 2σ² for Kullback–Leibler.
    private double Divisor(PairwiseDistance distance) => (distance == PairwiseDistance.Bhattacharyya ? 8 : 2) * Options.NoiseVariance;

    private KolchinskyTraceyDiagnostics Diagnostics(PairwiseDistance distance) => new(Options.NoiseVariance, distance);

    /// <summary>−ln((1/N)·Σⱼ exp(−‖hᵢ − hⱼ‖²/divisor)) for each i (the j = i term is 1).</summary>
    private double[] Terms(in Samples activations, double divisor)
    {
        int n = activations.Count, d = activations.Dimensions;
        double scale = 1 / Math.Sqrt(divisor);
        var z = activations.ToArray();
        for (int i = 0; i < z.Length; i++)
        {
            z[i] *= scale;
        }

        var logSums = KernelSums.LogRowSums(z, n, d, includeSelf: true, Options.Parallel);
        double logN = Math.Log(n);
        for (int i = 0; i < n; i++)
        {
            logSums[i] = logN - logSums[i];
        }

        return logSums;
    }
}
