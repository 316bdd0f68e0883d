using System.Globalization;

namespace InfoTheory.Tests.Cli.Reproduction;

/// <summary><c>reproduce lee-jo</c> also measures KSG on the same activations and says whether the findings hold under it.</summary>
public class LeeJoAgreementTests
{
    [Fact]
    public void DeepAutoencoderReportSaysWhetherTheFindingsHoldUnderKsg()
    {
        var (report, dir, _) = ReproductionHarness.RunQuick("lee-jo");
        Assert.Contains("KSG estimator 1, k = 3, Euclidean norm", report.Settings.Single(s => s.Name == "second estimator").Ours);
        // 3 iterations per epoch, 2 epochs: compared before training and after every iteration.
        Assert.Contains("(7 measurements)", report.Settings.Single(s => s.Name == "second estimator").Ours);

        var table = report.Tables.Single(t => t.Title.StartsWith("Agreement between estimators (deep AE)", StringComparison.Ordinal));
        Assert.Equal(["enc1", "enc2", "z", "dec1", "dec2"], table.Rows.Select(r => r[0]));
        Assert.Matches(@"The late trends agree in \d of \d layers", table.Title);
        Assert.Matches("ordering I\\(X;enc1\\) ≥ I\\(X;enc2\\) ≥ I\\(X;z\\) at the last measurement (holds|is violated) under matrix Rényi and (holds|is violated) under KSG", table.Title);
        foreach (var row in table.Rows)
        {
            foreach (var rho in row.Skip(1).Take(2).Where(v => v != "n/a"))
            {
                Assert.InRange(double.Parse(rho, CultureInfo.InvariantCulture), -1, 1);
            }

            Assert.All(row.Skip(3), trend => Assert.Matches(@"^(falls|rises|no trend) \(ρ = -?[01]\.\d\d\)$|^flat \(constant\)$", trend));
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
}
