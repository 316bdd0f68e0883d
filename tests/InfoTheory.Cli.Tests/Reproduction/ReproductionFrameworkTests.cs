using InfoTheory.Cli.Reproduction;

namespace InfoTheory.Tests.Cli.Reproduction;

/// <summary>
/// The report machinery of <c>infotheory reproduce</c>, with a stand-in experiment: what a run records reaches
/// report.json and report.md, the overall verdict follows the claims, the docs page is built from full runs only, and the
/// command's modes reject options that do not apply.
/// </summary>
public class ReproductionFrameworkTests
{
    /// <summary>An experiment that records two claims and one figure without training anything.</summary>
    private sealed class StandIn(Verdict second, string name = "stand-in") : Experiment
    {
        public override string Name => name;

        public override string Title => "A stand-in experiment";

        public override Paper Paper { get; } = new("A. Author, \"A paper\", Journal 1(1), 2020", "10.0000/xyz", "github.com/a/b");

        public override void Run(ExperimentRun run)
        {
            run.Setting("optimiser", "Adam, lr 0.005", null);
            run.Setting("epochs", run.Size("50", "1"), "100 (§3)");
            run.Deviation("Data: fewer digits.");
            run.Deviation("Data: fewer digits.");
            run.Measure("enc1.i_xt", 3.25, "bits");
            run.Table("I(X;T) per epoch", ["layer", "0", "1"], [["enc1", "0.10", "3.25"]]);
            File.WriteAllBytes(run.Figure("plane.png", "The plane (Fig. 1)."), new byte[2000]);
            run.Claim("first", "Things rise.", "§IV-A", "reproduced when the last value exceeds the first", "0.10 → 3.25 bits", Verdict.Reproduced);
            run.Claim("second", "Things | fall.", "Fig. 2", "reproduced when they fall", "no fall", second);
        }
    }

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "reproduce-test-" + Guid.NewGuid().ToString("N"));

    private static ReproductionReport RunStandIn(string dir, bool quick, Verdict second = Verdict.NotReproduced, string name = "stand-in")
    {
        var experiment = new StandIn(second, name);
        var run = new ExperimentRun(experiment, quick, seed: 3, dataDirectory: null, outputDirectory: dir, TextWriter.Null);
        experiment.Run(run);
        var report = run.ToReport(12.34, "infotheory reproduce stand-in");
        report.Save(dir);
        return report;
    }

    [Fact]
    public void ARunsRecordsReachTheJsonAndTheMarkdown()
    {
        string dir = TempDir();
        RunStandIn(dir, quick: false);
        var back = ReproductionReport.Load(Path.Combine(dir, "report.json"));
        Assert.Equal("stand-in", back.Experiment);
        Assert.Equal(3, back.Seed);
        Assert.False(back.Quick);
        Assert.Equal(12.3, back.Seconds);
        Assert.Equal(Verdict.Partly, back.Overall);
        Assert.Equal(["first", "second"], back.Claims.Select(c => c.Id));
        Assert.Equal(Verdict.NotReproduced, back.Claims[1].Verdict);
        Assert.Single(back.Deviations); // recorded twice, kept once
        Assert.Equal("50", back.Settings[1].Ours);
        Assert.Equal("100 (§3)", back.Settings[1].Paper);
        Assert.Equal(3.25, back.Measured.Single().Value);
        Assert.Equal("plane.png", back.Figures.Single().File);
        Assert.Contains("\"verdict\": \"NotReproduced\"", File.ReadAllText(Path.Combine(dir, "report.json")));

        string md = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.Contains("# `stand-in`: A stand-in experiment", md);
        Assert.Contains("**Overall: partly.**", md);
        Assert.Contains("| “Things \\| fall.” | Fig. 2 | reproduced when they fall | no fall | **not reproduced** |", md);
        Assert.Contains("| epochs | 50 | 100 (§3) |", md);
        Assert.Contains("![plane.png](plane.png)", md);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void TheOverallVerdictFollowsTheClaims()
    {
        ClaimResult Claim(Verdict v) => new("c", "q", "w", "r", "m", v);
        Assert.Null(ReproductionReport.OverallOf([]));
        Assert.Equal(Verdict.Reproduced, ReproductionReport.OverallOf([Claim(Verdict.Reproduced), Claim(Verdict.Reproduced)]));
        Assert.Equal(Verdict.Partly, ReproductionReport.OverallOf([Claim(Verdict.Reproduced), Claim(Verdict.NotReproduced)]));
        Assert.Equal(Verdict.Partly, ReproductionReport.OverallOf([Claim(Verdict.Partly)]));
        Assert.Equal(Verdict.NotReproduced, ReproductionReport.OverallOf([Claim(Verdict.NotReproduced), Claim(Verdict.NotReproduced)]));
    }

    [Fact]
    public void AQuickRunSaysItDecidesNothing()
    {
        string dir = TempDir();
        var report = RunStandIn(dir, quick: true);
        Assert.Equal("1", report.Settings[1].Ours);
        Assert.Contains("quick run (`--quick`): too small to decide anything", File.ReadAllText(Path.Combine(dir, "report.md")));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void TheDocsPageIsBuiltFromFullRunsWithTheirFigures()
    {
        string runs = TempDir(), docs = TempDir();
        RunStandIn(Path.Combine(runs, "stand-in"), quick: false, second: Verdict.Reproduced);
        string page = Path.Combine(docs, "reproduction.md");
        Assert.Equal((1, 0), ReproductionDocs.Write(page, runs, [new StandIn(Verdict.Reproduced)]));
        string md = File.ReadAllText(page);
        Assert.Contains("| [`stand-in`](#stand-in-a-stand-in-experiment) | A. Author, \"A paper\", Journal 1(1), 2020 | 2 / 0 / 0 | reproduced |", md);
        Assert.Contains("## `stand-in`: A stand-in experiment", md);
        Assert.Contains("![plane.png](figures/reproduction/stand-in/plane.png)", md);
        Assert.True(File.Exists(Path.Combine(docs, "figures", "reproduction", "stand-in", "plane.png")));

        // A quick run decides nothing: it never reaches the page.
        RunStandIn(Path.Combine(runs, "stand-in"), quick: true);
        var e = Assert.Throws<ArgumentException>(() => ReproductionDocs.Write(page, runs, [new StandIn(Verdict.Reproduced)]));
        Assert.Contains("--quick run", e.Message);
        Assert.Throws<ArgumentException>(() => ReproductionDocs.Write(page, TempDir(), [new StandIn(Verdict.Reproduced)]));
        Directory.Delete(runs, recursive: true);
        Directory.Delete(docs, recursive: true);
    }

    [Fact]
    public void ExperimentsNotReRunKeepTheirStoredReports()
    {
        string runs = TempDir(), docs = TempDir();
        string page = Path.Combine(docs, "reproduction.md");
        Experiment[] both = [new StandIn(Verdict.Reproduced, "first-one"), new StandIn(Verdict.Reproduced, "second-one")];
        RunStandIn(Path.Combine(runs, "first-one"), quick: false, second: Verdict.Reproduced, name: "first-one");
        RunStandIn(Path.Combine(runs, "second-one"), quick: false, second: Verdict.Reproduced, name: "second-one");
        Assert.Equal((2, 0), ReproductionDocs.Write(page, runs, both));
        Assert.True(File.Exists(Path.Combine(docs, "figures", "reproduction", "second-one", "report.json")));

        // Only the first is re-run, with another verdict: its section changes, the second keeps its stored report.
        string rerun = TempDir();
        RunStandIn(Path.Combine(rerun, "first-one"), quick: false, second: Verdict.NotReproduced, name: "first-one");
        Assert.Equal((1, 1), ReproductionDocs.Write(page, rerun, both));
        string md = File.ReadAllText(page);
        Assert.Contains("| [`first-one`](#first-one-a-stand-in-experiment) | A. Author, \"A paper\", Journal 1(1), 2020 | 1 / 0 / 1 | partly |", md);
        Assert.Contains("| [`second-one`](#second-one-a-stand-in-experiment) | A. Author, \"A paper\", Journal 1(1), 2020 | 2 / 0 / 0 | reproduced |", md);
        Assert.Contains("![plane.png](figures/reproduction/second-one/plane.png)", md);
        Assert.DoesNotContain("Not yet run", md);

        // Stored reports alone are no run: the page is not rewritten from them.
        string empty = Directory.CreateDirectory(TempDir()).FullName;
        Assert.Contains("holds no NAME/report.json", Assert.Throws<ArgumentException>(() => ReproductionDocs.Write(page, empty, both)).Message);
        foreach (var dir in new[] { runs, rerun, docs, empty })
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TheMachineNamesItsCpuAndVectorInstructions()
    {
        // libtorch's training kernels follow the CPU's vector instructions, so a report names them beside the cores.
        string machine = ExperimentRun.MachineDescription();
        Assert.StartsWith($"{Environment.ProcessorCount} cores (", machine);
        Assert.Contains(System.Runtime.InteropServices.RuntimeInformation.OSDescription, machine);
        Assert.Contains($".NET {Environment.Version}", machine);
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            Assert.Matches(@"\((.+), (AVX-512|AVX2)(, ATEN_CPU_CAPABILITY=\w+)?\)", machine);
        }
    }

    [Fact]
    public void MeasuredValuesAndTablesAreChecked()
    {
        var run = new ExperimentRun(new StandIn(Verdict.Reproduced), false, 1, null, TempDir(), TextWriter.Null);
        Assert.Throws<ArgumentException>(() => run.Measure("x", double.NaN, "bits"));
        Assert.Throws<ArgumentException>(() => run.Table("t", ["a", "b"], [["1"]]));
        Directory.Delete(run.OutputDirectory);
    }

    [Theory]
    [InlineData(new[] { "reproduce" }, "needs an experiment")]
    [InlineData(new[] { "reproduce", "no-such-paper" }, "'no-such-paper' is not an experiment")]
    [InlineData(new[] { "reproduce", "--list", "--quick" }, "--quick does not apply with --list")]
    [InlineData(new[] { "reproduce", "all", "--list" }, "--list takes no experiment name")]
    [InlineData(new[] { "reproduce", "--docs", "x.md" }, "--docs needs --runs")]
    [InlineData(new[] { "reproduce", "all", "--runs", "x" }, "--runs goes with --docs")]
    [InlineData(new[] { "reproduce", "--docs", "x.md", "--runs", "/no/such/folder" }, "--runs /no/such/folder is not a folder")]
    [InlineData(new[] { "reproduce", "a", "b" }, "unexpected argument 'b'")]
    public void MistakesAreOneErrorLine(string[] args, string message)
    {
        var (code, _, error) = CliHarness.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void HelpNamesThePositionalExperiment()
    {
        var (code, output, _) = CliHarness.Run("reproduce", "--help");
        Assert.Equal(0, code);
        Assert.Contains("Usage: infotheory reproduce NAME [options]", output);
        Assert.Contains("--quick", output);
    }
}
