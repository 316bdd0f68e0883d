using System.Globalization;
using InfoTheory.TorchSharp;

namespace InfoTheory.Cli.Reproduction.Experiments;

/// <summary>
/// Whether a Lee &amp; Jo finding holds under a second estimator: the same run measured on the same activations with matrix
/// Rényi (the paper's) and with KSG, then per layer the rank agreement of the two trajectories and the direction of the
/// findings that need no common scale: the late trend of I(X;T) (the simplifying phase is a fall) and the encoder's
/// ordering of I(X;T) across layers (the DPI).
/// </summary>
internal static class LeeJoAgreement
{
    /// <summary>The paper's estimator's name in the comparison.</summary>
    public const string First = "renyi";

    /// <summary>The second estimator's name in the comparison and the report's keys.</summary>
    public const string Second = "ksg";

    /// <summary>
    /// Matrix Rényi as the paper measures, and KSG estimator 1 (k = 3) with the Euclidean norm for I(X;T) and I(T;X′) (H(T)
    /// stays matrix Rényi; it is not compared). Euclidean, not the max-norm: in a trial run (infoplane --model deep-ae
    /// --probe 100 --estimator renyi,ksg) every max-norm I(X;T) was exactly 0, leaving nothing to rank.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, InformationPlaneOptions>> Estimators { get; } =
    [
        new(First, LeeJo.Options),
        new(Second, LeeJo.Options with { MutualInformationEstimator = new KsgMutualInformation(new KsgOptions { Norm = KnnNorm.Euclidean }) }),
    ];


    /// <summary>Records the agreement table (with its one-line conclusion as the title), its numbers and the side-by-side planes.</summary>
    public static void Record(ExperimentRun run, TrainedModel trained)
    {
        var comparison = trained.Comparison ?? throw new InvalidOperationException($"{trained.Spec.Label} was trained without comparison measurements.");
        var (renyi, ksg) = (comparison[First], comparison[Second]);
        var spec = trained.Spec;
        var rows = EstimatorAgreement.Of([new(First, renyi), new(Second, ksg)]);
        int steps = rows[0].Steps, agreeing = 0, comparable = 0;
        var table = new List<IReadOnlyList<string>>();
        foreach (var row in rows)
        {
            double renyiTrend = LateTrend(renyi, row.Layer), ksgTrend = LateTrend(ksg, row.Layer);
            if (!double.IsNaN(renyiTrend) && !double.IsNaN(ksgTrend) && renyiTrend != 0)
            {
                comparable++;
                agreeing += Math.Sign(renyiTrend) == Math.Sign(ksgTrend) ? 1 : 0;
            }

            table.Add([row.Layer, Rho(row.InputInformation), Rho(row.TargetInformation), Trend(renyiTrend), Trend(ksgTrend)]);
            foreach (var (quantity, rho) in new[] { ("i_xt", row.InputInformation), ("i_tx", row.TargetInformation) })
            {
                if (!double.IsNaN(rho))
                {
                    run.Measure($"{spec.Key}.{row.Layer}.{quantity}.spearman_{Second}", rho, "rank correlation");
                }
            }
        }

        string Ordering(InformationSeries series) =>
            DataProcessingCheck.Forward(series.Steps()[^1], spec.EncoderChain, LeeJo.DpiToleranceBits).Count == 0 ? "holds" : "is violated";
        string chain = string.Join(" ≥ ", spec.EncoderChain.Select(l => $"I(X;{l})"));
        run.Setting("second estimator", LeeJo.Invariant(
            $"KSG estimator 1, k = 3, Euclidean norm, for I(X;T) and I(T;X′), on the same activations as matrix Rényi, before training and every {trained.CompareEvery} iterations ({steps} measurements)"),
            "none (the paper measures with matrix Rényi only)");
        run.Table(
                $"Agreement between estimators ({spec.Label}): Spearman ρ of the matrix-Rényi and KSG trajectories over {steps} measurements of the same activations " +
                $"(n/a: a trajectory is constant), and the late trend of I(X;T) (ρ with time over the last half; < 0 falls, the simplifying direction). " +
                $"The late trends agree in {agreeing} of {comparable} layers where both are defined; the encoder ordering {chain} at the last measurement " +
                $"{Ordering(renyi)} under matrix Rényi and {Ordering(ksg)} under KSG.",
            ["layer", "ρ I(X;T)", "ρ I(T;X′)", "late trend I(X;T), matrix Rényi", "late trend I(X;T), KSG"],
            table);
        EstimatorComparisonPlot.Save([new("matrix Rényi", renyi), new("KSG", ksg)],
            run.Figure($"{spec.Key}-estimators.png", $"The {spec.Label}'s information plane measured on the same activations with matrix Rényi and with KSG, each in its own bits."),
            new InformationPlaneStyle { Title = spec.Label, Width = 640, Height = 480 });
    }

    /// <summary>Spearman's ρ of I(X;T) with time over the last half of the measurements (at least 2): the sign says whether it falls or rises late.</summary>
    private static double LateTrend(InformationSeries series, string layer)
    {
        var values = series.Records.Where(r => r.Layer == layer).Select(r => r.InputInformation).ToArray();
        var late = values[(values.Length / 2)..];
        if (late.Length < 2)
        {
            late = values;
        }

        return RankCorrelation.Spearman([.. Enumerable.Range(0, late.Length).Select(i => (double)i)], late);
    }

    private static string Rho(double rho) => double.IsNaN(rho) ? "n/a" : rho.ToString("F2", CultureInfo.InvariantCulture);

    private static string Trend(double rho) => double.IsNaN(rho) ? "flat (constant)" : LeeJo.Invariant($"{(rho < 0 ? "falls" : rho > 0 ? "rises" : "no trend")} (ρ = {rho:F2})");
}
