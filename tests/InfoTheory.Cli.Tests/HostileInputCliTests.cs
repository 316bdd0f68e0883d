using InfoTheory.Tests.IO;
using static InfoTheory.Tests.Cli.CliHarness;

namespace InfoTheory.Tests.Cli;

/// <summary>
/// The adversarial table of issue #12: hostile inputs through the tool. Each must exit 2 with exactly one
/// <c>error:</c> line naming the cause, and print no number: never a confident wrong value (exit 0) or an internal
/// error (exit 1). Rows are added as each class of input is made safe.
/// </summary>
public sealed class HostileInputCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("infotheory-hostile-").FullName;

    public HostileInputCliTests()
    {
        var x = TestData.Gaussian(60, 2, 1);
        WriteCsv(Path("x.csv"), x);
        WriteCsv(Path("y.csv"), TestData.Dependent(x, 1, 2));
        File.WriteAllBytes(Path("x.npy"), NpyBuilder.Doubles(x.ToArray(), 60, 2));
        string rows = File.ReadAllText(Path("x.csv"));
        string rest = rows[(rows.IndexOf('\n') + 1)..];
        File.WriteAllText(Path("typo.csv"), "1,abc\n" + rest);
        File.WriteAllText(Path("empty-cell.csv"), "1,,3\n" + rest);
        File.WriteAllBytes(Path("wrapped.npy"), NpyBuilder.Build("<f8", [2097152, 2097152, 2097152, 2], NpyBuilder.Float64([1, 2])));
        Directory.CreateDirectory(Path("folder.csv"));
        File.CreateSymbolicLink(Path("zero.csv"), "/dev/zero");
        File.WriteAllText(Path("nul.csv"), "1,2\n3\0,4\n");
        // Atoms: a constant column, a point mass, every row repeated.
        WriteCsv(Path("const-column.csv"), new Samples(Enumerable.Range(0, 120).Select(i => i % 2 == 0 ? x[i / 2, 0] : 3.0).ToArray(), 2));
        WriteCsv(Path("point-mass.csv"), new Samples(Enumerable.Repeat(0.25, 120).ToArray(), 2));
        WriteCsv(Path("x-rep.csv"), x.Select([.. Enumerable.Range(0, 60).Select(i => i / 4)]));
        WriteCsv(Path("y-rep.csv"), TestData.Dependent(x, 1, 2).Select([.. Enumerable.Range(0, 60).Select(i => i / 4)]));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string, string[]> Table => new()
    {
        // Readers never guess.
        { "a typo in the first row is not a header", "line 1, column 2 is 'abc', not a number", ["entropy", "--x", "{typo.csv}"] },
        { "an empty cell in the first row is not a header", "line 1, column 2 is empty", ["entropy", "--x", "{empty-cell.csv}"] },
        { "a shape whose product wraps past 2^64", "more than one array can hold", ["entropy", "--x", "{wrapped.npy}"] },
        { "a directory given as a file", "is a directory", ["entropy", "--x", "{folder.csv}"] },
        { "an endless device", "is not a regular file", ["entropy", "--x", "{zero.csv}"] },
        { "a binary file", "contains a NUL character", ["entropy", "--x", "{nul.csv}"] },

        // Every option checked, named as typed.
        { "an option of another estimator", "unknown option '--bins' for 'kl-divergence'", ["kl-divergence", "--p", "{x.csv}", "--q", "{x.csv}", "--bins", "0"] },
        { "a KDE option with an invalid value on kl-divergence", "unknown option '--kde-bandwidth'", ["kl-divergence", "--p", "{x.csv}", "--q", "{x.csv}", "--kde-bandwidth", "bogus"] },
        { "--seed with the deterministic PCA compressor", "does not apply to --compressor pca", ["mi", "--x", "{x.csv}", "--y", "{y.csv}", "--estimator", "compressed", "--components", "1", "--seed", "3"] },
        { "k beyond int range arithmetic", "needs N ≥ k + 1 = 2147483648", ["entropy", "--x", "{x.csv}", "--estimator", "kl", "--k", "2147483647"] },
        { "a fixed width 1e300 times smaller than the data", "--sigma: The kernel width σ = 1E-300", ["entropy", "--x", "{x.csv}", "--sigma", "1e-300"] },
        { "--standardize with a non-k-NN estimator", "--standardize does not apply to --estimator kde", ["entropy", "--x", "{x.csv}", "--estimator", "kde", "--standardize"] },
        { "--standardize with the Rényi default", "--standardize does not apply to --estimator renyi", ["mi", "--x", "{x.csv}", "--y", "{y.csv}", "--standardize"] },

        // Atoms and ties: no number where the answer is ±∞ or the estimate has no standard error.
        { "the k-NN entropy of a constant column (h = −∞)", "column 1 is constant (every value is 3)", ["entropy", "--x", "{const-column.csv}", "--estimator", "kl"] },
        { "the weighted k-NN entropy of a constant column", "differential entropy is −∞", ["entropy", "--x", "{const-column.csv}", "--estimator", "wkl"] },
        { "the Gaussian-fit entropy of a constant column", "differential entropy is −∞", ["entropy", "--x", "{const-column.csv}", "--estimator", "gaussian"] },
        { "the KDE entropy of a constant column", "differential entropy is −∞", ["entropy", "--x", "{const-column.csv}", "--estimator", "kde"] },
        { "an MI from k-NN entropies with a constant column", "Drop the column (the MI does not change), or use KSG", ["mi", "--x", "{const-column.csv}", "--y", "{y.csv}", "--estimator", "kl"] },
        { "a divergence of a sample with itself", "p and q are the same sample", ["kl-divergence", "--p", "{x.csv}", "--q", "{x.npy}"] },
        { "a point mass against a continuous sample", "D(P‖Q) = +∞", ["kl-divergence", "--p", "{point-mass.csv}", "--q", "{x.csv}"] },
        { "a continuous sample against a point mass", "P is not absolutely continuous with respect to Q and D(P‖Q) = +∞", ["kl-divergence", "--p", "{x.csv}", "--q", "{point-mass.csv}"] },
        { "--ci on an estimate that lost its standard error to ties", "--ci: this estimate has no standard error because the data are degenerate", ["mi", "--x", "{x-rep.csv}", "--y", "{y-rep.csv}", "--estimator", "ksg", "--ci", "0.95"] },

        // α over its whole range; widths that cannot see the data.
        { "α too small for the spectrum's round-off", "is too small for this spectrum", ["entropy", "--x", "{x.csv}", "--alpha", "1e-9", "--sigma", "10"] },
        { "a fixed width 1e200 times the data's scale", "--sigma: The kernel width σ = 1E+200", ["entropy", "--x", "{x.csv}", "--sigma", "1e200"] },
        { "an estimate over the memory budget", "What fits: N ≤", ["mi", "--x", "{x.csv}", "--y", "{y.csv}", "--max-memory", "40000"] },
        { "a malformed memory budget", "--max-memory '4 parsecs' is not a size", ["entropy", "--x", "{x.csv}", "--max-memory", "4 parsecs"] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void RefusedWithOneLineAndNoNumber(string what, string because, string[] args)
    {
        var (code, output, error) = Run(args.Select(a => a.StartsWith('{') ? Path(a[1..^1]) : a).ToArray());
        Assert.True(code == 2, $"{what}: exit {code}, stdout '{output}', stderr '{error}'");
        Assert.Empty(output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(because, lines[0]);
        Assert.DoesNotContain("Internal error", lines[0]);
        Assert.DoesNotContain("   at ", error);
    }

    private string Path(string name) => System.IO.Path.Combine(_dir, name);
}
