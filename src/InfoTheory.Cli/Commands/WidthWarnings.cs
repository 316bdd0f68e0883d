using System.Globalization;
using InfoTheory.TorchSharp;

namespace InfoTheory.Cli.Commands;

/// <summary>
/// The width warnings at the end of <c>infotheory infoplane</c>: one line for the input X and one per layer whose
/// matrix-Rényi kernel width, not its data, decided the values at some measurement (<see cref="WidthCheck.WidthDominated"/>
/// of <see cref="InformationRecord.InputWidthCheck"/> and <see cref="InformationRecord.LayerWidthCheck"/>), with σ/median
/// at the last such measurement and the fix. Nothing for estimators without width checks (ksg, kde, …).
/// </summary>
internal static class WidthWarnings
{
    /// <summary>Prints the warnings of <paramref name="series"/>; returns how many lines were printed.</summary>
    /// <param name="series">The run's records.</param>
    /// <param name="renyi">The run's matrix-Rényi settings: the fix does not suggest the width rule already in use, and
    /// suggests the median width with the method it needs (--method approx refuses it).</param>
    /// <param name="stdout">Where the lines go.</param>
    public static int Write(InformationSeries series, MatrixRenyiOptions renyi, TextWriter stdout)
    {
        string fix = renyi.Bandwidth == Bandwidth.Median() ? "standardise the activations"
            : renyi.Method == MatrixRenyiMethod.Approximate ? "standardise the activations or use --bandwidth median with --method auto or exact"
            : "standardise the activations or use --bandwidth median";
        int lines = 0;
        // X's check is repeated in every layer's record of a measurement: one per measurement (step) is counted.
        if (Warning("input X", series.Steps().Select(step => (step[0], step[0].InputWidthCheck)).ToList(), fix) is { } input)
        {
            stdout.WriteLine(input);
            lines++;
        }

        foreach (var layer in series.Layers)
        {
            if (Warning($"layer {layer}", series.Records.Where(r => r.Layer == layer).Select(r => (r, r.LayerWidthCheck)).ToList(), fix) is { } line)
            {
                stdout.WriteLine(line);
                lines++;
            }
        }

        return lines;
    }

    /// <summary>The warning line for one variable's checks over the run, or null when none was width-dominated.</summary>
    private static string? Warning(string what, List<(InformationRecord Record, WidthCheck? Check)> checks, string fix)
    {
        var measured = checks.Where(c => c.Check is not null).ToList();
        var dominated = measured.Where(c => c.Check!.WidthDominated).ToList();
        if (dominated.Count == 0)
        {
            return null;
        }

        var (record, check) = dominated[^1];
        double ratio = check!.SigmaOverMedian;
        string side = ratio >= WidthCheck.FlatRatio
            ? Invariant($">= {WidthCheck.FlatRatio}: a flat kernel pushes its values towards 0")
            : Invariant($"<= {WidthCheck.SpikeRatio}: a spike kernel pushes its values towards log N");
        string shown = ratio.ToString(ratio >= 100 ? "F0" : "G3", CultureInfo.InvariantCulture);
        return Invariant($"  warning: {what} is width-dominated in {dominated.Count} of {measured.Count} measurements (sigma/median = {shown} at epoch {record.Epoch}, {side}); ")
            + $"the width, not the data, decides them: {fix}.";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
