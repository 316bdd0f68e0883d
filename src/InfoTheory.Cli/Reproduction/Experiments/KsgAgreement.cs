using System.Globalization;
using InfoTheory.TorchSharp;

namespace InfoTheory.Cli.Reproduction.Experiments;

/// <summary>
/// Whether a paper's finding holds under a second estimator, for every experiment that checks one: the run measured on the
/// same activations with matrix Rényi (the papers' estimator) and with KSG (<see cref="Estimators"/>, through
/// <see cref="MultiEstimatorMonitor"/>), per layer the rank agreement of the two trajectories and their late trends
/// (<see cref="Record"/>), and the findings that need no common scale (a direction, an ordering) decided again on the KSG
/// numbers by the claim's own thresholds (<see cref="KsgCheck"/>). Bits of the two estimators are not comparable, so
/// nothing here compares a KSG value with a matrix-Rényi one.
/// </summary>
internal static class KsgAgreement
{
    /// <summary>The paper's estimator's name in the comparison.</summary>
    public const string First = "renyi";

    /// <summary>The second estimator's name in the comparison and the report's keys.</summary>
    public const string Second = "ksg";

    /// <summary>
    /// A late trend counts as a fall (rise) from a Spearman ρ with time of −0.5 (+0.5): a sign alone would let noise decide,
    /// and some layer of five falls by chance almost always.
    /// </summary>
    public const double TrendRho = 0.5;

    /// <summary>The second estimator in words, for the reports' settings.</summary>
    public const string Description = "KSG estimator 1, k = 3, Euclidean norm, for I(X;T) and I(T;Y) (H(T) stays matrix Rényi; it is not compared), on the same activations as matrix Rényi";

    /// <summary>
    /// KSG estimator 1 (k = 3) with the Euclidean norm. Euclidean, not the max-norm: in a trial run (infoplane --model
    /// deep-ae --probe 100 --estimator renyi,ksg) every max-norm I(X;T) was exactly 0, leaving nothing to rank.
    /// </summary>
    private static readonly KsgMutualInformation Ksg = new(new KsgOptions { Norm = KnnNorm.Euclidean });

    /// <summary>
    /// The paper's matrix-Rényi settings and the same with KSG for I(X;T) and I(T;Y), for a <see cref="MultiEstimatorMonitor"/>:
    /// the plane only (no PID proxies, error chain or probe parts), which the experiment's own monitor measures once.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, InformationPlaneOptions>> Estimators(InformationPlaneOptions paper)
    {
        var plane = paper with { ComputePid = false, TargetPid = false, ErrorChain = false, ProbeBatches = 1 };
        return [new(First, plane), new(Second, plane with { MutualInformationEstimator = Ksg })];
    }

    /// <summary>Records the second estimator among the run's settings, with when it measured (e.g. "before training and every 49 iterations (102 measurements)").</summary>
    public static void Setting(ExperimentRun run, string when) =>
        run.Setting("second estimator", $"{Description}, {when}", "none (the paper measures with matrix Rényi only)");

    /// <summary>Records among the settings that no finding of the run can be checked under KSG, and why.</summary>
    public static void NotCompared(ExperimentRun run, string reason) =>
        run.Setting("second estimator", $"none: {reason}", "none (the paper measures with matrix Rényi only)");

