using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The result of a permutation test of independence: the estimator's own <see cref="InformationEstimate"/> on the data
/// as paired (its standard error and diagnostics kept), the p-value and the null distribution.
/// </summary>
/// <param name="Statistic">The estimate on the data as paired, as the estimator returned it.</param>
/// <param name="PValue">(b + 1)/(B + 1), b the number of permuted estimates ≥ the statistic: never 0, exact-level under H₀.</param>
/// <param name="Null">The B estimates with Y's rows permuted (the null distribution), in permutation order.</param>
public sealed record PermutationTestResult(InformationEstimate Statistic, double PValue, IReadOnlyList<Information> Null)
{
    /// <summary>The B estimates with Y's rows permuted (the null distribution), in permutation order.</summary>
    public IReadOnlyList<Information> Null { get => _null; init => _null = ValueList<Information>.Require(value, nameof(Null)); }

    private readonly IReadOnlyList<Information> _null = ValueList<Information>.Require(Null, nameof(Null));

    /// <summary>The number of permutations B.</summary>
    public int Permutations => Null.Count;
}

/// <summary>
/// Seeded permutation (shuffle) tests with ANY mutual-information estimator: permuting the rows of Y breaks every
/// dependence on X while keeping both marginals, so the permuted estimates sample the estimator's null distribution —
/// bias included, which is why this works for biased estimators (k-NN, KDE, binning) where a normal interval does not.
/// </summary>
/// <remarks>
/// p = (1 + #{b : I_b ≥ I_obs})/(B + 1) (Phipson &amp; Smyth, Stat. Appl. Genet. Mol. Biol. 9(1) 2010,
/// doi:10.2202/1544-6115.1585): a valid p-value, never 0, uniform on {1/(B+1), …, 1} under independence when the
/// estimator has no ties. Permutation b uses a generator seeded from (seed, b); permutations run in parallel. Progress is
/// reported as the stage <c>permutations</c>; the token is passed to the estimator and no permutation starts once it is
/// cancelled.
/// </remarks>
public static class PermutationTest
{
    /// <summary>The default number of permutations, 999 (p-values in steps of 0.001).</summary>
    public const int DefaultPermutations = 999;

    /// <summary>Tests H₀: X and Y are independent.</summary>
    /// <param name="estimator">Any mutual-information estimator.</param>
    /// <param name="x">N observations of X.</param>
    /// <param name="y">The N matching observations of Y (its rows are permuted).</param>
    /// <param name="permutations">B ≥ 1 permutations (the smallest attainable p is 1/(B + 1)).</param>
    /// <param name="seed">The seed: same seed, same result.</param>
    /// <param name="progress">Receives the stage <c>permutations</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the test: no permutation starts after it is cancelled, and the running ones
    /// are stopped as far as the estimator checks it (see <see cref="IMutualInformationEstimator.Estimate(Samples, Samples, CancellationToken)"/>).</param>
    /// <exception cref="ArgumentException">B &lt; 1, fewer than 2 observations, different counts, or an estimator failure.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static PermutationTestResult Independence(IMutualInformationEstimator estimator, Samples x, Samples y,
        int permutations = DefaultPermutations, int seed = 0, IProgress<EstimationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        Guard.SameCount(x, y);
        if (permutations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permutations), permutations,
                $"permutations = {permutations}: at least 1 is needed; use {DefaultPermutations} for p-values in steps of 0.001.");
        }

        Guard.MinimumCount(x, 2);
        var observed = estimator.Estimate(x, y, cancellationToken);
        int n = x.Count;
        var values = Bootstrap.Replicate(permutations, seed, n, n, withReplacement: false,
            rows => estimator.Estimate(x, y.Select(rows), cancellationToken).Value.Nats, WorkTracker.Create(progress, cancellationToken), EstimationStages.Permutations);
        int exceed = values.Count(v => v >= observed.Value.Nats);
        return new PermutationTestResult(observed, (exceed + 1.0) / (permutations + 1.0), values.Select(Information.FromNats).ToArray());
    }
}
