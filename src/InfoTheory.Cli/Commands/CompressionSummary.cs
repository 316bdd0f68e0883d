using System.Globalization;
using System.Text;
using InfoTheory.TorchSharp;

namespace InfoTheory.Cli.Commands;

/// <summary>
/// The compression section of <c>infotheory infoplane --bands B</c>: per layer, did I(X;T) fall from its peak to the last
/// measurement by more than the noise of the probe batch (<see cref="FallTest"/>, the split-half test on the B disjoint
/// parts)? Printed as lines and written as <c>compression.csv</c>.
/// </summary>
internal static class CompressionSummary
{
    /// <summary>The CSV header of <c>compression.csv</c> (information in bits).</summary>
    public const string Header = "layer,peak_epoch,fall,fall_low,fall_high,compressed,batches";

    /// <summary>
    /// Prints one line per layer and writes <c>compression.csv</c> to <paramref name="folder"/>; returns its path, or null
    /// when the series has no fall test (no bands, or B &lt; 3).
    /// </summary>
    public static string? Write(InformationSeries series, string folder, TextWriter stdout)
    {
        var phases = InformationPhases.Of(series, InformationQuantity.InputInformation, 1);
        if (phases.Any(p => p.FallTest is null))
        {
            stdout.WriteLine("  compression: no test (it needs --bands 3 or more)");
            return null;
        }

        var csv = new StringBuilder(Header).Append('\n');
        stdout.WriteLine("  compression of I(X;T), peak (chosen on half the probe parts) to the last epoch, 90 % interval of the fall on the other half:");
        foreach (var p in phases)
        {
            var t = p.FallTest!;
            stdout.WriteLine(Invariant($"  {p.Layer,-6} fall {t.Fall:F3} [{t.Low:F3}, {t.High:F3}] bits from epoch {t.PeakEpoch}: {(t.Significant ? "compressed" : "not shown")}"));
            csv.Append(Invariant($"{p.Layer},{t.PeakEpoch},{t.Fall:R},{t.Low:R},{t.High:R},{(t.Significant ? "true" : "false")},{t.Batches}")).Append('\n');
        }

        string path = Path.Combine(folder, "compression.csv");
        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
        return path;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
