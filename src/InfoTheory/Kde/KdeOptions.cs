using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>How the bandwidth factor h of a Gaussian KDE is chosen.</summary>
public enum KdeBandwidthRule
{
    /// <summary>Scott's rule h = N^(−1/(d+4)) (the default of scipy.stats.gaussian_kde).</summary>
    Scott,

    /// <summary>Silverman's rule h = (4/(d+2))^(1/(d+4))·N^(−1/(d+4)).</summary>
    Silverman,

    /// <summary>
    /// Leave-one-out maximum likelihood: h maximises Σᵢ ln p̂₋ᵢ(xᵢ; h), found by golden-section search over ln h in
    /// [<see cref="KdeOptions.SearchLow"/>, <see cref="KdeOptions.SearchHigh"/>]·h_Scott.
    /// </summary>
    LeaveOneOutLikelihood,

    /// <summary>h = <see cref="KdeOptions.Factor"/>.</summary>
    Fixed,
}

/// <summary>The shape of the kernel's covariance: the bandwidth matrix is h² times this.</summary>
public enum KdeScaling
{
    /// <summary>H = h²·Σ̂ with Σ̂ the sample covariance (divisor N − 1), as scipy.stats.gaussian_kde: affine-equivariant.</summary>
    Covariance,

    /// <summary>H = h²·diag(σ̂₁², …, σ̂_d²): each coordinate scaled by its own standard deviation, no correlations.</summary>
    Diagonal,
}

/// <summary>Settings of the Gaussian kernel density estimators (<see cref="KdeEntropy"/>, <see cref="KdeMutualInformation"/>). Immutable.</summary>
public sealed record KdeOptions
{
    /// <summary>The defaults: Scott's rule, H = h²·Σ̂, resubstitution, parallel.</summary>
    public static KdeOptions Default { get; } = new();

    /// <summary>The bandwidth rule (default Scott).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined rule.</exception>
    public KdeBandwidthRule Rule
    {
        get;
        init => field = EnumGuard.Defined(value, nameof(Rule));
    }

    /// <summary>The bandwidth factor h used with <see cref="KdeBandwidthRule.Fixed"/> (default 1), relative to the scaling matrix.</summary>
    /// <exception cref="ArgumentOutOfRangeException">h is not a finite number greater than 0.</exception>
    public double Factor
    {
        get;
        init => field = value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Factor), value, $"Factor = {value}: the bandwidth factor h must be a finite number greater than 0, e.g. 0.3.");
    } = 1;

    /// <summary>The kernel covariance shape (default h²·Σ̂).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined scaling.</exception>
    public KdeScaling Scaling
    {
        get;
        init => field = EnumGuard.Defined(value, nameof(Scaling));
    }

    /// <summary>
    /// Leave-one-out: p̂₋ᵢ(xᵢ) = 1/(N−1)·Σ_{j≠i} K_H(xᵢ − xⱼ) instead of the resubstitution p̂(xᵢ) = 1/N·Σⱼ K_H(xᵢ − xⱼ)
    /// (default false). Resubstitution counts each point's own kernel and is biased low; leave-one-out is not.
    /// </summary>
    public bool LeaveOneOut { get; init; }

    /// <summary>The lower end of the leave-one-out likelihood search, as a multiple of Scott's h (default 0.05).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a finite number greater than 0.</exception>
    public double SearchLow
    {
        get;
        init => field = value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(SearchLow), value, $"SearchLow = {value} must be a finite number greater than 0 (default 0.05).");
    } = 0.05;

    /// <summary>The upper end of the leave-one-out likelihood search, as a multiple of Scott's h (default 2); must exceed
    /// <see cref="SearchLow"/> (checked when used).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a finite number greater than 0.</exception>
    public double SearchHigh
    {
        get;
        init => field = value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(SearchHigh), value, $"SearchHigh = {value} must be a finite number greater than 0 (default 2).");
    } = 2;

    /// <summary>Use several cores (results do not depend on it beyond rounding).</summary>
    public bool Parallel { get; init; } = true;
}