    /// <summary>
    /// Records the agreement table of one network (its title ends with the one-line conclusion: the <paramref name="checks"/>),
    /// each defined ρ as a key number (<c>KEY.LAYER.i_xt.spearman_ksg</c>, <c>.i_ty.</c>) and the side-by-side planes.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="key">The network's key in the report, e.g. <c>deep-ae</c>.</param>
    /// <param name="label">The network in words, e.g. <c>deep AE</c>.</param>
    /// <param name="comparison">The <see cref="MultiEstimatorMonitor.Series"/> of <see cref="Estimators"/>.</param>
    /// <param name="target">Y in words, e.g. <c>X′</c> for an autoencoder.</param>
    /// <param name="checks">The paper's findings decided on this network's KSG numbers.</param>
    public static void Record(ExperimentRun run, string key, string label, IReadOnlyDictionary<string, InformationSeries> comparison, string target,
        IReadOnlyList<KsgCheck> checks)
    {
        var (renyi, ksg) = (comparison[First], comparison[Second]);
        var rows = EstimatorAgreement.Of([new(First, renyi), new(Second, ksg)]);
        int agreeing = 0, comparable = 0;
        var table = new List<IReadOnlyList<string>>();
        foreach (var row in rows)
        {
            double renyiTrend = LateTrend(renyi, row.Layer), ksgTrend = LateTrend(ksg, row.Layer);
            if (!double.IsNaN(renyiTrend) && !double.IsNaN(ksgTrend))
            {
                comparable++;
                agreeing += Direction(renyiTrend) == Direction(ksgTrend) ? 1 : 0;
            }

            table.Add([row.Layer, Rho(row.InputInformation), Rho(row.TargetInformation), Trend(renyiTrend), Trend(ksgTrend), Last(renyi, row.Layer), Last(ksg, row.Layer)]);
            foreach (var (quantity, rho) in new[] { ("i_xt", row.InputInformation), ("i_ty", row.TargetInformation) })
            {
                if (!double.IsNaN(rho))
                {
                    run.Measure($"{key}.{row.Layer}.{quantity}.spearman_{Second}", rho, "rank correlation");
                }
            }
        }

        run.Table(
            Invariant($"Agreement between estimators ({label}): Spearman ρ of the matrix-Rényi and KSG trajectories over {rows[0].Steps} measurements of the same activations ") +
            Invariant($"(n/a: a trajectory is constant), and the late trend of I(X;T) (ρ with time over the last half; ≤ −{TrendRho:F1} falls, ≥ {TrendRho:F1} rises). ") +
            Invariant($"The late trends agree in {agreeing} of {comparable} layers where both are defined. ") + Conclusion(checks),
            ["layer", "ρ I(X;T)", $"ρ I(T;{target})", "late trend I(X;T), matrix Rényi", "late trend I(X;T), KSG", "last I(X;T), matrix Rényi (bits)", "last I(X;T), KSG (bits)"],
            table);
        EstimatorComparisonPlot.Save([new("matrix Rényi", renyi), new("KSG", ksg)],
            run.Figure($"{key}-estimators.png", $"The {label}'s information plane measured on the same activations with matrix Rényi and with KSG, each in its own bits."),
            new InformationPlaneStyle { Title = label, Width = 640, Height = 480 });
    }

    /// <summary>The one-line conclusion of a set of checks: their sentences, capitalised, then a full stop.</summary>
    public static string Conclusion(IReadOnlyList<KsgCheck> checks)
    {
        string text = string.Join("; ", checks.Select(c => c.Sentence));
        return string.Concat(text[..1].ToUpperInvariant(), text[1..], ".");
    }

    /// <summary>
    /// Spearman's ρ of I(X;T) with time over the last half of the measurements (all of them when the last half has fewer
    /// than 2): below 0 it falls late, above 0 it rises; NaN when constant.
    /// </summary>
    public static double LateTrend(InformationSeries series, string layer)
    {
        var values = series.Records.Where(r => r.Layer == layer).Select(r => r.InputInformation).ToArray();
        var late = values[(values.Length / 2)..];
        if (late.Length < 2)
        {
            late = values;
        }

        return RankCorrelation.Spearman([.. Enumerable.Range(0, late.Length).Select(i => (double)i)], late);
    }

    /// <summary>Whether a late trend counts as a fall (ρ ≤ −<see cref="TrendRho"/>).</summary>
    public static bool Falls(double trend) => trend <= -TrendRho;

    /// <summary>A late trend in words with its ρ, e.g. <c>falls (ρ = -0.83)</c>.</summary>
    public static string Trend(double rho) => double.IsNaN(rho) ? "flat (constant)" : Invariant($"{Direction(rho)} (ρ = {rho:F2})");

