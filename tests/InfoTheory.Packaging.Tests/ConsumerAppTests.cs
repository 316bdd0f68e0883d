using System.IO.Compression;
using System.Text.Json;

namespace InfoTheory.Packaging.Tests;

/// <summary>
/// A user's console app, outside the repository, referencing InfoTheory, InfoTheory.TorchSharp and
/// libtorch-cpu-linux-x64 by PackageReference only: the package's buildTransitive targets make TorchSharp load on
/// Debian 12 (eng/torchsharp-debian12/README.md), the opt-out turns them off, and missing tools fail the build with
/// one line naming the apt command.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class ConsumerAppTests(PackagingSandbox sandbox, ITestOutputHelper output)
{
    private const string Native = "runtimes/linux-x64/native/";

    [LinuxX64Fact]
    public void LibraryPackageCarriesTheFixAsSourcesNeverAsBinaries()
    {
        using var archive = ZipFile.OpenRead(Path.Combine(sandbox.Feed, $"InfoTheory.TorchSharp.{sandbox.Version}.nupkg"));
        var targets = Assert.Single(archive.Entries, e => e.FullName == "buildTransitive/InfoTheory.TorchSharp.targets");
        using (var stream = targets.Open())
        using (var bytes = new MemoryStream())
        {
            stream.CopyTo(bytes);
            // One file: the package's targets are the repository's eng/TorchSharpNativeFix.targets.
            Assert.Equal(File.ReadAllBytes(Path.Combine(Repository.Root, "eng", "TorchSharpNativeFix.targets")), bytes.ToArray());
        }

        Assert.Contains(archive.Entries, e => e.FullName == "buildTransitive/torchsharp-debian12/iosbaseshim.cpp");
        Assert.Contains(archive.Entries, e => e.FullName == "buildTransitive/torchsharp-debian12/TorchSharpElfTasks.cs");
        Assert.Contains(archive.Entries, e => e.FullName == "README.md");
        Assert.DoesNotContain(archive.Entries, e => e.Name.EndsWith(".so", StringComparison.Ordinal) || e.Name.Contains(".so.", StringComparison.Ordinal));
    }

    // Each package page is the package's own README (install line, example, absolute links: a relative link is dead on
    // nuget.org), and the nuspec names the repository and project.
    [LinuxX64Theory]
    [InlineData("InfoTheory", "dotnet add package InfoTheory")]
    [InlineData("InfoTheory.TorchSharp", "dotnet add package InfoTheory.TorchSharp")]
    [InlineData("InfoTheory.Ilgpu", "dotnet add package InfoTheory.Ilgpu")]
    [InlineData("InfoTheory.Cli", "dotnet tool install --global InfoTheory.Cli")]
    public void EveryPackageHasItsOwnPageWithAbsoluteLinks(string id, string install)
    {
        using var archive = ZipFile.OpenRead(Path.Combine(sandbox.Feed, $"{id}.{sandbox.Version}.nupkg"));
        var readme = Assert.Single(archive.Entries, e => e.FullName == "README.md");
        using var reader = new StreamReader(readme.Open());
        string text = reader.ReadToEnd();
        Assert.Contains(install, text);
        Assert.Contains("```csharp", id == "InfoTheory.Cli" ? "```csharp" : text);
        var links = System.Text.RegularExpressions.Regex.Matches(text, @"\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.StartsWith("https://", link));

        var nuspec = Assert.Single(archive.Entries, e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var spec = new StreamReader(nuspec.Open());
        string xml = spec.ReadToEnd();
        Assert.Contains("<readme>README.md</readme>", xml);
        Assert.Contains("<projectUrl>https://github.com/infotheory-net/InfoTheory</projectUrl>", xml);
        Assert.Contains("<repository type=\"git\" url=\"https://github.com/infotheory-net/InfoTheory.git\"", xml);
    }

    [LinuxX64Fact]
    public void TrainsItsOwnModelWithTheMonitorAttached()
    {
        string app = sandbox.ConsumerDirectory;
        var publish = Step(ProcessRunner.DotnetRun(
            ["publish", "-c", "Release", "--no-restore", "-o", "publish", .. sandbox.ConsumerProperties], app, sandbox.ConsumerEnvironment));
        Assert.True(publish.ExitCode == 0, publish.ToString());

        string results = Directory.CreateDirectory(Path.Combine(app, "results")).FullName;
        var run = Step(ProcessRunner.DotnetRun([Path.Combine("bin", "Release", "net10.0", "Consumer.dll"), results], app, sandbox.ConsumerEnvironment));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("3 measurements, 12 records", run.Output);

        // Four layers, measured before training and after each of two epochs; every quantity finite.
        var rows = Outputs.ReadSeries(Path.Combine(results, "infoplane.csv"));
        Assert.Equal(12, rows.Count);
        Assert.Equal(["enc_act", "code_act", "dec_act", "out_act"], rows.Select(r => r["layer"]).Distinct());
        foreach (var row in rows)
        {
            foreach (var column in new[] { "h_t", "i_xt", "i_ty" })
            {
                Assert.True(double.IsFinite(Outputs.Number(row[column])), $"{column} = {row[column]} in {string.Join(',', row.Values)}");
            }

            Assert.True(Outputs.Number(row["h_t"]) > 0, $"H(T) = {row["h_t"]}");
        }

        Assert.All(rows.Where(r => r["epoch"] != "0"), r => Assert.True(double.IsFinite(Outputs.Number(r["loss"]))));
        Assert.True(Outputs.IsPng(Path.Combine(results, "infoplane.png")));

        // Publish carries the same TorchSharp natives as the build output it just ran from.
        foreach (var file in new[] { "libLibTorchSharp.so", "libiosbaseshim.so" })
        {
            string built = Path.Combine(app, "bin", "Release", "net10.0", Native, file);
            string published = Path.Combine(app, "publish", Native, file);
            Assert.Equal(File.Exists(built), File.Exists(published));
            if (File.Exists(built))
            {
                Assert.Equal(File.ReadAllBytes(built), File.ReadAllBytes(published));
            }
        }
    }

    [LinuxX64Fact]
    public void OptOutLeavesTorchSharpAsPackagedEvenWhenForced()
    {
        // Forced: the patched copy and the shim from obj/torchsharp-fix replace the package's library.
        var forced = CopyLocalTorchSharp("-p:TorchSharpNativeFixForce=true");
        Assert.StartsWith(Path.Combine(sandbox.ConsumerDirectory, "obj", "torchsharp-fix") + Path.DirectorySeparatorChar, forced.Library);
        Assert.True(Outputs.NeedsShim(File.ReadAllBytes(forced.Library)));
        Assert.NotNull(forced.Shim);

        // Opted out: the package's own file, untouched, and no shim, whatever TorchSharpNativeFixForce says.
        var optedOut = CopyLocalTorchSharp("-p:TorchSharpNativeFix=false", "-p:TorchSharpNativeFixForce=true");
        string packaged = Path.Combine("torchsharp", Repository.CentralVersion("TorchSharp"), "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.EndsWith(Path.DirectorySeparatorChar + packaged, optedOut.Library);
        Assert.False(Outputs.NeedsShim(File.ReadAllBytes(optedOut.Library)));
        Assert.Null(optedOut.Shim);
    }

    [LinuxX64Fact]
    public void MissingToolsFailTheBuildWithOneLineNamingTheAptCommand()
    {
        // A fresh copy (empty obj/, so nothing is cached) built with a PATH that has sh but neither g++ nor patchelf.
        string app = sandbox.CopyConsumer("consumer-without-tools");
        string bin = Directory.CreateDirectory(Path.Combine(sandbox.Root, "path-without-tools")).FullName;
        string sh = Path.Combine(bin, "sh");
        if (!File.Exists(sh))
        {
            File.CreateSymbolicLink(sh, "/bin/sh");
        }

        var environment = new Dictionary<string, string?>(sandbox.ConsumerEnvironment) { ["PATH"] = bin };
        var build = Step(ProcessRunner.DotnetRun(
            ["build", "-c", "Release", "-t:ResolveReferences", "-p:TorchSharpNativeFixForce=true", .. sandbox.ConsumerProperties],
            app, environment));

        Assert.NotEqual(0, build.ExitCode);
        var errors = build.Output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
        string error = Assert.Single(errors);
        Assert.Contains("error TSNF001: TorchSharpNativeFix:", error);
        Assert.Contains("'g++ patchelf' is not on PATH", error);
        Assert.Contains("run 'sudo apt-get install g++ patchelf'", error);
        Assert.Contains("TorchSharpNativeFix=false", error);
    }

    private (string Library, string? Shim) CopyLocalTorchSharp(params string[] properties)
    {
        // Resolves the copy-local files only (no compile, no copy) and reads them back as JSON.
        var result = Step(ProcessRunner.DotnetRun(
            ["build", "-c", "Release", "--no-restore", "-t:ResolveReferences", "-getItem:ReferenceCopyLocalPaths",
             .. sandbox.ConsumerProperties, .. properties], sandbox.ConsumerDirectory, sandbox.ConsumerEnvironment));
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var items = json.RootElement.GetProperty("Items").GetProperty("ReferenceCopyLocalPaths").EnumerateArray()
            .Select(i => (Path: i.GetProperty("FullPath").GetString()!, Destination: i.TryGetProperty("DestinationSubDirectory", out var d) ? d.GetString() : null))
            .Where(i => i.Destination == Native)
            .ToList();
        string library = Assert.Single(items, i => Path.GetFileName(i.Path) == "libLibTorchSharp.so").Path;
        string? shim = items.SingleOrDefault(i => Path.GetFileName(i.Path) == "libiosbaseshim.so").Path;
        return (library, shim);
    }

    private CommandResult Step(CommandResult result)
    {
        output.WriteLine($"{result.Elapsed.TotalSeconds,6:F1} s  {result.Command}");
        return result;
    }
}
