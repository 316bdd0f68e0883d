namespace InfoTheory;

/// <summary>
/// What an estimator computed an <see cref="InformationEstimate"/> with and what it saw: one sealed record per estimator
/// family (<see cref="RenyiDiagnostics"/>, <see cref="KnnDiagnostics"/>, <see cref="KdeDiagnostics"/>,
/// <see cref="DiscreteDiagnostics"/>, <see cref="BinningDiagnostics"/>, <see cref="GaussianFitDiagnostics"/>,
/// <see cref="KolchinskyTraceyDiagnostics"/>, <see cref="CompressionDiagnostics"/>; the TorchSharp package adds
/// <c>NeuralDiagnostics</c>). Read them by pattern matching, e.g.
/// <c>if (estimate.Diagnostics is RenyiDiagnostics { Saturated: true }) …</c>. The kernel estimators' diagnostics
/// (<see cref="RenyiDiagnostics"/>, <see cref="KdeDiagnostics"/>) also implement <see cref="IWidthDiagnostics"/>.
/// </summary>
/// <remarks>
/// Immutable records: equal when every member is equal (lists compare by their items), and printed with their members,
/// e.g. <c>KnnDiagnostics { K = 3, Norm = Max, Standardized = False, TieJitter = 1E-10, Variant = One, Weighted = False }</c>.
/// Degenerate data are not described here but in <see cref="InformationEstimate.Warnings"/>.
/// </remarks>
public abstract record EstimateDiagnostics;
