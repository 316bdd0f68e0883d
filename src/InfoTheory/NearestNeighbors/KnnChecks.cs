using System.Globalization;

namespace InfoTheory.NearestNeighbors;

/// <summary>
/// What the k-NN estimators look for before the jitter hides it — constant columns, exact repeats that reach the k-th
/// neighbor, column scales the norm cannot see together — and the warnings they return. One instance per estimate:
/// it collects the warnings and whether the usual standard error is meaningless (then the result has none).
/// </summary>
internal sealed class KnnChecks
{
    /// <summary>
    /// The least ratio of column standard deviations that draws an "anisotropic" warning, whatever N: below 10 every
    /// column moves the distances visibly.
    /// </summary>
    public const double AnisotropyFloor = 10;

    private readonly List<EstimateWarning> _warnings = [];
    private readonly string[] _columns;
    private readonly double _jitter;

    /// <summary>Checks for one estimate over a space whose columns are named by <paramref name="columns"/>.</summary>
    public KnnChecks(string[] columns, double jitter)
    {
        _columns = columns;
        _jitter = jitter;
    }

    /// <summary>True when a warning made the usual standard error meaningless (ties at the k-th neighbor, a constant variable).</summary>
    public bool Degenerate { get; private set; }

    /// <summary>Column names of a (joint) space: "x column c".</summary>
    public static string[] ColumnNames(params ReadOnlySpan<(string Name, int Dimensions)> variables)
    {
        var names = new List<string>();
        foreach (var (name, d) in variables)
        {
            for (int c = 0; c < d; c++)
            {
                names.Add($"{name} column {c}");
            }
        }

        return [.. names];
    }

    /// <summary>
    /// Refuses a constant column of a variable whose differential entropy is wanted: the distribution then lies on a
    /// hyperplane, and h = −∞.
    /// </summary>
    public void RefuseConstantColumns(ColumnStatistics[] stats, int start, int count, string parameter)
    {
        for (int c = start; c < start + count; c++)
        {
            if (stats[c].Constant)
            {
                throw new ArgumentException(
                    $"{_columns[c]} is constant (every value is {Number(stats[c].First)}): the distribution lies on a hyperplane, so its differential entropy is −∞, which no estimate can return (a k-NN value would only measure the tie jitter). Drop the column, or use a discrete estimator if the data are discrete.",
                    parameter);
            }
        }
    }

    /// <summary>
    /// Refuses a constant column of a variable that also has varying columns, for an MI built from k-NN entropies:
    /// h(X) and h(X, Y) are then both −∞ and their difference cannot be formed from estimates that count the column as
    /// a dimension (measured: 0.85 nats became −2.10). KSG is not affected.
    /// </summary>
    public void RefuseConstantColumnsForEntropyMi(ColumnStatistics[] stats, int start, int count, string parameter)
    {
        for (int c = start; c < start + count; c++)
        {
            if (stats[c].Constant)
            {
                throw new ArgumentException(
                    $"{_columns[c]} is constant (every value is {Number(stats[c].First)}): the entropies h({parameter}) and h(x, y) are then both −∞, and the k-NN entropies cannot form their difference (each counts the column as a dimension). Drop the column (the MI does not change), or use KSG.",
                    parameter);
            }
        }
    }

