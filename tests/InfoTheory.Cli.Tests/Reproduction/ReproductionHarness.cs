using InfoTheory.Cli.Reproduction;

namespace InfoTheory.Tests.Cli.Reproduction;

/// <summary>Runs an experiment of <c>infotheory reproduce</c> at its <c>--quick</c> size, as CI does, and checks what every report must hold.</summary>
internal static class ReproductionHarness
{
    /// <summary>
    /// Runs <c>infotheory reproduce NAME --quick --seed 1</c> into a fresh folder and returns the report and the folder (the
    /// caller deletes it). Checks: exit code 0, report.json and report.md written, at least one claim with a quote, a place,
    /// a rule, a measurement and a verdict, every recorded figure a real PNG of more than 5 kB, the quick flag set.
    /// </summary>
    public static (ReproductionReport Report, string Folder, string Output) RunQuick(string name, params string[] extra)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"reproduce-{name}-" + Guid.NewGuid().ToString("N"));
        var (code, output, error) = CliHarness.Run(["reproduce", name, "--quick", "--seed", "1", "--out", dir, .. extra]);
        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.True(File.Exists(Path.Combine(dir, "report.md")), "report.md");
        var report = ReproductionReport.Load(Path.Combine(dir, "report.json"));
        Assert.Equal(name, report.Experiment);
        Assert.True(report.Quick);
        Assert.NotEmpty(report.Claims);
        foreach (var claim in report.Claims)
        {
            Assert.False(string.IsNullOrWhiteSpace(claim.Quote), claim.Id);
            Assert.False(string.IsNullOrWhiteSpace(claim.Where), claim.Id);
            Assert.False(string.IsNullOrWhiteSpace(claim.Rule), claim.Id);
            Assert.False(string.IsNullOrWhiteSpace(claim.Measured), claim.Id);
            Assert.True(Enum.IsDefined(claim.Verdict), claim.Id);
        }

        Assert.NotNull(report.Overall);
        Assert.NotEmpty(report.Figures);
        foreach (var figure in report.Figures)
        {
            var file = new FileInfo(Path.Combine(dir, figure.File));
            Assert.True(file.Exists && file.Length > 5000, $"{figure.File}: {(file.Exists ? file.Length + " bytes" : "missing")}");
            using var stream = file.OpenRead();
            var magic = new byte[4];
            stream.ReadExactly(magic);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, magic);
        }

        return (report, dir, output);
    }
}
