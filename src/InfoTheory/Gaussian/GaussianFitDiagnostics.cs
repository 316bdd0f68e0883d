namespace InfoTheory;

/// <summary>
/// The diagnostics of a Gaussian-fit estimate (<see cref="GaussianFitEntropy"/>, <see cref="GaussianFitMutualInformation"/>):
/// how the covariance was fitted. A closed form has nothing else to report; a singular covariance is refused.
/// </summary>
/// <param name="Covariance">The covariance divisor (it cancels in a mutual information).</param>
/// <param name="BiasCorrected">True when the entropy's exact Gaussian bias of ln det Σ̂ was removed (always false for an MI).</param>
public sealed record GaussianFitDiagnostics(CovarianceDivisor Covariance, bool BiasCorrected) : EstimateDiagnostics;