    /// <summary>True when every column of [start, start + count) is constant.</summary>
    public static bool IsConstant(ColumnStatistics[] stats, int start, int count)
    {
        for (int c = start; c < start + count; c++)
        {
            if (!stats[c].Constant)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The "constant" warning of an MI with a constant variable, whose exact value 0 is returned.</summary>
    public void ConstantVariable(string name, string quantity)
    {
        _warnings.Add(new EstimateWarning("constant",
            $"{name} is constant (every observation is the same): {quantity} = 0 exactly, returned without a standard error; a k-NN estimate would only measure the tie jitter."));
        Degenerate = true;
    }

    /// <summary>
    /// The "ties" warning when some observations have at least <paramref name="copies"/> exact copies in the columns
    /// [start, start + count) of <paramref name="points"/> (before jitter): their <paramref name="copies"/>-th neighbor
    /// is then a copy, at distance 0 but for the jitter.
    /// </summary>
    /// <param name="points">The normalised, not yet jittered points.</param>
    /// <param name="start">The first column of the space.</param>
    /// <param name="count">The number of columns of the space.</param>
    /// <param name="copies">The number of copies that puts a used neighbor at distance 0 (k for the plain estimators).</param>
    /// <param name="space">The space as the message names it, e.g. "the joint space (x, y)".</param>
    /// <param name="advice">What to do, e.g. "use a discrete estimator, or k ≥ {largest}"; {0} is the largest repeat count.</param>
    public void Ties(PointSet points, int start, int count, int copies, string space, string advice)
    {
        var r = points.Repeats(start, count, copies);
        if (r.Affected == 0)
        {
            return;
        }

        string what = _jitter > 0
            ? $"a copy, at distance 0 but for the {Number(_jitter)}·std tie jitter, so the estimate measures the jitter, not the data"
            : "a copy at distance 0 (TieJitter = 0), so the estimate describes the ties, not the data";
        _warnings.Add(new EstimateWarning("ties",
            $"{r.Affected} of {points.Count} observations have at least {copies} exact cop{(copies == 1 ? "y" : "ies")} in {space} (largest repeat count {r.Largest}): their {Ordinal(copies)} neighbor is {what}; it is returned without a standard error. {string.Format(CultureInfo.InvariantCulture, advice, r.Largest)}"));
        Degenerate = true;
    }

    /// <summary>
    /// The "anisotropic" warning when the raw standard deviations of the varying columns of the space differ by more
    /// than max(<see cref="AnisotropyFloor"/>, (N/k)^(1/d)), d the number of varying columns. (N/k)^(1/d) is the factor
    /// by which a k-th neighbor distance is smaller than the spread of the data in d dimensions: beyond it, the k-NN
    /// distances along the widest column exceed the whole spread of the narrowest, which the norm then barely resolves.
    /// (Measured, N = 2000, k = 3, one column scaled down by R: KSG's I falls from 0.80 to 0.70 nats at R = 100 and to
    /// 0.17 at R = 1000; the 2-D Kozachenko–Leonenko entropy is off by +0.38 nats at 10³ and +6.8 at 10⁶.)
    /// </summary>
    public void Anisotropy(ColumnStatistics[] stats, int start, int count, int n, int k)
    {
        int low = -1, high = -1, varying = 0;
        for (int c = start; c < start + count; c++)
        {
            if (stats[c].Constant)
            {
                continue;
            }

            varying++;
            if (low < 0 || stats[c].LogDeviation < stats[low].LogDeviation)
            {
                low = c;
            }

            if (high < 0 || stats[c].LogDeviation > stats[high].LogDeviation)
            {
                high = c;
            }
        }

        if (varying < 2)
        {
            return;
        }

        double logLimit = Math.Max(Math.Log(AnisotropyFloor), Math.Log((double)n / k) / varying);
        double logRatio = stats[high].LogDeviation - stats[low].LogDeviation;
        if (!(logRatio > logLimit))
        {
            return;
        }

        _warnings.Add(new EstimateWarning("anisotropic",
            $"{_columns[high]} has standard deviation {Exp(stats[high].LogDeviation)} and {_columns[low]} {Exp(stats[low].LogDeviation)}, a ratio of {Exp(logRatio)}, above {Exp(logLimit)} = max(10, (N/k)^(1/d)) for N = {n}, k = {k}, d = {varying}: the k-th neighbor distances along the wider column exceed the whole spread of the narrower, which the norm then barely sees, and the estimate may be far off. Set Standardize = true (CLI: --standardize) to divide each column by its standard deviation first."));
    }

    /// <summary>Adds a warning of another kind (e.g. shared observations of a divergence).</summary>
    public void Add(EstimateWarning warning, bool degenerate)
    {
        _warnings.Add(warning);
        Degenerate |= degenerate;
    }

    /// <summary>The estimate with the warnings, and without a standard error when <see cref="Degenerate"/>.</summary>
    public InformationEstimate Finish(InformationEstimate estimate) =>
        new(estimate.Value, Degenerate ? null : estimate.StandardError, estimate.SampleCount) { Warnings = _warnings };

    /// <summary>A number for a message, invariant culture: six significant digits, "1.5e+308" style beyond 1e±6.</summary>
    public static string Number(double value) =>
        value == 0 || Math.Abs(value) is >= 1e-4 and < 1e6
            ? value.ToString("G6", CultureInfo.InvariantCulture)
            : value.ToString("0.#####e+0", CultureInfo.InvariantCulture);

    // e^v written as m·10^p without computing e^v (which may overflow): "1.5e+308".
    private static string Exp(double logValue)
    {
        double log10 = logValue / Math.Log(10);
        double power = Math.Floor(log10);
        double mantissa = Math.Round(Math.Pow(10, log10 - power), 2);
        if (mantissa >= 10)
        {
            mantissa = 1;
            power += 1;
        }

        return power is >= -4 and < 6
            ? Math.Exp(logValue).ToString("G3", CultureInfo.InvariantCulture)
            : $"{mantissa.ToString("0.##", CultureInfo.InvariantCulture)}e{(power >= 0 ? "+" : "")}{power.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string Ordinal(int k) => k % 100 is 11 or 12 or 13 ? $"{k}th" : (k % 10) switch
    {
        1 => $"{k}st",
        2 => $"{k}nd",
        3 => $"{k}rd",
        _ => $"{k}th",
    };
}

/// <summary>The preparation the KSG-family estimators share (MI and conditional MI).</summary>
internal static class KsgChecks
{
    /// <summary>
    /// When one of the variables is constant, the exact value 0 with a "constant" warning and no standard error (the
    /// k-NN counts would only measure the jitter); otherwise null.
    /// </summary>
    public static InformationEstimate? ConstantVariable(KnnChecks checks, ColumnStatistics[] stats,
        ReadOnlySpan<(string Name, int Start, int Count)> variables, string quantity, int n)
    {
        foreach (var (name, start, count) in variables)
        {
            if (KnnChecks.IsConstant(stats, start, count))
            {
                checks.ConstantVariable(name, quantity);
                return checks.Finish(new InformationEstimate(Information.FromNats(0), null, n));
            }
        }

        return null;
    }

    /// <summary>Warns about column scales and about exact repeats at the k-th joint neighbor, then jitters.</summary>
    public static void Prepare(KnnChecks checks, PointSet joint, ColumnStatistics[] stats, KsgOptions options, string space)
    {
        int d = joint.Dimensions;
        if (!options.Standardize)
        {
            checks.Anisotropy(stats, 0, d, joint.Count, options.K);
        }

        checks.Ties(joint, 0, d, options.K, space,
            "Use a discrete estimator for discrete data, or k ≥ {0} so that the k-th neighbor lies beyond the copies.");
        joint.Jitter(options.TieJitter, options.Seed);
    }
}
