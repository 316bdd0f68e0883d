namespace InfoTheory.NearestNeighbors;

/// <summary>
/// Marks the k-NN estimators: they read an exact copy as a neighbor at distance 0, so resampling WITH replacement
/// (which repeats about 37% of the rows) changes what they measure, and <see cref="Bootstrap.ConfidenceInterval(IEntropyEstimator, Samples, int, double, int, IProgress{EstimationProgress}, CancellationToken)"/>
/// refuses them in favour of the subsampling interval.
/// </summary>
internal interface IDistanceSensitive;
