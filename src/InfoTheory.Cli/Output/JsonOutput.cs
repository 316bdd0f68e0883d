using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using InfoTheory.Cli.Commands;

namespace InfoTheory.Cli.Output;

/// <summary>
/// The <c>--json</c> output: exactly one JSON object on one line, snake_case names, numbers in invariant round-trip
/// form, information values in the requested unit (named by <c>unit</c>).
/// </summary>
internal static class JsonOutput
{
    // Relaxed escaping keeps paths and Greek letters readable; the output is never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// entropy / mi / mmi: value, unit, estimator, alpha, sigma, bandwidth, n, clipped_eigenvalue_mass, saturated,
    /// diagnostics, and width_scan with --width-factors; when the approximate method ran, also method ("approx"), lower,
    /// upper and tolerance (in the unit of value), factor_rank and tolerance_missed.
    /// </summary>
    public static string Format(EstimateReport report, CommonSettings settings) => Write(w =>
    {
        var d = report.Diagnostics;
        w.WriteString("command", report.Command);
        w.WriteString("estimator", settings.Estimator);
        w.WriteNumber("value", report.Estimate.Value.In(settings.Unit));
        w.WriteString("unit", settings.UnitName);
        if (d is { Lower: { } lower, Upper: { } upper })
        {
            // Only the approximate method writes these: the exact method's output stays as it was.
            w.WriteString("method", MethodOption.Approximate);
            w.WriteNumber("lower", lower.In(settings.Unit));
            w.WriteNumber("upper", upper.In(settings.Unit));
            w.WriteNumber("tolerance", settings.Renyi.Tolerance.In(settings.Unit));
            w.WriteNumber("factor_rank", d.FactorRank ?? 0);
            w.WriteBoolean("tolerance_missed", d.ToleranceMissed ?? false);
        }

        w.WriteNumber("alpha", d.Alpha);
        if (report.WidthsAsArray)
        {
            WriteArray(w, "sigma", d.Widths);
        }
        else
        {
            w.WriteNumber("sigma", d.Widths[0]);
        }

        w.WriteString("bandwidth", settings.Renyi.Bandwidth.ToString());
        if (report.Representation is not null)
        {
            w.WriteString("representation", report.Representation);
        }

        if (report.Maps is { } maps)
        {
            w.WriteNumber("maps", maps);
        }

        w.WriteNumber("n", report.Count);
        w.WriteNumber("clipped_eigenvalue_mass", d.ClippedEigenvalueMass);
        w.WriteBoolean("saturated", d.Saturated);
        WidthOutput.WriteDiagnostics(w, d.WidthChecks, WidthOutput.VariableNames(report.Command));
        if (report.Scan is { } scan)
        {
            WidthOutput.WriteScan(w, scan, settings.Unit, WidthOutput.VariableNames(report.Command));
        }
    });

    /// <summary>
    /// pid: mmi, rst, wnri, rst_pct, wnri_pct, unit, pairs, map_information, alpha, sigma_x, sigma_maps, saturated,
    /// diagnostics; when the approximate method ran, also method ("approx"), the certified intervals (mmi_lower/upper,
    /// rst_lower/upper, wnri_lower/upper, per pair i_x_tij/rst/wnri _lower/_upper, map_information_lower/upper), tolerance,
    /// factor_rank and tolerance_missed.
    /// </summary>
    public static string Format(PidReport report, CommonSettings settings) => Write(w =>
    {
        var r = report.Result;
        var d = report.Diagnostics;
        var unit = settings.Unit;
        w.WriteString("command", "pid");
        w.WriteString("estimator", settings.Estimator);
        w.WriteNumber("mmi", r.Mmi.Value.In(unit));
        w.WriteNumber("rst", r.Rst.In(unit));
        w.WriteNumber("wnri", r.Wnri.In(unit));
        if (d is { Lower: { } lower, Upper: { } upper })
        {
            // Only the approximate method writes these: the exact method's output stays as it was.
            w.WriteString("method", MethodOption.Approximate);
            w.WriteNumber("mmi_lower", lower.In(unit));
            w.WriteNumber("mmi_upper", upper.In(unit));
            WriteBounds(w, "rst", r.RstBounds, unit);
            WriteBounds(w, "wnri", r.WnriBounds, unit);
            w.WriteNumber("tolerance", settings.Renyi.Tolerance.In(unit));
            w.WriteNumber("factor_rank", d.FactorRank ?? 0);
            w.WriteBoolean("tolerance_missed", d.ToleranceMissed ?? false);
        }

        WidthOutput.WriteNullable(w, "rst_pct", r.RstPercent);
        WidthOutput.WriteNullable(w, "wnri_pct", r.WnriPercent);
        w.WriteString("unit", settings.UnitName);
        w.WriteStartArray("pairs");
        foreach (var pair in r.Pairs)
        {
            w.WriteStartObject();
            w.WriteNumber("i", pair.First);
            w.WriteNumber("j", pair.Second);
            w.WriteNumber("i_x_ti", pair.FirstInformation.In(unit));
            w.WriteNumber("i_x_tj", pair.SecondInformation.In(unit));
            w.WriteNumber("i_x_tij", pair.JointInformation.In(unit));
            WriteBounds(w, "i_x_tij", pair.JointBounds, unit);
            w.WriteNumber("rst", pair.Rst.In(unit));
            WriteBounds(w, "rst", pair.RstBounds, unit);
            w.WriteNumber("wnri", pair.Wnri.In(unit));
            WriteBounds(w, "wnri", pair.WnriBounds, unit);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteArray(w, "map_information", r.MapInformation.Select(i => i.In(unit)));
        if (r.MapBounds is { } maps)
        {
            WriteArray(w, "map_information_lower", maps.Select(b => b.Low.In(unit)));
            WriteArray(w, "map_information_upper", maps.Select(b => b.High.In(unit)));
        }

        w.WriteNumber("alpha", d.Alpha);
        w.WriteNumber("sigma_x", d.Widths[0]);
        WriteArray(w, "sigma_maps", d.Widths.Skip(1));
        w.WriteString("bandwidth", settings.Renyi.Bandwidth.ToString());
        w.WriteNumber("n", report.Count);
        w.WriteNumber("maps", report.Maps);
        w.WriteNumber("pairs_evaluated", r.Pairs.Count);
        w.WriteNumber("pairs_total", report.AllPairs);
        w.WriteNumber("clipped_eigenvalue_mass", d.ClippedEigenvalueMass);
        w.WriteBoolean("saturated", d.Saturated);
        WidthOutput.WriteDiagnostics(w, d.WidthChecks, WidthOutput.VariableNames("pid"));
    });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>NAME_lower and NAME_upper from a certified interval; nothing for the exact method (null).</summary>
    private static void WriteBounds(Utf8JsonWriter w, string name, ConfidenceInterval? bounds, InformationUnit unit)
    {
        if (bounds is { } b)
        {
            w.WriteNumber(name + "_lower", b.Low.In(unit));
            w.WriteNumber(name + "_upper", b.High.In(unit));
        }
    }

    private static void WriteArray(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (double v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }
}
