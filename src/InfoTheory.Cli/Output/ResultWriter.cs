using InfoTheory.Cli.Commands;

namespace InfoTheory.Cli.Output;

/// <summary>Writes a result as JSON or as text, as the settings ask.</summary>
internal static class ResultWriter
{
    /// <summary>Writes a single-value estimate.</summary>
    public static void Write(TextWriter stdout, CommonSettings settings, EstimateReport report) =>
        stdout.WriteLine(settings.Json ? JsonOutput.Format(report, settings) : TextOutput.Format(report, settings));

    /// <summary>Writes the PID proxies.</summary>
    public static void Write(TextWriter stdout, CommonSettings settings, PidReport report) =>
        stdout.WriteLine(settings.Json ? JsonOutput.Format(report, settings) : TextOutput.Format(report, settings));
}
