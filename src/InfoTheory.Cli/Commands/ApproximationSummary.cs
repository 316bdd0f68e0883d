using System.Globalization;
using InfoTheory.TorchSharp;

namespace InfoTheory.Cli.Commands;

/// <summary>
/// The line <c>infotheory infoplane --method approx|auto</c> ends with: how wide the certified intervals of the
/// approximate method were (<see cref="RenyiDiagnostics.Lower"/>, <see cref="RenyiDiagnostics.Upper"/>) over every
/// measure of every measurement (a layer's PID proxies counted through its MMI, whose flag covers every proxy), and a warning when some were wider than <c>--tolerance</c> (their values, the
/// intervals' midpoints, may then be off by up to half the width). Nothing with the exact method.
/// </summary>
internal static class ApproximationSummary
{
    /// <summary>Prints the summary of <paramref name="measurements"/> (one list per measurement, with its epoch).</summary>
    /// <param name="measurements">Each measurement's epoch and layers, in order.</param>
    /// <param name="renyi">The run's matrix-Rényi settings (the method and tolerance).</param>
    /// <param name="target">The name of I(T;Y) in the output, e.g. <c>I(T;X')</c>.</param>
    /// <param name="stdout">Where the line goes.</param>
    public static void Write(IReadOnlyList<(int Epoch, IReadOnlyList<LayerMeasurement> Layers)> measurements, MatrixRenyiOptions renyi, string target,
        TextWriter stdout)
    {
        if (renyi.Method == MatrixRenyiMethod.Exact)
        {
            return;
        }

        var intervals = (
            from measurement in measurements
            from layer in measurement.Layers
            from measure in new (string Name, InformationEstimate? Estimate)[]
            {
                ($"{layer.Layer} H(T)", layer.Entropy), ($"{layer.Layer} I(X;T)", layer.InputInformation), ($"{layer.Layer} {target}", layer.TargetInformation),
                ($"I(dK;d_{layer.Layer})", layer.ErrorInformation),
                // A layer's PID: the MMI's interval, flagged when any proxy's interval missed the tolerance.
                ($"{layer.Layer} MMI/PID", layer.Mmi), ($"{layer.Layer} MMI/PID (Y)", layer.TargetMmi),
            }
            where measure.Estimate?.Diagnostics is RenyiDiagnostics { Lower: not null }
            let d = (RenyiDiagnostics)measure.Estimate!.Diagnostics!
            select (What: $"{measure.Name} at epoch {measurement.Epoch}", Width: (d.Upper!.Value - d.Lower!.Value).Bits,
                Rank: d.FactorRank ?? 0, Missed: d.ToleranceMissed == true)).ToList();
        string tolerance = renyi.Tolerance.Bits.ToString(CultureInfo.InvariantCulture);
        if (intervals.Count == 0)
        {
            stdout.WriteLine($"  method auto: every measure was computed exactly (a probe of at most {MatrixRenyiOptions.AutomaticExactLimit} digits, "
                + "or approximate intervals wider than the tolerance where the exact spectra fit in memory)");
            return;
        }

        var widest = intervals.MaxBy(i => i.Width);
        int missed = intervals.Count(i => i.Missed);
        string widestText = string.Create(CultureInfo.InvariantCulture, $"the widest {widest.Width:F4} bits, {widest.What}; factor rank up to {intervals.Max(i => i.Rank)}");
        stdout.WriteLine(missed == 0
            ? $"  approximate: all {intervals.Count} intervals within --tolerance {tolerance} bits; {widestText}"
            : $"  warning: {missed} of {intervals.Count} approximate intervals are wider than --tolerance {tolerance} bits ({widestText}): their values are "
                + "the intervals' midpoints and may be off by up to half the width; use --method exact or a wider kernel (--gamma, --h)");
    }
}
