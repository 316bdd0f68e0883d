using System.Globalization;
using System.Text;
using System.Text.Json;

namespace InfoTheory.Cli.Output;

/// <summary>
/// The width diagnostics of a kernel estimate (matrix-based Rényi or KDE, through <see cref="IWidthDiagnostics"/>) and the
/// width scan of <c>--width-factors</c>, as JSON and text: one writer for every estimator that has a kernel width.
/// </summary>
internal static class WidthOutput
{
    /// <summary>The names of the width checks of a command's estimate, in order: x then y (then xy, the KDE's joint) for mi; x then the layer for mmi and pid; x for entropy.</summary>
    public static string[] VariableNames(string command) => command switch
    {
        "mi" => ["x", "y", "xy"],
        "entropy" => ["x"],
        _ => ["x", "layer"],
    };

    /// <summary>
    /// <c>diagnostics</c>: one object per variable (<see cref="WidthCheck"/>) named in order (see <see cref="VariableNames"/>;
    /// a single check is always x): <c>variable</c>, <c>sigma</c>, <c>median_distance</c>, <c>sigma_over_median</c> (null when
    /// the median distance is 0), <c>entropy_over_log_n</c> (null where the estimate has no log N ceiling, e.g. the KDE),
    /// <c>width_dominated</c>.
    /// </summary>
    public static void WriteDiagnostics(Utf8JsonWriter w, IReadOnlyList<WidthCheck> checks, string[] names)
    {
        w.WriteStartArray("diagnostics");
        for (int v = 0; v < checks.Count; v++)
        {
            var c = checks[v];
            w.WriteStartObject();
            w.WriteString("variable", Name(checks, names, v));
            w.WriteNumber("sigma", c.Sigma);
            w.WriteNumber("median_distance", c.MedianDistance);
            WriteNullable(w, "sigma_over_median", Ratio(c));
            WriteNullable(w, "entropy_over_log_n", c.EntropyOverLogN);
            w.WriteBoolean("width_dominated", c.WidthDominated);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>
    /// <c>width_scan</c>: one object per factor, in the order given: <c>factor</c>, <c>value</c> (in the output's unit),
    /// <c>standard_error</c> (when the estimator gives one), then per variable v (x, y, and xy for the KDE's joint)
    /// <c>sigma_v</c> (the width times the factor), <c>sigma_over_median_v</c> and <c>width_dominated_v</c>, and
    /// <c>width_dominated</c> (any variable).
    /// </summary>
    public static void WriteScan(Utf8JsonWriter w, WidthScan scan, InformationUnit unit, string[] names)
    {
        w.WriteStartArray("width_scan");
        for (int f = 0; f < scan.Factors.Count; f++)
        {
            var e = scan.Estimates[f];
            var checks = Checks(e);
            w.WriteStartObject();
            w.WriteNumber("factor", scan.Factors[f]);
            w.WriteNumber("value", e.Value.In(unit));
            if (e.Diagnostics is RenyiDiagnostics { Lower: { } lower, Upper: { } upper } d)
            {
                w.WriteNumber("lower", lower.In(unit));
                w.WriteNumber("upper", upper.In(unit));
                w.WriteNumber("factor_rank", d.FactorRank ?? 0);
                w.WriteBoolean("tolerance_missed", d.ToleranceMissed ?? false);
            }

            if (e.StandardError is { } se)
            {
                w.WriteNumber("standard_error", se.In(unit));
            }

            for (int v = 0; v < checks.Count; v++)
            {
                string name = Name(checks, names, v);
                w.WriteNumber("sigma_" + name, checks[v].Sigma);
                WriteNullable(w, "sigma_over_median_" + name, Ratio(checks[v]));
                w.WriteBoolean("width_dominated_" + name, checks[v].WidthDominated);
            }

            w.WriteBoolean("width_dominated", checks.Any(c => c.WidthDominated));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>
    /// The scan as a small table under the estimate's line, e.g.
    /// <c>factor  sigma_x  sigma_y  I(X;Y) bits  width-dominated</c> then one row per factor (widths G4, values F4,
    /// the width-dominated variables or <c>-</c>).
    /// </summary>
    public static string ScanText(WidthScan scan, string symbol, InformationUnit unit, string unitName, string[] names)
    {
        var rows = new List<string[]>();
        var first = Checks(scan.Estimates[0]);
        rows.Add(["factor", .. first.Select((_, v) => "sigma_" + Name(first, names, v)), $"{symbol} {unitName}", "width-dominated"]);
        for (int f = 0; f < scan.Factors.Count; f++)
        {
            var checks = Checks(scan.Estimates[f]);
            var dominated = checks.Select((c, v) => c.WidthDominated ? Name(checks, names, v) : null).OfType<string>().ToArray();
            rows.Add(
            [
                scan.Factors[f].ToString("G6", CultureInfo.InvariantCulture),
                .. checks.Select(c => c.Sigma.ToString("G4", CultureInfo.InvariantCulture)),
                scan.Estimates[f].Value.In(unit).ToString("F4", CultureInfo.InvariantCulture)
                    + (scan.Estimates[f].Diagnostics is RenyiDiagnostics { Lower: { } lower, Upper: { } upper }
                        ? $" [{lower.In(unit).ToString("F4", CultureInfo.InvariantCulture)}, {upper.In(unit).ToString("F4", CultureInfo.InvariantCulture)}]"
                        : string.Empty),
                dominated.Length == 0 ? "-" : string.Join(",", dominated),
            ]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder("width scan (each kernel width times the factor):");
        foreach (var row in rows)
        {
            text.AppendLine().Append("  ");
            // Numbers right-aligned; the last column (names) left-aligned and unpadded.
            text.AppendJoin("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadLeft(widths[c])));
        }

        return text.ToString();
    }

    private static IReadOnlyList<WidthCheck> Checks(InformationEstimate estimate) =>
        estimate.Diagnostics is IWidthDiagnostics d ? d.WidthChecks : [];

    private static string Name(IReadOnlyList<WidthCheck> checks, string[] names, int v) => checks.Count == 1 ? "x" : names[v];

    private static double? Ratio(WidthCheck c) => double.IsFinite(c.SigmaOverMedian) ? c.SigmaOverMedian : null;

    /// <summary>A number, or JSON null.</summary>
    public static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
