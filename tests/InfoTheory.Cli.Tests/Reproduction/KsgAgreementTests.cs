using System.Globalization;
using System.Text.RegularExpressions;
using InfoTheory.Cli.Reproduction;
using InfoTheory.Cli.Reproduction.Experiments;
using InfoTheory.TorchSharp;

namespace InfoTheory.Tests.Cli.Reproduction;

/// <summary>
/// The experiments that can also measure KSG on the same activations say whether the paper's findings hold under it: the
/// agreement table per network, its one-line conclusion, and the claims' text. Constructed series pin the rules (a KSG
/// trajectory that mirrors matrix Rényi's, ρ = −1, turns a late fall into a rise, so the finding does not hold); the quick
/// runs of the other test classes check the tables of real runs with <see cref="AssertTable"/>.
/// </summary>
public class KsgAgreementTests
{
    /// <summary>What a checked finding says under KSG in a report: a verdict with its numbers, or why KSG's estimates cannot decide it.</summary>
    internal const string Outcome = @"((holds|partly holds|does not hold) under KSG \(|is not decided under KSG: KSG's I\(X;T\) is below 0 in \d+ of the \d+ estimates)";

    private static readonly string[] DeepAeLayers = ["enc1", "enc2", "z", "dec1", "dec2"];

    [Fact]
    public void DeepAutoencoderReportSaysWhetherTheFindingsHoldUnderKsg()
    {
        var (report, dir, _) = ReproductionHarness.RunQuick("lee-jo");
        Assert.Contains("KSG estimator 1, k = 3, Euclidean norm", report.Settings.Single(s => s.Name == "second estimator").Ours);
        // 3 iterations per epoch, 2 epochs: compared before training and after every iteration.
        Assert.Contains("(7 measurements per model)", report.Settings.Single(s => s.Name == "second estimator").Ours);

        var table = AssertTable(report, "deep AE", DeepAeLayers);
        Assert.Matches("the encoder DPI I\\(X;enc1\\) ≥ I\\(X;enc2\\) ≥ I\\(X;z\\) " + Outcome, table.Title);
        Assert.Matches("the decoder DPI I\\(z;X′\\) ≤ I\\(dec1;X′\\) ≤ I\\(dec2;X′\\) " + Outcome, table.Title);
        foreach (var id in new[] { "simplifying-phase", "dpi-encoder", "dpi-decoder" })
        {
            var claim = report.Claims.Single(c => c.Id == id);
            Assert.Contains("Under KSG (same activations): ", claim.Rule, StringComparison.Ordinal);
            Assert.Matches(Outcome, claim.Measured);
        }

        // Every defined ρ is also a key number, and the table shows it rounded.
        var measured = report.Measured.Where(m => m.Name.Contains(".spearman_ksg", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(measured);
        foreach (var m in measured)
        {
            var parts = m.Name.Split('.');
            var row = table.Rows.Single(r => r[0] == parts[1]);
            Assert.Equal(m.Value.ToString("F2", CultureInfo.InvariantCulture), row[parts[2] == "i_xt" ? 1 : 2]);
        }

        Assert.Contains(report.Figures, f => f.File == "deep-ae-estimators.png");
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void KsgMirroringTheSimplifyingPhaseSaysItDoesNotHold()
    {
        // Matrix Rényi rises to step 5 and falls; KSG is its mirror image (ρ = −1 in every layer): it rises late.
        var renyi = Series(DeepAeLayers, (layer, i) => 3 - Math.Abs(i - 5) - 0.1 * Array.IndexOf(DeepAeLayers, layer));
        var ksg = Series(DeepAeLayers, (layer, i) => 10 + Math.Abs(i - 5) + 0.1 * Array.IndexOf(DeepAeLayers, layer));
        var trained = Trained(LeeJo.DeepAe, renyi, ksg);

        var phase = LeeJo.KsgSimplifying(trained, expected: true);
        Assert.Equal(Verdict.NotReproduced, phase.Verdict);
        Assert.StartsWith("the deep AE's simplifying phase (a late fall of I(X;T) in some layer) does not hold under KSG (no layer's I(X;T) falls late", phase.Sentence, StringComparison.Ordinal);
        Assert.Equal(Verdict.Reproduced, LeeJo.KsgSimplifying(trained, expected: false).Verdict);

        var (run, dir) = Run();
        LeeJo.RecordAgreement(run, trained, [phase]);
        var table = Assert.Single(run.Tables);
        Assert.Equal(DeepAeLayers, table.Rows.Select(r => r[0]));
        Assert.All(table.Rows, r => Assert.Equal(["-1.00", "falls (ρ = -1.00)", "rises (ρ = 1.00)"], new[] { r[1], r[3], r[4] }));
        // The last values, each in its estimator's bits: 3 − 5 − 0.1·k against 10 + 5 + 0.1·k.
        Assert.Equal(["-2.200", "15.200"], table.Rows.Single(r => r[0] == "z").Skip(5));
        Assert.Contains("The late trends agree in 0 of 5 layers where both are defined. The deep AE's simplifying phase", table.Title, StringComparison.Ordinal);
        Assert.EndsWith("does not hold under KSG (" + phase.Detail + ").", table.Title, StringComparison.Ordinal);
        Assert.Equal(-1, run.Measured.Single(m => m.Name == "deep-ae.z.i_xt.spearman_ksg").Value, 12);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void KsgFollowingTheFallSaysTheSimplifyingPhaseHoldsAndItsAbsenceDoesNot()
    {
        // KSG in other bits but the same shape (ρ = 1): the fall holds; "no simplifying phase" then does not.
        var renyi = Series(DeepAeLayers, (_, i) => 3 - Math.Abs(i - 5));
        var trained = Trained(LeeJo.DeepAe, renyi, Series(DeepAeLayers, (_, i) => 0.5 * (3 - Math.Abs(i - 5)) + 7));
        var phase = LeeJo.KsgSimplifying(trained, expected: true);
        Assert.Equal(Verdict.Reproduced, phase.Verdict);
        Assert.Contains("I(X;T) falls late in enc1, enc2, z, dec1, dec2", phase.Detail, StringComparison.Ordinal);
        var absent = LeeJo.KsgSimplifying(trained, expected: false);
        Assert.Equal(Verdict.NotReproduced, absent.Verdict);
        Assert.Contains("lack of a simplifying phase (no late fall of I(X;T)) does not hold under KSG", absent.Sentence, StringComparison.Ordinal);
        // A late ρ of −0.4 is no fall: one layer wobbling down a little is noise, not a phase.
        double[] wobble = [0, 1, 2, 3, 4, 5, 4.9, 5.2, 4.8, 5.1, 4.7];
        var flat = Trained(LeeJo.ShallowAe, Series(["z"], (_, i) => i), Series(["z"], (_, i) => wobble[i]));
        Assert.InRange(KsgAgreement.LateTrend(flat.Ksg, "z"), -0.5 + 1e-9, 0);
        Assert.Equal(Verdict.NotReproduced, LeeJo.KsgSimplifying(flat, expected: true).Verdict);
    }

    [Fact]
    public void FindingsRestingOnMostlyNegativeKsgEstimatesAreNotDecided()
    {
        // The mirrored run of KsgMirroringTheSimplifyingPhaseSaysItDoesNotHold, shifted below 0 as KSG goes with 100 digits of 784 pixels.
        var renyi = Series(DeepAeLayers, (_, i) => 3 - Math.Abs(i - 5));
        var trained = Trained(LeeJo.DeepAe, renyi, Series(DeepAeLayers, (_, i) => -2 + 0.1 * Math.Abs(i - 5)));
        var phase = LeeJo.KsgSimplifying(trained, expected: true);
        Assert.Null(phase.Verdict);
        Assert.StartsWith("the deep AE's simplifying phase (a late fall of I(X;T) in some layer) is not decided under KSG: KSG's I(X;T) is below 0 in 55 of the 55 estimates it rests on",
            phase.Sentence, StringComparison.Ordinal);
        Assert.EndsWith("; not decided when most of the KSG estimates it rests on are below 0.", phase.AfterRule("rule"), StringComparison.Ordinal);
        // Half or fewer below 0 still decides.
        Assert.Equal(Verdict.NotReproduced, KsgAgreement.Decide("f", Verdict.NotReproduced, "d", "r", [-1, -1, 1, 1]).Verdict);
        Assert.Null(KsgAgreement.Decide("f", Verdict.Reproduced, "d", "r", [-1, -1, -1, 1]).Verdict);
    }

    [Fact]
    public void EncoderChainUnderKsgIsDecidedByTheClaimsThresholds()
    {
        // enc1 > enc2 > z at 19 of 20 measurements (95 %: holds), then at 10 of 20 (50 %: partly), then at none.
        InformationSeries Chain(int holding) => Series(DeepAeLayers, (layer, i) => (i < holding ? 5.0 : 1.0) - (i < holding ? 1 : -1) * Array.IndexOf(DeepAeLayers, layer), steps: 20);
        var renyi = Chain(20);
        foreach (var (holding, verdict) in new[] { (19, Verdict.Reproduced), (10, Verdict.Partly), (0, Verdict.NotReproduced) })
        {
            var check = LeeJoClaims.KsgEncoderDpi(Trained(LeeJo.DeepAe, renyi, Chain(holding)));
            Assert.Equal(verdict, check.Verdict);
            Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"holds within 0.01 bits at {100.0 * holding / 20:F1} % of 20 measurements"), check.Detail, StringComparison.Ordinal);
        }

        // The VAE's chain: the paper finds it violated, so a KSG chain that never holds means the finding holds.
        var vae = Trained(LeeJo.Vae, renyi, Chain(0));
        var violated = LeeJo.KsgChain(vae, "the VAE's violated encoder DPI", LeeJo.Vae.EncoderChain, step => DataProcessingCheck.Forward(step, LeeJo.Vae.EncoderChain, LeeJo.DpiToleranceBits), 0.5, 0.1, violated: true);
        Assert.Equal(Verdict.Reproduced, violated.Verdict);
        Assert.StartsWith("violated by more than 0.01 bits at 100.0 % of 20 measurements; largest violation 2.000 KSG bits", violated.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void SparsityUnderKsgNeedsTheSaesLateFallAndALargerOne()
    {
        var renyi = Series(["z"], (_, i) => i);
        var ae = Trained(LeeJo.ShallowAe, renyi, Series(["z"], (_, i) => 4 - 0.1 * Math.Max(0, i - 5)));
        var falling = Trained(LeeJo.Sae, renyi, Series(["z"], (_, i) => 4 - 0.3 * Math.Max(0, i - 5)));
        var rising = Trained(LeeJo.Sae, renyi, Series(["z"], (_, i) => i));
        Assert.Equal(Verdict.Reproduced, LeeJoZooExperiment.KsgSparsity(ae, falling).Verdict);
        Assert.Equal(Verdict.Partly, LeeJoZooExperiment.KsgSparsity(falling, Trained(LeeJo.Sae, renyi, Series(["z"], (_, i) => 4 - 0.1 * Math.Max(0, i - 5)))).Verdict);
        Assert.Equal(Verdict.NotReproduced, LeeJoZooExperiment.KsgSparsity(ae, rising).Verdict);
    }

    [Fact]
    public void ForwardDpiOfTheCnnUnderKsgFollowsTheFractionRule()
    {
        string[] layers = ["conv1", "conv2", "fc1", "fc2", "out"];
        // conv1 above the rest at 8 of 10 measurements (the 80 % of "partly"), below conv2, fc1 and fc2 at the other 2.
        var ksg = new InformationSeries(TargetKind.Labels, Enumerable.Range(0, 10).SelectMany(i => layers.Select((l, k) =>
            new InformationRecord(i, i, l, 1, l == "conv1" && i >= 8 ? 0.5 : 5.0 - k, 1))));
        var check = YuDpi.KsgForward([ksg], "the 6/12 network", (10, 10));
        Assert.Equal(Verdict.Partly, check.Verdict);
        Assert.Equal("holds within 0.01 bits at 8 of 10 measurements, largest excess 3.500 KSG bits; with matrix Rényi (MMI for the conv layers) at 10 of 10", check.Detail);
        Assert.StartsWith("the forward DPI I(X;conv1) ≥ I(X;conv2) ≥ I(X;fc1) ≥ I(X;fc2) ≥ I(X;out) of the 6/12 network partly holds under KSG", check.Sentence, StringComparison.Ordinal);
        Assert.Equal(Verdict.NotReproduced, YuDpi.KsgForward([ksg, ksg, Reversed(ksg)], "both networks", (30, 30)).Verdict);

        static InformationSeries Reversed(InformationSeries s) => new(TargetKind.Labels, s.Records.Select(r => r with { InputInformation = -r.InputInformation }));
    }

    [Fact]
    public void SweepRankingAndUncheckedFindingsAreWordedFromTheirNumbers()
    {
        double[] mmi = [1, 2, 3, 4, 5];
        Assert.Equal(("KSG does not rank the conv1 filter counts as MMI does (ρ = -1.00)", -1.0), YuFilters.RankAgreement("conv1", mmi, [5, 4, 3, 2, 1]));
        Assert.Equal("KSG does not rank the conv2 filter counts as MMI does (ρ = 0.40)", YuFilters.RankAgreement("conv2", mmi, [4, 1, 2, 3, 5]).Text);
        Assert.Equal("KSG ranks the conv2 filter counts as MMI does (ρ = 0.90)", YuFilters.RankAgreement("conv2", mmi, [1, 3, 2, 4, 5]).Text);
        Assert.Equal("conv1: ρ n/a (constant across the counts)", YuFilters.RankAgreement("conv1", mmi, [2, 2, 2, 2, 2]).Text);
        // The same order, but in KSG's bias range (3 of 5 values below 0): no verdict on the ranking.
        Assert.Equal("KSG's ranking of the conv1 filter counts is not decided: its I(X;T) is below 0 at 3 of 5 counts, which no mutual information is (ρ = 1.00)",
            YuFilters.RankAgreement("conv1", mmi, [-3, -2, -1, 1, 2]).Text);

        var skipped = KsgCheck.NotChecked("compression in the M-IP", "WNRI is matrix Rényi's");
        Assert.Equal("x; compression in the M-IP is not checked under KSG: WNRI is matrix Rényi's", skipped.AfterMeasured("x"));
        Assert.Equal("rule.", skipped.AfterRule("rule."));
        Assert.Equal("Compression in the M-IP is not checked under KSG: WNRI is matrix Rényi's.", KsgAgreement.Conclusion([skipped]));
    }

    /// <summary>
    /// Checks the agreement table of <paramref name="label"/> in a report: its layers, ρ within [−1, 1], the late trends worded
    /// from ρ by the ±0.5 rule, the count of agreeing trends in the title, and a simplifying-phase conclusion (when the title
    /// has one) that follows from the KSG column.
    /// </summary>
    internal static TableRecord AssertTable(ReproductionReport report, string label, IReadOnlyList<string> layers)
    {
        var table = report.Tables.Single(t => t.Title.StartsWith($"Agreement between estimators ({label})", StringComparison.Ordinal));
        Assert.Equal(layers, table.Rows.Select(r => r[0]));
        foreach (var row in table.Rows)
        {
            foreach (var rho in row.Skip(1).Take(2).Where(v => v != "n/a"))
            {
                Assert.InRange(double.Parse(rho, CultureInfo.InvariantCulture), -1, 1);
            }

            foreach (var trend in row.Skip(3).Take(2))
            {
                var match = Regex.Match(trend, @"^(falls|rises|no clear trend) \(ρ = (-?[01]\.\d\d)\)$|^flat \(constant\)$");
                Assert.True(match.Success, trend);
                if (match.Groups[2].Success)
                {
                    double rho = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                    Assert.Equal(rho <= -0.5 ? "falls" : rho >= 0.5 ? "rises" : "no clear trend", match.Groups[1].Value);
                }
            }
        }

        static string Direction(string trend) => trend.Split(" (")[0];
        var defined = table.Rows.Where(r => !r[3].StartsWith("flat", StringComparison.Ordinal) && !r[4].StartsWith("flat", StringComparison.Ordinal)).ToList();
        Assert.Contains($"The late trends agree in {defined.Count(r => Direction(r[3]) == Direction(r[4]))} of {defined.Count} layers where both are defined.", table.Title, StringComparison.Ordinal);

        bool ksgFalls = table.Rows.Any(r => r[4].StartsWith("falls", StringComparison.Ordinal));
        var phase = Regex.Match(table.Title, @"simplifying phase \(a late fall of I\(X;T\) in some layer\) (holds|does not hold) under KSG");
        if (phase.Success)
        {
            Assert.Equal(ksgFalls ? "holds" : "does not hold", phase.Groups[1].Value);
        }

        var absence = Regex.Match(table.Title, @"lack of a simplifying phase \(no late fall of I\(X;T\)\) (holds|does not hold) under KSG");
        if (absence.Success)
        {
            Assert.Equal(ksgFalls ? "does not hold" : "holds", absence.Groups[1].Value);
        }

        return table;
    }

    /// <summary>A series of <paramref name="steps"/> measurements of <paramref name="layers"/> with I(X;T) = <paramref name="inputInformation"/>(layer, step).</summary>
    private static InformationSeries Series(IReadOnlyList<string> layers, Func<string, int, double> inputInformation, int steps = 11) =>
        new(TargetKind.Reconstruction, Enumerable.Range(0, steps).SelectMany(i => layers.Select(l => new InformationRecord(0, i, l, 1, inputInformation(l, i), i))));

    private static TrainedModel Trained(ModelSpec spec, InformationSeries renyi, InformationSeries ksg) =>
        new(spec, renyi, [0.1], 10, 1, 0.01, 0.01, null)
        {
            Comparison = new Dictionary<string, InformationSeries> { [KsgAgreement.First] = renyi, [KsgAgreement.Second] = ksg },
            CompareEvery = 1,
        };

    private static (ExperimentRun Run, string Folder) Run()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ksg-agreement-" + Guid.NewGuid().ToString("N"));
        return (new ExperimentRun(new LeeJoExperiment(), quick: true, seed: 1, dataDirectory: null, outputDirectory: dir, log: TextWriter.Null), dir);
    }
}
