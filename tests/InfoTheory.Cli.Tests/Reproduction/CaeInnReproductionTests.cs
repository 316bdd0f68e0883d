using System.Globalization;
using InfoTheory.Cli.Reproduction;
using InfoTheory.TorchSharp;

namespace InfoTheory.Tests.Cli.Reproduction;

/// <summary>The quick runs of <c>reproduce amaral-cae</c> and <c>reproduce inn-vs-ae</c>, as CI runs them.</summary>
public class CaeInnReproductionTests
{
    [Fact]
    public void AmaralCaeQuickRunTestsBothClaimsWithThePapersSettings()
    {
        var (report, dir, _) = ReproductionHarness.RunQuick("amaral-cae");
        try
        {
            Assert.Equal(["code-entropy-vs-mmi", "bottleneck-wnri"], report.Claims.Select(c => c.Id));
            var settings = report.Settings.ToDictionary(s => s.Name);
            Assert.StartsWith("Adam", settings["optimiser"].Ours, StringComparison.Ordinal);
            Assert.Equal("128", settings["batch"].Ours);
            Assert.Equal("50", settings["epochs"].Paper);
            Assert.Contains("α = 2", settings["estimator"].Ours, StringComparison.Ordinal);
            Assert.Contains("h = 5", settings["estimator"].Ours, StringComparison.Ordinal);
            Assert.Contains("max pooling", settings["architecture"].Ours, StringComparison.Ordinal);
            Assert.Contains(report.Deviations, d => d.Contains("WikiArt", StringComparison.Ordinal));
            Assert.Contains(report.Deviations, d => d.StartsWith("Loss: binary cross-entropy", StringComparison.Ordinal));
            Assert.Equal(["cae-entropy-mmi.png", "cae-wnri.png", "cae-loss.png"], report.Figures.Select(f => f.File));
            // The numbers behind the verdicts are in the report and in the series the run saved.
            var measured = report.Measured.ToDictionary(m => m.Name);
            var cae1 = InformationSeries.Load(Path.Combine(dir, "cae1-series.csv"));
            var lastZ = cae1.Records.Last(r => r.Layer == "z");
            Assert.Equal(lastZ.Entropy, measured["cae1.z.h.last"].Value);
            Assert.Equal(lastZ.Wnri, measured["cae1.z.wnri.last"].Value);
            Assert.Equal(cae1.Records.Last(r => r.Layer == "out").Mmi, measured["cae1.out.mmi.last"].Value);
            Assert.Equal(3, cae1.Steps().Count); // before training and after each of the 2 quick epochs
            Assert.True(File.Exists(Path.Combine(dir, "cae2-series.csv")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void InnVsAeQuickRunMeasuresLayerEntropyLayerKlAndReconstructionKl()
    {
        var (report, dir, _) = ReproductionHarness.RunQuick("inn-vs-ae");
        try
        {
            Assert.Equal(["no-intrinsic-loss", "reconstruction-kl"], report.Claims.Select(c => c.Id));
            Assert.Contains("10.46 vs 10.25", report.Claims[1].Quote, StringComparison.Ordinal);
            var settings = report.Settings.ToDictionary(s => s.Name);
            Assert.StartsWith("Adam", settings["optimiser"].Ours, StringComparison.Ordinal);
            Assert.Contains("Kozachenko–Leonenko", settings["entropy estimator"].Ours, StringComparison.Ordinal);
            Assert.Contains("Wang, Kulkarni & Verdú", settings["divergence estimator"].Ours, StringComparison.Ordinal);
            var measured = report.Measured.ToDictionary(m => m.Name);
            foreach (var block in new[] { "enc1", "enc2", "enc3", "enc4" })
            {
                Assert.True(measured.ContainsKey($"inn.{block}.kl_io.last"), block);
                Assert.True(measured.ContainsKey($"inn.{block}.h.last"), block);
            }

            Assert.True(measured.ContainsKey("ae.z.h.last"));
            Assert.DoesNotContain(measured.Keys, k => k.StartsWith("ae.", StringComparison.Ordinal) && k.EndsWith("kl_io.last", StringComparison.Ordinal));
            // The verdict of the reconstruction claim follows its rule from the two recorded divergences.
            double inn = measured["inn.kl_rec.last"].Value, ae = measured["ae.kl_rec.last"].Value;
            double rel = Math.Abs(inn - ae) / Math.Max(Math.Abs(inn), Math.Abs(ae));
            var expected = rel <= 0.05 ? Verdict.Reproduced : rel <= 0.20 ? Verdict.Partly : Verdict.NotReproduced;
            Assert.Equal(expected, report.Claims[1].Verdict);
            // The series carry the new CSV columns: D(input‖output) on the INN's blocks, D(X‖X̂) on every record.
            var innSeries = InformationSeries.Load(Path.Combine(dir, "inn-series.csv"));
            Assert.All(innSeries.Records, r => Assert.NotNull(r.InputOutputDivergence));
            Assert.All(innSeries.Records, r => Assert.NotNull(r.ReconstructionDivergence));
            Assert.Equal(inn, innSeries.Records[^1].ReconstructionDivergence);
            var aeSeries = InformationSeries.Load(Path.Combine(dir, "ae-series.csv"));
            Assert.All(aeSeries.Records, r => Assert.Null(r.InputOutputDivergence));
            Assert.Equal(ae.ToString("R", CultureInfo.InvariantCulture), aeSeries.Records[^1].ReconstructionDivergence!.Value.ToString("R", CultureInfo.InvariantCulture));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
