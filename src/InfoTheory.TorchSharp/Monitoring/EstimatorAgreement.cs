using System.Globalization;
using System.Text;

namespace InfoTheory.TorchSharp;

/// <summary>
/// How well two estimators agree on one layer's trajectory over a run: Spearman's ρ (<see cref="RankCorrelation"/>)
/// between their I(X;T) values step by step, and between their I(T;Y) values. Ranks, not values, because estimators of
/// one quantity differ in bias and scale (bits of matrix Rényi are not bits of KSG); ρ = 1 says both tell the same story
/// of rises and falls, ρ near 0 or below says a phase seen with one is not seen with the other.
/// </summary>
/// <param name="Layer">The layer.</param>
/// <param name="First">The first estimator's name.</param>
/// <param name="Second">The second estimator's name.</param>
/// <param name="Steps">The number of measurement steps compared.</param>
/// <param name="InputInformation">ρ of the two I(X;T) trajectories (CSV column <c>spearman_i_xt</c>); NaN when one is constant.</param>
/// <param name="TargetInformation">ρ of the two I(T;Y) trajectories (<c>spearman_i_ty</c>); NaN when one is constant.</param>
public sealed record EstimatorAgreement(string Layer, string First, string Second, int Steps, double InputInformation, double TargetInformation)
{
    /// <summary>The CSV header of <see cref="ToCsv"/>.</summary>
    public const string CsvHeader = "layer,first,second,steps,spearman_i_xt,spearman_i_ty";

    /// <summary>
    /// The agreement table of several estimators' series of one run: for each layer (in the first series' order) and each
    /// pair of estimators (in the given order, first before second), ρ of I(X;T) and of I(T;Y) over the steps.
    /// </summary>
    /// <param name="estimators">Each estimator's name and series, in the order of the pairs (e.g. <see cref="MultiEstimatorMonitor.Series"/>,
    /// or series loaded with <see cref="InformationSeries.Load"/>): the same layers measured at the same steps (epoch,
    /// iteration), as measuring one run with each estimator gives.</param>
    /// <returns>One row per layer and pair of estimators: layers × k(k−1)/2 rows for k estimators.</returns>
    /// <exception cref="ArgumentException">Fewer than 2 series, a name repeated, series that do not share their layers
    /// and steps, or fewer than 2 steps.</exception>
    public static IReadOnlyList<EstimatorAgreement> Of(IEnumerable<KeyValuePair<string, InformationSeries>> estimators)
    {
        ArgumentNullException.ThrowIfNull(estimators);
        var series = estimators.ToList();
        if (series.Count < 2)
        {
            throw new ArgumentException($"estimators has {series.Count} series; agreement compares at least 2 series of one run.", nameof(estimators));
        }

        if (series.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count() != series.Count)
        {
            throw new ArgumentException($"estimators names {string.Join(", ", series.Select(s => s.Key))}: give each estimator once.", nameof(estimators));
        }

        foreach (var s in series)
        {
            ArgumentNullException.ThrowIfNull(s.Value, nameof(estimators));
        }

        var layers = series[0].Value.Layers;
        foreach (var (name, other) in series)
        {
            if (!other.Layers.SequenceEqual(layers))
            {
                throw new ArgumentException(
                    $"The series of '{name}' has layers {string.Join(", ", other.Layers)} but that of '{series[0].Key}' has {string.Join(", ", layers)}: agreement compares the same layers of one run.",
                    nameof(estimators));
            }
        }

        var trajectories = series.Select(s => layers.Select(l => Trajectory(s, l, series[0])).ToArray()).ToArray();
        if (trajectories[0].Any(t => t.Length < 2))
        {
            throw new ArgumentException("The series hold fewer than 2 measurements of a layer; a rank correlation needs at least 2 steps: measure again before asking for the agreement.",
                nameof(estimators));
        }
        var rows = new List<EstimatorAgreement>();
        for (int l = 0; l < layers.Count; l++)
        {
            for (int a = 0; a < series.Count; a++)
            {
                for (int b = a + 1; b < series.Count; b++)
                {
                    var (first, second) = (trajectories[a][l], trajectories[b][l]);
                    rows.Add(new EstimatorAgreement(layers[l], series[a].Key, series[b].Key, first.Length,
                        RankCorrelation.Spearman([.. first.Select(r => r.InputInformation)], [.. second.Select(r => r.InputInformation)]),
                        RankCorrelation.Spearman([.. first.Select(r => r.TargetInformation)], [.. second.Select(r => r.TargetInformation)])));
                }
            }
        }

        return rows;
    }

    /// <summary>The table as CSV text: <see cref="CsvHeader"/>, then one line per row (invariant culture, round-trip numbers, NaN for undefined ρ).</summary>
    /// <param name="rows">The rows of <see cref="Of"/>.</param>
    public static string ToCsv(IEnumerable<EstimatorAgreement> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (var r in rows)
        {
            text.Append(Quote(r.Layer)).Append(',').Append(Quote(r.First)).Append(',').Append(Quote(r.Second)).Append(',')
                .Append(r.Steps.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(r.InputInformation.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(r.TargetInformation.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/> (UTF-8).</summary>
    /// <param name="rows">The rows of <see cref="Of"/>.</param>
    /// <param name="path">The CSV file.</param>
    public static void Save(IEnumerable<EstimatorAgreement> rows, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllText(path, ToCsv(rows), new UTF8Encoding(false));
    }

    /// <summary>One layer's records of one series, checked step by step against the reference series.</summary>
    private static InformationRecord[] Trajectory(KeyValuePair<string, InformationSeries> series, string layer, KeyValuePair<string, InformationSeries> reference)
    {
        var records = series.Value.Records.Where(r => r.Layer == layer).ToArray();
        var steps = reference.Value.Records.Where(r => r.Layer == layer).Select(r => (r.Epoch, r.Iteration));
        if (!records.Select(r => (r.Epoch, r.Iteration)).SequenceEqual(steps))
        {
            throw new ArgumentException(
                $"The series of '{series.Key}' has other steps of layer '{layer}' than that of '{reference.Key}' ({records.Length} against {steps.Count()} records): " +
                "agreement compares the same run measured with each estimator; measure them together (MultiEstimatorMonitor).", "estimators");
        }

        return records;
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
