using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace InfoTheory.Packaging.Tests;

/// <summary>
/// The infotheory tool as users get it: `dotnet pack` makes a pointer package and a linux-x64 package that carries the
/// patched TorchSharp library (src/InfoTheory.Cli/ToolPackage.targets); `dotnet tool install --tool-path` installs it
/// and its TorchSharp commands run on Debian 12 without g++ or patchelf.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class ToolPackageTests(PackagingSandbox sandbox, ITestOutputHelper output)
{
    private const string ToolFolder = "tools/net10.0/linux-x64/";

    [LinuxX64Fact]
    public void LinuxPackageCarriesOneRuntimeIdentifierAndThePatchedTorchSharp()
    {
        string pointer = Path.Combine(sandbox.Feed, $"InfoTheory.Cli.{sandbox.Version}.nupkg");
        string linux = Path.Combine(sandbox.Feed, $"InfoTheory.Cli.linux-x64.{sandbox.Version}.nupkg");
        output.WriteLine($"InfoTheory.Cli {new FileInfo(pointer).Length:N0} bytes; InfoTheory.Cli.linux-x64 {new FileInfo(linux).Length:N0} bytes");

        using (var archive = ZipFile.OpenRead(pointer))
        {
            // The pointer package names the RID-specific package and holds no implementation.
            Assert.DoesNotContain(archive.Entries, e => e.FullName.EndsWith(".dll", StringComparison.Ordinal));
            string settings = Read(Assert.Single(archive.Entries, e => e.Name == "DotnetToolSettings.xml"));
            Assert.Contains("RuntimeIdentifier=\"linux-x64\" Id=\"InfoTheory.Cli.linux-x64\"", settings);
        }

        using (var archive = ZipFile.OpenRead(linux))
        {
            var files = archive.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal)).ToList();
            output.WriteLine($"unpacked {archive.Entries.Sum(e => e.Length):N0} bytes in {archive.Entries.Count} entries");
            Assert.All(files, e => Assert.StartsWith(ToolFolder, e.FullName));   // no runtimes/<other RID>/ folders
            Assert.DoesNotContain(files, e => e.FullName.Contains("/runtimes/", StringComparison.Ordinal));
            foreach (var unused in new[] { "libtorch_python.so", "libnnapi_backend.so", "libjitbackend_test.so", "libtorchbind_test.so" })
            {
                Assert.DoesNotContain(files, e => e.Name == unused);
            }

            foreach (var needed in new[] { "libtorch_cpu.so", "libtorch.so", "libc10.so", "libSkiaSharp.so", "libiosbaseshim.so", "InfoTheory.Cli" })
            {
                Assert.Contains(files, e => e.Name == needed);
            }

            var library = Assert.Single(files, e => e.Name == "libLibTorchSharp.so");
            using var stream = library.Open();
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            Assert.True(Outputs.NeedsShim(bytes.ToArray()), "the packaged libLibTorchSharp.so is not the patched one");
        }
    }

    [LinuxX64Fact]
    public void PackingLeavesTheRepositoryBuildOutputAsItWas()
    {
        foreach (var command in sandbox.Timings)
        {
            output.WriteLine($"{command.Elapsed.TotalSeconds,6:F1} s  {command.Command}");
        }

        var before = sandbox.CliNativeBeforePack!;
        var after = sandbox.CliNativeAfterPack!;
        Assert.True(before.LibTorchSharpSha256 is not null, $"no libLibTorchSharp.so in {before.Directory}: build the solution first");
        Assert.Equal(before, after);
        if (before.HasShim)
        {
            Assert.True(Outputs.NeedsShim(File.ReadAllBytes(Path.Combine(after.Directory, "libLibTorchSharp.so"))));
        }
    }

    [LinuxX64Fact]
    public void InstalledToolRunsInfoplane()
    {
        string results = Path.Combine(sandbox.Root, "infoplane");
        var run = Tool("infoplane", "--model", "ae", "--epochs", "1", "--train", "500", "--probe", "100", "--out", results);
        Assert.True(run.ExitCode == 0, run.ToString());

        var rows = Outputs.ReadSeries(Path.Combine(results, "infoplane.csv"));
        Assert.NotEmpty(rows);
        Assert.Equal(["0", "1"], rows.Select(r => r["epoch"]).Distinct());
        Assert.All(rows, r => Assert.True(double.IsFinite(Outputs.Number(r["i_xt"])), string.Join(',', r.Values)));
        Assert.True(Outputs.IsPng(Path.Combine(results, "infoplane.png")));
        Assert.True(Outputs.IsPng(Path.Combine(results, "loss.png")));
    }

    [LinuxX64Fact]
    public void InstalledToolRunsMi()
    {
        var (x, y) = WriteData("mi");
        var renyi = Tool("mi", "--x", x, "--y", y, "--json");
        Assert.True(renyi.ExitCode == 0, renyi.ToString());
        Assert.True(double.IsFinite(Value(renyi)), renyi.Output);

        // The autoencoder compressor trains a TorchSharp model inside the tool.
        var compressed = Tool("mi", "--x", x, "--y", y, "--estimator", "compressed", "--compressor", "ae", "--components", "2", "--json");
        Assert.True(compressed.ExitCode == 0, compressed.ToString());
        Assert.True(double.IsFinite(Value(compressed)), compressed.Output);
    }

    private CommandResult Tool(params string[] arguments)
    {
        // The tool's launcher finds the runtime like any framework-dependent app: DOTNET_ROOT, else the default location.
        var environment = new Dictionary<string, string?>();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")))
        {
            string dotnet = new FileInfo(ProcessRunner.Dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? ProcessRunner.Dotnet;
            environment["DOTNET_ROOT"] = Path.GetDirectoryName(dotnet);
        }

        var result = ProcessRunner.Run(sandbox.ToolCommand, arguments, sandbox.Root, environment);
        output.WriteLine($"{result.Elapsed.TotalSeconds,6:F1} s  {result.Command}");
        return result;
    }

    /// <summary>150 observations: X with four columns, Y = X's first two columns plus noise (seed 1).</summary>
    private (string X, string Y) WriteData(string name)
    {
        var random = new Random(1);
        var x = new StringBuilder();
        var y = new StringBuilder();
        for (int i = 0; i < 150; i++)
        {
            double[] row = [.. Enumerable.Range(0, 4).Select(_ => random.NextDouble() * 2 - 1)];
            x.AppendLine(string.Join(',', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            y.AppendLine(string.Join(',', row.Take(2).Select(v => (v + 0.1 * (random.NextDouble() - 0.5)).ToString("R", CultureInfo.InvariantCulture))));
        }

        string xPath = Path.Combine(sandbox.Root, name + "-x.csv");
        string yPath = Path.Combine(sandbox.Root, name + "-y.csv");
        File.WriteAllText(xPath, x.ToString());
        File.WriteAllText(yPath, y.ToString());
        return (xPath, yPath);
    }

    private static double Value(CommandResult result)
    {
        using var json = JsonDocument.Parse(result.Output.Trim());
        return json.RootElement.GetProperty("value").GetDouble();
    }

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
