using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using InfoTheory.Cli.Commands;

namespace InfoTheory.Cli.Output;

/// <summary>An estimate of a table estimator (k-NN and later ones) with what the output needs to describe it.</summary>
/// <param name="Command">The command that produced it.</param>
/// <param name="Symbol">The quantity as written in the text line, e.g. <c>I(X;Y)</c>.</param>
/// <param name="Estimator">The estimator's name.</param>
/// <param name="Estimate">The library's estimate.</param>
/// <param name="Count">The number of observations N (of P for a divergence).</param>
/// <param name="Settings">The estimator's settings to report (name, value).</param>
/// <param name="CiLevel">The level of the confidence interval to add, or null.</param>
internal sealed record ClassicalReport(string Command, string Symbol, string Estimator, InformationEstimate Estimate, int Count,
    IReadOnlyList<KeyValuePair<string, object>> Settings, double? CiLevel)
{
    /// <summary>The estimates of <c>--width-factors</c> (kde), or null when it was not given.</summary>
    public WidthScan? Scan { get; init; }
}

/// <summary>
/// Writes a <see cref="ClassicalReport"/>. JSON: one object with <c>command</c>, <c>estimator</c>, <c>value</c>, <c>unit</c>,
/// <c>standard_error</c> (when the estimate has one), <c>ci_low</c>, <c>ci_high</c>, <c>ci_level</c> (with --ci), the
/// settings, what the estimate's diagnostics add (<c>bandwidth_factors</c>, the KDE's h per density, and its
/// <c>diagnostics</c> array of width checks, as <see cref="WidthOutput.WriteDiagnostics"/>; <c>patterns</c>, the distinct
/// bin patterns per variable), <c>n</c>, <c>width_scan</c> (with <c>--width-factors</c>, <see cref="WidthOutput.WriteScan"/>),
/// and <c>warnings</c> (an array of <c>{"code", "message"}</c>, only when the estimate has warnings).
/// Text: one line (and the width scan's table). Either way each warning is also one <c>warning: …</c> line on stderr.
/// </summary>
internal static class ClassicalOutput
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the report as the settings ask, and hands the estimate's warnings over for stderr.</summary>
    /// <exception cref="UsageException">--ci was given but the estimate has no standard error.</exception>
    public static void Write(CommandContext context, OutputSettings output, ClassicalReport report)
    {
        context.Stdout.WriteLine(output.Json ? Json(report, output) : Text(report, output));
        context.Warn(report.Estimate.Warnings);
    }

    private static ConfidenceInterval? Interval(ClassicalReport report)
    {
        if (report.CiLevel is not { } level)
        {
            return null;
        }

        if (report.Estimate.StandardError is null)
        {
            // A degenerate estimate loses its standard error: say why in the one error line.
            throw new UsageException(report.Estimate.Warnings.Count == 0
                ? $"--ci: the estimator '{report.Estimator}' gives no standard error; drop --ci."
                : $"--ci: this estimate has no standard error because the data are degenerate for '{report.Estimator}': {string.Join(" ", report.Estimate.Warnings.Select(w => w.Message))} Drop --ci.");
        }

        return report.Estimate.ConfidenceInterval(level);
    }

    private static string Json(ClassicalReport report, OutputSettings output)
    {
        var unit = output.Unit;
        var ci = Interval(report);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("command", report.Command);
            w.WriteString("estimator", report.Estimator);
            w.WriteNumber("value", report.Estimate.Value.In(unit));
            w.WriteString("unit", output.UnitName);
            if (report.Estimate.StandardError is { } se)
            {
                w.WriteNumber("standard_error", se.In(unit));
            }

            if (ci is { } interval)
            {
                w.WriteNumber("ci_low", interval.Low.In(unit));
                w.WriteNumber("ci_high", interval.High.In(unit));
                w.WriteNumber("ci_level", interval.Level);
            }

            foreach (var (name, value) in report.Settings)
            {
                switch (value)
                {
                    case int i:
                        w.WriteNumber(name, i);
                        break;
                    case double d:
                        w.WriteNumber(name, d);
                        break;
                    case bool b:
                        w.WriteBoolean(name, b);
                        break;
                    default:
                        w.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                        break;
                }
            }

            WriteDiagnostics(w, report.Estimate.Diagnostics, WidthOutput.VariableNames(report.Command));
            w.WriteNumber("n", report.Count);
            if (report.Scan is { } scan)
            {
                WidthOutput.WriteScan(w, scan, unit, WidthOutput.VariableNames(report.Command));
            }

            if (report.Estimate.Warnings.Count > 0)
            {
                w.WriteStartArray("warnings");
                foreach (var warning in report.Estimate.Warnings)
                {
                    w.WriteStartObject();
                    w.WriteString("code", warning.Code);
                    w.WriteString("message", warning.Message);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // What the diagnostics know beyond the settings the command reports (a compressed estimate: its inner estimator's).
    private static void WriteDiagnostics(Utf8JsonWriter w, EstimateDiagnostics? diagnostics, string[] names)
    {
        switch (diagnostics)
        {
            case CompressionDiagnostics compressed:
                WriteDiagnostics(w, compressed.Inner, names);
                break;
            case KdeDiagnostics kde:
                w.WriteStartArray("bandwidth_factors");
                foreach (double h in kde.Bandwidths)
                {
                    w.WriteNumberValue(h);
                }

                w.WriteEndArray();
                break;
            case BinningDiagnostics bins:
                w.WriteStartArray("patterns");
                foreach (int m in bins.Patterns)
                {
                    w.WriteNumberValue(m);
                }

                w.WriteEndArray();
                break;
        }

        if (diagnostics is IWidthDiagnostics widths)
        {
            WidthOutput.WriteDiagnostics(w, widths.WidthChecks, names);
        }
    }

    // E.g. "I(X;Y) = 0.5960 bits ± 0.0241 (ksg, k=3, norm=max, N=500); 95% CI [0.5488, 0.6432]".
    private static string Text(ClassicalReport report, OutputSettings output)
    {
        var e = report.Estimate;
        var ci = Interval(report);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{report.Symbol} = {Format(e.Value, output)}");
        if (e.StandardError is { } se)
        {
            text.Append(CultureInfo.InvariantCulture, $" ± {se.In(output.Unit).ToString("F4", CultureInfo.InvariantCulture)}");
        }

        var details = new List<string> { report.Estimator };
        details.AddRange(report.Settings.Select(s => $"{s.Key}={Convert.ToString(s.Value, CultureInfo.InvariantCulture)}"));
        details.Add($"N={report.Count}");
        text.Append(CultureInfo.InvariantCulture, $" ({string.Join(", ", details)})");
        if (ci is { } interval)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"; {(interval.Level * 100).ToString("G4", CultureInfo.InvariantCulture)}% CI [{interval.Low.In(output.Unit).ToString("F4", CultureInfo.InvariantCulture)}, {interval.High.In(output.Unit).ToString("F4", CultureInfo.InvariantCulture)}]");
        }

        if (report.Scan is { } scan)
        {
            text.AppendLine().Append(WidthOutput.ScanText(scan, report.Symbol, output.Unit, output.UnitName, WidthOutput.VariableNames(report.Command)));
        }

        return text.ToString();
    }

    private static string Format(Information value, OutputSettings output) =>
        value.ToString(output.Unit, "F4", CultureInfo.InvariantCulture);
}
