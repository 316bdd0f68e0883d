using System.Globalization;
using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// What every estimator of one quantity returns (entropy, mutual information, divergence, a bound): the value, a
/// standard error where the estimator's theory gives one (for the k-NN estimators, the standard deviation of the
/// per-sample terms over √N, as Butakov et al. report their 95% intervals), the number of observations N, and the
/// estimator family's <see cref="Diagnostics"/> (α and kernel widths, k and norm, bandwidth, bins, code dimensions…).
/// Nats inside, like every <see cref="Information"/>, to which it converts implicitly. Degenerate data (ties, constant
/// variables, shared observations) are reported in <see cref="Warnings"/>, never hidden; an estimate with such a warning
/// has no standard error when its usual one would be meaningless.
/// </summary>
/// <remarks>
/// Both estimator interfaces (<see cref="IEntropyEstimator"/>, <see cref="IMutualInformationEstimator"/>) return it, so a
/// generic consumer (bootstrap, compression, a monitor) gets the standard error and the diagnostics of any estimator.
/// Analyses that are not one quantity (bounds, PID proxies, resampling and permutation results) are records composed
/// of estimates. Equal when value, standard error, N, warnings and diagnostics are equal.
/// </remarks>
public sealed record InformationEstimate : IFormattable
{
    /// <summary>An estimate.</summary>
    /// <param name="value">The estimate.</param>
    /// <param name="standardError">Its standard error, or null when the estimator has no theory for one.</param>
    /// <param name="sampleCount">The number of observations it was computed from.</param>
    /// <exception cref="ArgumentOutOfRangeException">The standard error is negative or not finite, or the count is negative.</exception>
    public InformationEstimate(Information value, Information? standardError = null, int sampleCount = 0)
    {
        if (standardError is { } se && !(se.Nats >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(standardError), se.Nats,
                $"standardError = {se.Nats} nats: a standard error must be finite and ≥ 0; pass null when there is none.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        Value = value;
        StandardError = standardError;
        SampleCount = sampleCount;
    }

    /// <summary>The estimate.</summary>
    public Information Value { get; }

    /// <summary>Its standard error, or null when the estimator has no theory for one (use a bootstrap then).</summary>
    public Information? StandardError { get; }

    /// <summary>The number of observations the estimate was computed from (0 if not recorded).</summary>
    public int SampleCount { get; }

    /// <summary>
    /// What the caller should know about this estimate (empty for clean data): exact ties that reach the k-th
    /// neighbor, a constant variable, observations shared by the two samples of a divergence, columns whose scales
    /// differ by more than the norm can see. Compared by value; never null.
    /// </summary>
    public IReadOnlyList<EstimateWarning> Warnings
    {
        get => _warnings ?? ValueList<EstimateWarning>.Empty;

        // An empty list is stored as null, so that estimates without warnings compare equal however they were built.
        init => _warnings = ValueList<EstimateWarning>.Require(value, nameof(Warnings)) is { Count: > 0 } list ? list : null;
    }

    private readonly ValueList<EstimateWarning>? _warnings;

    /// <summary>
    /// What the estimator computed with and saw: one record per family (<see cref="RenyiDiagnostics"/>,
    /// <see cref="KnnDiagnostics"/>, <see cref="KdeDiagnostics"/>, …; see <see cref="EstimateDiagnostics"/>). Every
    /// estimator of the library sets it; null for an estimate built by hand.
    /// </summary>
    public EstimateDiagnostics? Diagnostics { get; init; }

    /// <summary>
    /// The asymptotic normal interval Value ± z·SE with z the standard normal quantile of (1 + level)/2
    /// (1.959964 for 0.95).
    /// </summary>
    /// <param name="level">The coverage, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in (0, 1).</exception>
    /// <exception cref="InvalidOperationException">The estimate has no standard error.</exception>
    public ConfidenceInterval ConfidenceInterval(double level = 0.95)
    {
        Internal.ConfidenceLevel.Check(level);
        if (StandardError is not { } se)
        {
            throw new InvalidOperationException(
                "This estimate has no standard error (its estimator has no asymptotic theory for one); use Bootstrap.ConfidenceInterval instead.");
        }

        double z = NormalDistribution.Quantile(0.5 + level / 2);
        return new ConfidenceInterval(Value - z * se, Value + z * se, level);
    }

    /// <summary>The value, so an estimate can be used where an <see cref="Information"/> is expected.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="estimate"/> is null.</exception>
    public static implicit operator Information(InformationEstimate estimate) =>
        estimate?.Value ?? throw new ArgumentNullException(nameof(estimate));

    /// <summary>The value as an <see cref="Information"/>.</summary>
    public Information ToInformation() => Value;

    /// <summary>Writes the estimate and its standard error in bits, e.g. <c>0.054531 ± 0.0102 bits</c>.</summary>
    public override string ToString() => ToString(null, null);

    /// <summary>
    /// Formats the estimate and its standard error in one unit, with the format convention of
    /// <see cref="Information.ToString(string?, IFormatProvider?)"/>: a trailing <c>n</c> writes nats, <c>b</c> (or
    /// nothing) bits, and what precedes is a standard numeric format for both numbers, e.g. <c>"F3n"</c> →
    /// <c>0.038 ± 0.007 nats</c>. Without a numeric format the value has six significant digits and the error three.
    /// </summary>
    /// <param name="format">The format, or null.</param>
    /// <param name="formatProvider">The culture, or null for the invariant culture.</param>
    /// <returns>The text.</returns>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        var (unit, number) = Information.ParseFormat(format);
        var provider = formatProvider ?? CultureInfo.InvariantCulture;
        string value = Value.In(unit).ToString(number ?? "G6", provider);
        return StandardError is { } se
            ? $"{value} ± {se.In(unit).ToString(number ?? "G3", provider)} {Information.UnitName(unit)}"
            : $"{value} {Information.UnitName(unit)}";
    }
}
