using System.Diagnostics;
using System.Globalization;
using InfoTheory.Tests.IO;

namespace InfoTheory.Tests.Cli;

/// <summary>
/// One memory budget per call (issue #12), measured as a user meets it: the tool run as a process at N = 16,384, its
/// peak resident memory read from the kernel (getrusage of the waited-for child, through /usr/bin/python3, which the
/// test machine has). Before the budget, `mi` reached 6.1 GB and `pid` 10.7 GB at this size and kept going.
/// </summary>
public sealed class MemoryBudgetCliTests : IDisposable
{
    private const long MiB = 1L << 20;
    private readonly string _dir = Directory.CreateTempSubdirectory("infotheory-memory-").FullName;

    public MemoryBudgetCliTests()
    {
        var x = TestData.Gaussian(16384, 2, 1);
        File.WriteAllBytes(Path("x16k.npy"), NpyBuilder.Doubles(x.ToArray(), 16384, 2));
        File.WriteAllBytes(Path("y16k.npy"), NpyBuilder.Doubles(TestData.Dependent(x, 1, 2).ToArray(), 16384, 1));
        File.WriteAllBytes(Path("layer16k.npy"), NpyBuilder.Doubles(TestData.Gaussian(16384, 36, 3).ToArray(), 16384, 4, 3, 3));
        File.WriteAllBytes(Path("x3k.npy"), NpyBuilder.Doubles(x.ToArray()[..(3000 * 2)], 3000, 2));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void OverBudgetEstimatesAreRefusedBeforeAllocating()
    {
        // Default budget 4 GiB: MI holds three 2 GiB matrices, PID C + 1 Grams and one product per core.
        var mi = Run("mi", "--x", Path("x16k.npy"), "--y", Path("y16k.npy"));
        Assert.Equal(2, mi.Code);
        Assert.Contains("N = 16384 observations: 6.", mi.Error);
        Assert.Contains("over the memory budget left for it", mi.Error);
        Assert.Contains("What fits: N ≤ ", mi.Error);
        var pid = Run("pid", "--x", Path("x16k.npy"), "--layer", Path("layer16k.npy"));
        Assert.Equal(2, pid.Code);
        Assert.Contains("The PID pass over C = 4 maps", pid.Error);
        // Refused before any N×N allocation: the whole process stays far below one 2 GiB matrix.
        Assert.True(mi.PeakBytes < 512 * MiB, $"mi peaked at {mi.PeakBytes / MiB} MiB");
        Assert.True(pid.PeakBytes < 512 * MiB, $"pid peaked at {pid.PeakBytes / MiB} MiB");
    }

    [Fact]
    public void WhatRunsStaysWithinItsBudget()
    {
        // α = 2 streams the pair sums at N = 16,384: no N×N matrix at all.
        var streamed = Run("mi", "--x", Path("x16k.npy"), "--y", Path("y16k.npy"), "--alpha", "2", "--max-memory", "256MiB");
        Assert.True(streamed.Code == 0, streamed.Error);
        Assert.True(streamed.PeakBytes < 256 * MiB, $"peaked at {streamed.PeakBytes / MiB} MiB");

        // An exact entropy at N = 3,000 (one 69 MiB Gram, worked on in place) in a 128 MiB budget: the whole process,
        // runtime included, stays within the budget plus the runtime's own baseline.
        long baseline = Run("entropy", "--x", Path("x3k.npy"), "--alpha", "2").PeakBytes;
        var exact = Run("entropy", "--x", Path("x3k.npy"), "--max-memory", "128MiB");
        Assert.True(exact.Code == 0, exact.Error);
        Assert.True(exact.PeakBytes <= baseline + 128 * MiB, $"peaked at {exact.PeakBytes / MiB} MiB (baseline {baseline / MiB} MiB)");
        // MI of the same data needs three such matrices: refused in that budget, with the N that fits.
        var mi = Run("mi", "--x", Path("x3k.npy"), "--y", Path("x3k.npy"), "--max-memory", "128MiB");
        Assert.Equal(2, mi.Code);
        Assert.Contains("What fits: N ≤ ", mi.Error);
    }

    [Theory]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("4GiB", 4L << 30)]
    [InlineData("2GB", 2_000_000_000L)]
    [InlineData("1e9", 1_000_000_000L)]
    [InlineData("100 KiB", 100L << 10)]
    public void SizesParse(string text, long bytes) => Assert.Equal(bytes, InfoTheory.Cli.Commands.MemoryOption.Parse(text));

    [Theory]
    [InlineData("lots")]
    [InlineData("0")]
    [InlineData("-5MiB")]
    [InlineData("4 parsecs")]
    public void BadSizesAreUsageErrors(string text)
    {
        var (code, output, error) = CliHarness.Run("entropy", "--x", Path("x3k.npy"), "--max-memory", text);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("error: --max-memory", error);
    }

    [Fact]
    public void AnInputOverTheBudgetIsRefusedByTheReader()
    {
        var (code, _, error) = CliHarness.Run("entropy", "--x", Path("layer16k.npy"), "--max-memory", "1MiB");
        Assert.Equal(2, code);
        Assert.Contains("more than the memory allowed for it", error);
    }

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    /// <summary>Runs the tool as a process; its peak resident set from getrusage(RUSAGE_CHILDREN) in a python parent.</summary>
    private static (int Code, string Error, long PeakBytes) Run(params string[] args)
    {
        string cli = System.IO.Path.Combine(AppContext.BaseDirectory, "InfoTheory.Cli.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(
            "import resource, subprocess, sys\n" +
            "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n" +
            "sys.stderr.write(r.stderr)\n" +
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)\n");
        start.ArgumentList.Add(dotnet);
        start.ArgumentList.Add(cli);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the tool did not finish in 3 minutes");
        var parts = output.Trim().Split(' ');
        Assert.True(parts.Length == 2, $"unexpected wrapper output '{output}' / '{error.Result}'");
        long kib = long.Parse(parts[0], CultureInfo.InvariantCulture);
        return (int.Parse(parts[1], CultureInfo.InvariantCulture), error.Result, kib * 1024);
    }
}
