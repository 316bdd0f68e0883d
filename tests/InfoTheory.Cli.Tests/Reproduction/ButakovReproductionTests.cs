namespace InfoTheory.Tests.Cli.Reproduction;

/// <summary>
/// <c>infotheory reproduce butakov --quick</c>: Butakov et al. (ICLR 2024), estimate vs truth on images at several true MI
/// values with compressed estimators and MINE, and the stochastic classifier's information plane with CIs.
/// </summary>
public sealed class ButakovReproductionTests
{
    [Fact]
    public void QuickRun_WritesTheSweepAndThePlane_WithComputedVerdicts()
    {
        var (report, dir, _) = ReproductionHarness.RunQuick("butakov");
        try
        {
            Assert.Equal(["sweep-compressed-accuracy", "compression-lossless", "sweep-vs-mine", "plane-fitting-compression"],
                report.Claims.Select(c => c.Id));
            Assert.Equal(["sweep.png", "plane.png"], report.Figures.Select(f => f.File));
            Assert.Contains(report.Settings, s => s.Name == "optimiser" && s.Paper!.Contains("1e-5", StringComparison.Ordinal));
            Assert.Contains(report.Settings, s => s.Name == "compressor" && s.Ours.Contains("convolutional", StringComparison.Ordinal));
            // Every swept value is measured for the compressed estimators and MINE, in nats.
            foreach (var key in new[] { "sweep.cae-wkl.0.5", "sweep.cae-wkl.2", "sweep.mine.0.5", "sweep.mine.2", "plane.layer1.i_xl.last" })
            {
                var value = Assert.Single(report.Measured, m => m.Name == key);
                Assert.Equal("nats", value.Unit);
            }

            Assert.NotEmpty(report.Deviations);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
