using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>The divisor of the fitted covariance.</summary>
public enum CovarianceDivisor
{
    /// <summary>Σ̂ = Σ(xᵢ − x̄)(xᵢ − x̄)ᵀ/(N − 1): unbiased for Σ (numpy.cov's default).</summary>
    Unbiased,

    /// <summary>Σ̂ = Σ(xᵢ − x̄)(xᵢ − x̄)ᵀ/N: the maximum-likelihood fit.</summary>
    MaximumLikelihood,
}

/// <summary>Settings of the Gaussian-fit entropy and mutual information. Immutable.</summary>
public sealed record GaussianFitOptions
{
    /// <summary>The defaults: unbiased covariance (divisor N − 1).</summary>
    public static GaussianFitOptions Default { get; } = new();

    /// <summary>The covariance divisor (default N − 1). It shifts the entropy by (d/2)·ln(N/(N−1)) and leaves the MI unchanged.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined divisor.</exception>
    public CovarianceDivisor Covariance
    {
        get;
        init => field = EnumGuard.Defined(value, nameof(Covariance));
    }

    /// <summary>
    /// Entropy only: remove the exact Gaussian bias of ln det Σ̂ (default false). With S the unbiased covariance,
    /// (N−1)·S is Wishart, E[ln det S] = ln det Σ + Σ_{k=1}^{d} ψ((N−k)/2) + d·ln(2/(N−1)), so
    /// ln det S − Σ_k ψ((N−k)/2) − d·ln(2/(N−1)) is unbiased for ln det Σ (Ahmed &amp; Gokhale, IEEE TIT 35(3) 1989).
    /// <see cref="Covariance"/> is then irrelevant.
    /// </summary>
    public bool BiasCorrected { get; init; }
}
