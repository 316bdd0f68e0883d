using System.Globalization;
using System.Text;
using InfoTheory.Cli.Commands;

namespace InfoTheory.Cli.Output;

/// <summary>The human output: one line per estimate, a short block for pid. Invariant culture throughout.</summary>
internal static class TextOutput
{
    private const string Saturated = "warning: saturated (the joint entropy reached 0.99·log N); ";

    /// <summary>
    /// E.g. <c>H(X) = 3.2145 bits (renyi, alpha=1.01, sigma=0.8123, N=500)</c>; with the approximate method the certified
    /// interval and the factor rank after the value, e.g. <c>H(X) = 3.2145 bits [3.2110, 3.2180], rank 96 (renyi, approx, …)</c>,
    /// and a warning line when the interval is wider than the tolerance; then the width scan's table when there is one.
    /// </summary>
    public static string Format(EstimateReport report, CommonSettings settings)
    {
        var d = report.Diagnostics;
        var details = new List<string> { settings.Estimator };
        string interval = string.Empty;
        string? missed = null;
        if (d is { Lower: { } lower, Upper: { } upper })
        {
            details.Add(MethodOption.Approximate);
            interval = $" [{Plain(lower, settings)}, {Plain(upper, settings)}], rank {d.FactorRank}";
            if (d.ToleranceMissed == true)
            {
                missed = $"warning: the interval is {Value(upper - lower, settings)} wide, more than the tolerance of {Value(settings.Renyi.Tolerance, settings)}: "
                    + $"the factorisation stopped at rank {d.FactorRank} (N/4, or what --max-memory holds) on a slowly decaying spectrum (sigma near or below "
                    + "the data's distances); the interval still contains the exact value. Use a larger sigma, a larger --max-memory or --method exact";
            }
        }

        if (report.Representation is not null)
        {
            details.Add($"{report.Representation}, C={report.Maps}");
        }

        details.Add($"alpha={Number(d.Alpha)}");
        details.Add(report.Representation is not null
            ? $"sigma_x={Number(d.Widths[0])}"
            : report.WidthsAsArray ? $"sigma=[{string.Join(", ", d.Widths.Select(Number))}]" : $"sigma={Number(d.Widths[0])}");
        details.Add($"N={report.Count}");
        string line = $"{report.Symbol} = {Value(report.Estimate.Value, settings)}{interval} ({string.Join(", ", details)})";
        // Only what the command offers: the map-wise MMI can switch to the whole tensor, the others only widen σ.
        string advice = report.Representation == "maps"
            ? "use a larger sigma, fewer maps or --representation tensor"
            : "use a larger sigma (--sigma, or a larger --h or --gamma)";
        line = d.Saturated ? $"{line}; {Saturated}{advice}" : line;
        line = missed is null ? line : line + Environment.NewLine + missed;
        return report.Scan is { } scan
            ? line + Environment.NewLine + WidthOutput.ScanText(scan, report.Symbol, settings.Unit, settings.UnitName, WidthOutput.VariableNames(report.Command))
            : line;
    }

    /// <summary>
    /// A four-line summary: MMI, RST, WNRI and the settings; with the approximate method each value is followed by its
    /// certified interval, the settings line names the method and the factor rank, and a warning line follows when an
    /// interval is wider than the tolerance.
    /// </summary>
    public static string Format(PidReport report, CommonSettings settings)
    {
        var r = report.Result;
        var d = report.Diagnostics;
        string Bounds(ConfidenceInterval? bounds) =>
            bounds is { } b ? $" [{Plain(b.Low, settings)}, {Plain(b.High, settings)}]" : string.Empty;
        ConfidenceInterval? mmi = d is { Lower: { } lower, Upper: { } upper } ? new ConfidenceInterval(lower, upper, 1) : null;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"MMI  = {Value(r.Mmi.Value, settings)}{Bounds(mmi)} (X with all {report.Maps} maps)").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"RST  = {Value(r.Rst, settings)}{Bounds(r.RstBounds)} (RST%  = {Percent(r.RstPercent)}; redundancy minus synergy, mean over pairs)").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"WNRI = {Value(r.Wnri, settings)}{Bounds(r.WnriBounds)} (WNRI% = {Percent(r.WnriPercent)}; weighted non-redundant information)").AppendLine();
        text.Append(CultureInfo.InvariantCulture,
            $"{r.Pairs.Count} of {report.AllPairs} pairs, N={report.Count}, {settings.Estimator}");
        if (mmi is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $", {MethodOption.Approximate}, rank {d.FactorRank}");
        }

        text.Append(CultureInfo.InvariantCulture, $", alpha={Number(d.Alpha)}, sigma_x={Number(d.Widths[0])}");
        if (d.Saturated)
        {
            text.AppendLine().Append(Saturated).Append("use a larger sigma or fewer maps");
        }

        if (d.ToleranceMissed == true)
        {
            text.AppendLine().Append("warning: an interval is wider than the tolerance of ").Append(Value(settings.Renyi.Tolerance, settings))
                .Append(": a factorisation stopped at rank N/4 (or what --max-memory holds) on a slowly decaying spectrum (sigma near or below ")
                .Append("the data's distances); every interval still contains the exact value. Use a larger sigma, fewer maps or --method exact");
        }

        return text.ToString();
    }

    private static string Value(Information value, CommonSettings settings) =>
        value.ToString(settings.Unit, "F4", CultureInfo.InvariantCulture);

    private static string Plain(Information value, CommonSettings settings) =>
        value.In(settings.Unit).ToString("F4", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Percent(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "undefined";
}
