using System.Diagnostics;
using System.Globalization;
using InfoTheory.Cli.Accuracy;
using CliApp = InfoTheory.Cli.Cli;

namespace InfoTheory.Tests.Cli;

/// <summary>
/// Ctrl+C and <c>--progress</c>: a cancelled command ends with exit code 130 and exactly one <c>error: cancelled</c> line
/// (in-process, and as a real process sent SIGINT or SIGTERM while it computes); <c>--progress</c> prints the stages on
/// stderr and leaves stdout to the result.
/// </summary>
public sealed class CliCancellationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("infotheory-cancel-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ACancelledRun_ExitsWith130AndOneErrorLine()
    {
        string x = Write("x.csv", TestData.Gaussian(300, 2, seed: 1));
        using var source = new CancellationTokenSource();
        source.Cancel();
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(["entropy", "--x", x], output, error, source.Token);
        Assert.Equal(CliApp.Cancelled, code);
        Assert.Equal(130, code);
        Assert.Equal("error: cancelled" + Environment.NewLine, error.ToString());
        Assert.Empty(output.ToString());
    }

    [Fact]
    public void Progress_GoesToStderr_StageByStage_AndTheResultToStdout()
    {
        string x = Write("x.csv", TestData.Gaussian(300, 2, seed: 2));
        var (code, output, error) = CliHarness.Run("entropy", "--x", x, "--progress");
        Assert.Equal(0, code);
        Assert.StartsWith("H(X) = ", output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith("progress: ", l));
        Assert.Equal("progress: gram 0/300 (0%)", lines[0]);
        Assert.Contains("progress: gram 300/300 (100%)", lines);
        Assert.Equal("progress: eigenvalues 300/300 (100%)", lines[^1]);
        Assert.InRange(lines.Length, 4, 22); // a line per started tenth of each stage
    }

    [Fact]
    public void Progress_WithAnEstimatorThatDoesNotReportIt_IsABadOption()
    {
        string x = Write("x.csv", TestData.Gaussian(300, 2, seed: 3));
        var (code, _, error) = CliHarness.Run("mi", "--x", x, "--y", x, "--estimator", "ksg", "--progress");
        Assert.Equal(2, code);
        Assert.Equal("error: --progress does not apply to --estimator ksg; it is an option of renyi, kde." + Environment.NewLine, error);
    }

    // The accuracy suite stops between its runs (and passes the token into each): cancelled from the per-run callback
    // after the first run, no second run starts.
    [Fact]
    public void TheAccuracySuite_StopsAfterTheRunThatCancelled()
    {
        var tasks = new[] { SyntheticTasks.Find("1v1-normal-0.75") };
        var estimators = new[] { "ksg", "kl", "renyi" }.Select(EstimatorRegistry.Find).ToList();
        using var source = new CancellationTokenSource();
        var runs = new List<AccuracyRun>();
        Assert.ThrowsAny<OperationCanceledException>(() => AccuracySuite.Run(tasks, estimators, [200], 2, quick: true, run =>
        {
            runs.Add(run);
            source.Cancel();
        }, cancellationToken: source.Token));
        var only = Assert.Single(runs);
        Assert.Null(only.Error);
    }

    // The real process: once it reports the eigenvalue stage (seconds of work at N = 4096), a signal stops it.
    [UnixTheory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void ASignalDuringAComputation_EndsTheProcessWith130AndOneErrorLine(string signal)
    {
        string x = Write("big.csv", TestData.Gaussian(4096, 2, seed: 4));
        string cli = Path.Combine(AppContext.BaseDirectory, "InfoTheory.Cli.dll");
        // Through coreutils' env, which gives the child the default SIGINT/SIGTERM disposition: a test run started in the
        // background of a non-interactive shell (`./run-tests.sh &`) ignores SIGINT, the child inherits SIG_IGN, and the
        // runtime then (rightly, as any Unix program) never calls the tool's handler.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        foreach (string arg in (string[])["--default-signal=INT,TERM", dotnet, "exec", cli, "entropy", "--x", x, "--progress"])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var errors = new List<string>();
        bool signalled = false;
        while (process.StandardError.ReadLine() is { } line)
        {
            errors.Add(line);
            if (!signalled && line.StartsWith("progress: eigenvalues", StringComparison.Ordinal))
            {
                using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
                signalled = true;
            }
        }

        // A bound only so that a broken build cannot hang the suite: the process ends within a panel of the reduction.
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the process did not end after the signal");
        Assert.True(signalled, $"no eigenvalue progress was seen: {string.Join(" | ", errors)}");
        Assert.Equal(130, process.ExitCode);
        Assert.Equal("error: cancelled", errors[^1]);
        Assert.All(errors[..^1], l => Assert.StartsWith("progress: ", l));
        Assert.DoesNotContain("progress: eigenvalues 4096/4096 (100%)", errors);
        Assert.Empty(stdout.Result);
    }

    private string Write(string name, Samples samples)
    {
        string path = Path.Combine(_dir, name);
        CliHarness.WriteCsv(path, samples);
        return path;
    }

    /// <summary>A theory that runs where POSIX signals exist (not on Windows).</summary>
    private sealed class UnixTheoryAttribute : TheoryAttribute
    {
        public UnixTheoryAttribute()
        {
            if (OperatingSystem.IsWindows())
            {
                Skip = "POSIX signals: Linux and macOS only.";
            }
        }
    }
}
