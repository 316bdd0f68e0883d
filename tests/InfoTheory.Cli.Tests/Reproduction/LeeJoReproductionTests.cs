using InfoTheory.Cli.Reproduction;

namespace InfoTheory.Tests.Cli.Reproduction;

/// <summary>
/// The Lee &amp; Jo experiments at their quick size: each runs, tests the claims it should with IPRL's settings, and writes its
/// figures (the harness checks the report's fields and PNGs).
/// </summary>
public class LeeJoReproductionTests
{
    private static string Setting(ReproductionReport report, string name) => report.Settings.Single(s => s.Name == name).Ours;

    private static void AssertIprlSettings(ReproductionReport report)
    {
        Assert.Equal("Adam, lr 0.005", Setting(report, "optimiser"));
        Assert.Equal("100", Setting(report, "batch"));
        Assert.Contains("γ = 2", Setting(report, "estimator"));
        Assert.Contains("α = 1.01", Setting(report, "estimator"));
        Assert.Equal("before training and after every iteration", Setting(report, "measurement schedule"));
        Assert.Equal("10.3390/e23070862", report.Paper.Doi);
    }

    [Fact]
    public void DeepAutoencoderRunTestsTheFittingAndSimplifyingPhasesAndBothDpis()
    {
        var (report, dir, _) = ReproductionHarness.RunQuick("lee-jo");
        AssertIprlSettings(report);
        Assert.Equal(["fitting-phase", "simplifying-phase", "dpi-encoder", "dpi-decoder", "generalisation"], report.Claims.Select(c => c.Id));
        Assert.Contains("784-256-128-50-128-256-784", Setting(report, "model"));
        Assert.Contains(report.Figures, f => f.File == "deep-ae-plane.png");
        Assert.Contains(report.Figures, f => f.File == "deep-ae-i_xt.png");
        // 300 digits, batch 100, 2 epochs: 6 iterations, measured before training and after each, for 5 layers.
        Assert.Contains(report.Measured, m => m.Name == "deep-ae.z.i_xt.fall" && m.Value >= 0);
        Assert.Contains(report.Deviations, d => d.Contains("Fig. 2g", StringComparison.Ordinal));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void WithBandsTheSimplifyingPhaseIsDecidedByTheCompressionTest()
    {
        // The quick probe of 50 digits in 5 disjoint parts of 10: each layer's line carries the split-half test's fall and interval.
        var (report, dir, _) = ReproductionHarness.RunQuick("lee-jo", "--bands", "5");
        Assert.Contains("5 disjoint parts", Setting(report, "bands"));
        var claim = report.Claims.Single(c => c.Id == "simplifying-phase");
        Assert.Contains("compression test", claim.Rule);
        Assert.Contains("not shown)", claim.Measured, StringComparison.Ordinal);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(claim.Measured, @"\(test: -?\d+\.\d{3} \["));
        // A quick run's falls are thousandths of a bit: some pass the test, none is a 0.1-bit phase, so no simplifying phase.
        Assert.NotEqual(Verdict.Reproduced, claim.Verdict);
        Assert.EndsWith("--bands 5", report.Command, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void TenPercentRunTestsTheAbsenceOfTheSimplifyingPhase()
    {
        var (report, dir, _) = ReproductionHarness.RunQuick("lee-jo-10pct");
        AssertIprlSettings(report);
        Assert.Equal(["no-simplifying-phase-10pct", "fitting-phase", "dpi-encoder"], report.Claims.Select(c => c.Id));
        Assert.Contains("500", report.Settings.Single(s => s.Name == "epochs").Paper);
        Assert.Contains(report.Measured, m => m.Name == "deep-ae.test_over_train_mse");
        // KSG on the same activations: the paper's "no simplifying phase" and the encoder DPI decided again under it.
        var table = KsgAgreementTests.AssertTable(report, "deep AE", ["enc1", "enc2", "z", "dec1", "dec2"]);
        Assert.Contains("The deep AE's lack of a simplifying phase (no late fall of I(X;T))", table.Title, StringComparison.Ordinal);
        Assert.Matches("the encoder DPI I\\(X;enc1\\) ≥ I\\(X;enc2\\) ≥ I\\(X;z\\) " + KsgAgreementTests.Outcome, table.Title);
        Assert.Matches(KsgAgreementTests.Outcome, report.Claims.Single(c => c.Id == "no-simplifying-phase-10pct").Measured);
        Assert.Matches(KsgAgreementTests.Outcome, report.Claims.Single(c => c.Id == "dpi-encoder").Measured);
        Assert.DoesNotContain("KSG", report.Claims.Single(c => c.Id == "fitting-phase").Measured, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void ZooRunBuildsIprlsModelsAndSeesTheSampledVaeCodeBreakTheDpi()
    {
        var (report, dir, _) = ReproductionHarness.RunQuick("lee-jo-zoo");
        AssertIprlSettings(report);
        Assert.Equal(
            ["fitting-phase", "sparsity-amplifies-simplifying", "no-simplifying-phase-tae", "no-simplifying-phase-vae", "no-simplifying-phase-lae",
                "vae-violates-dpi", "dpi-encoder-lae", "generalisation"],
            report.Claims.Select(c => c.Id));
        Assert.Contains("0.001", Setting(report, "model: SAE"));
        Assert.Contains("softmax code of 50 units", Setting(report, "model: LAE"));
        Assert.Contains("sampled code", Setting(report, "model: VAE"));
        foreach (var key in new[] { "ae", "sae", "tae", "vae", "lae" })
        {
            Assert.Contains(report.Figures, f => f.File == $"{key}-plane.png");
        }

        // The sampled code carries the noise ε: far more I(X;Z) than the same weights' mean code, which is why the
        // VAE's encoder chain breaks. At initialisation σ ≈ 1 dominates μ, so the gap is several bits even in a quick run.
        double sampled = report.Measured.Single(m => m.Name == "vae.z.i_xt.last.sampled_code").Value;
        double mean = report.Measured.Single(m => m.Name == "vae.z.i_xt.last.mean_code").Value;
        Assert.True(sampled > mean + 1, $"sampled {sampled} bits, mean {mean} bits");
        Assert.Equal(Verdict.Reproduced, report.Claims.Single(c => c.Id == "vae-violates-dpi").Verdict);

        // One agreement table per model, each concluding on the findings the paper states for that model.
        Assert.Contains("(4 measurements per model)", Setting(report, "second estimator"));
        Assert.Contains("Sparsity amplifying the simplifying phase", KsgAgreementTests.AssertTable(report, "shallow AE", ["z"]).Title, StringComparison.Ordinal);
        Assert.Contains("Sparsity amplifying the simplifying phase", KsgAgreementTests.AssertTable(report, "SAE", ["z"]).Title, StringComparison.Ordinal);
        Assert.Contains("The TAE's lack of a simplifying phase", KsgAgreementTests.AssertTable(report, "TAE", ["z"]).Title, StringComparison.Ordinal);
        Assert.Contains("the VAE's violated encoder DPI", KsgAgreementTests.AssertTable(report, "VAE", ["enc1", "enc2", "z", "dec1", "dec2"]).Title, StringComparison.Ordinal);
        Assert.Contains("the encoder DPI I(X;enc1)", KsgAgreementTests.AssertTable(report, "LAE", ["enc1", "enc2", "z", "dec1", "dec2"]).Title, StringComparison.Ordinal);
        Assert.All(report.Claims.Where(c => c.Id is not ("fitting-phase" or "generalisation")), c => Assert.Matches(KsgAgreementTests.Outcome, c.Measured));
        Directory.Delete(dir, recursive: true);
    }
}