    /// <summary>
    /// A finding decided on KSG numbers by <paramref name="rule"/>, unless most of the KSG estimates it rests on
    /// (<paramref name="estimates"/>) are below 0, which no mutual information is: KSG's bias then exceeds the values it would
    /// compare (with 100 to 200 probe digits in hundreds of dimensions it does, docs/estimators/matrix-renyi.md), and a
    /// "does not hold" would blame the paper for the estimator. The check then says so, with the numbers, instead of a verdict.
    /// </summary>
    public static KsgCheck Decide(string finding, Verdict verdict, string detail, string rule, IEnumerable<double> estimates)
    {
        var values = estimates.ToList();
        int negative = values.Count(v => v < 0);
        string guarded = rule + "; not decided when most of the KSG estimates it rests on are below 0";
        return 2 * negative > values.Count
            ? new(finding, null, Invariant($"KSG's I(X;T) is below 0 in {negative} of the {values.Count} estimates it rests on, which no mutual information is, so its bias exceeds the values it would compare ({detail})"), guarded)
            : new(finding, verdict, detail, guarded);
    }

    /// <summary>What the verdict of a finding's rule says of the finding under KSG.</summary>
    public static string Holds(Verdict verdict) => verdict switch
    {
        Verdict.Reproduced => "holds",
        Verdict.Partly => "partly holds",
        _ => "does not hold",
    };

    /// <summary>
    /// The share of <paramref name="series"/>' steps that keep a chain (no violation by <paramref name="check"/>), the steps and
    /// the largest violation in bits.
    /// </summary>
    public static (int Holding, int Steps, double Worst) Holding(InformationSeries series,
        Func<IReadOnlyList<InformationRecord>, IReadOnlyList<DpiViolation>> check)
    {
        var steps = series.Steps();
        int holding = 0;
        double worst = 0;
        foreach (var violations in steps.Select(check))
        {
            holding += violations.Count == 0 ? 1 : 0;
            worst = Math.Max(worst, violations.Select(v => v.Bits).DefaultIfEmpty(0).Max());
        }

        return (holding, steps.Count, worst);
    }

    private static string Last(InformationSeries series, string layer) =>
        series.Records.Last(r => r.Layer == layer).InputInformation.ToString("F3", CultureInfo.InvariantCulture);

    private static string Direction(double rho) => Falls(rho) ? "falls" : rho >= TrendRho ? "rises" : "no clear trend";

    private static string Rho(double rho) => double.IsNaN(rho) ? "n/a" : rho.ToString("F2", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A finding of the paper decided on the KSG numbers by the claim's own kind of rule (<see cref="KsgAgreement.Decide"/>), not
/// decided because KSG's estimates are out of range, or not checked under KSG with the reason (<see cref="NotChecked"/>).
/// </summary>
/// <param name="Finding">The finding in a few words, e.g. "the simplifying phase (a late fall of I(X;T) in some layer)".</param>
/// <param name="Verdict">The rule's verdict on the KSG numbers; null when the finding is not decided or not checked.</param>
/// <param name="Detail">The KSG numbers the verdict rests on, or why there is none.</param>
/// <param name="Rule">How the verdict is decided on the KSG numbers; null when the finding is not checked.</param>
internal sealed record KsgCheck(string Finding, Verdict? Verdict, string Detail, string? Rule)
{
    /// <summary>A finding that KSG cannot check here, and why.</summary>
    public static KsgCheck NotChecked(string finding, string reason) => new(finding, null, reason, null);

    /// <summary>The check in one clause, e.g. "the encoder DPI … holds under KSG (within 0.01 bits at 100.0 % of 101 measurements …)".</summary>
    public string Sentence => Verdict is { } v ? $"{Finding} {KsgAgreement.Holds(v)} under KSG ({Detail})"
        : Rule is null ? $"{Finding} is not checked under KSG: {Detail}"
        : $"{Finding} is not decided under KSG: {Detail}";

    /// <summary>A claim's rule followed by this check's rule, so that the report says how "holds under KSG" was decided.</summary>
    public string AfterRule(string rule) => Rule is null ? rule : $"{rule.TrimEnd('.')}. Under KSG (same activations): {Rule}.";

    /// <summary>A claim's measured text followed by this check's verdict on the KSG numbers.</summary>
    public string AfterMeasured(string measured) => $"{measured}; {Sentence}";
}
