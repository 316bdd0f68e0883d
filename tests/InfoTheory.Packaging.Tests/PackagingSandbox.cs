using System.Security.Cryptography;

namespace InfoTheory.Packaging.Tests;

/// <summary>The tests of this collection share one <see cref="PackagingSandbox"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackagingSandbox>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Packaging";
}

/// <summary>
/// Packs InfoTheory, InfoTheory.TorchSharp and the InfoTheory.Cli tool into a temporary feed, once per test run, and
/// gives the tests a fresh consumer app and an installed tool, all in a temporary folder outside the repository.
/// </summary>
/// <remarks>
/// No stale package can be used: the packages get a version made for this run (0.0.0-ci.TIME.PID), restores use their
/// own packages folder, and the only other place they read from is the machine's global packages folder as a read-only
/// fallback for third-party packages (TorchSharp, libtorch, ScottPlot, ...), which the repository's own restore has
/// already filled and which can never hold this run's version. That avoids copying 1.4 GB of libtorch per run; packages
/// missing there come from nuget.org. The libraries are packed from their existing build (--no-build); the tool is
/// packed as a maintainer would (dotnet pack, which builds), so the test also sees what packing does to the
/// repository's own build output.
/// </remarks>
public sealed class PackagingSandbox : IDisposable
{
    private readonly Lazy<string> _consumer;
    private readonly Lazy<string> _tool;

    /// <summary>Packs everything (on Linux x64; elsewhere the tests are skipped and nothing is done).</summary>
    public PackagingSandbox()
    {
        _consumer = new(RestoreConsumer);
        _tool = new(InstallTool);
        if (!Repository.IsLinuxX64)
        {
            return;
        }

        Root = Directory.CreateTempSubdirectory("infotheory-packaging-").FullName;
        Version = $"0.0.0-ci.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        LibTorchVersion = Repository.CentralVersion("libtorch-cpu-linux-x64");

        // Empty Directory.Build.* files stop MSBuild's upward search here: nothing above the sandbox applies.
        foreach (var stop in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(Root, stop), "<Project />\n");
        }

        string globalPackages = GlobalPackagesFolder();
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="ci-feed" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <fallbackPackageFolders>
                <clear />
                <add key="machine" value="{globalPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        ConsumerEnvironment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(Root, "packages") };

        foreach (var library in new[] { "InfoTheory", "InfoTheory.TorchSharp", "InfoTheory.Ilgpu" })
        {
            Timings.Add(ProcessRunner.DotnetRun(
                ["pack", Repository.SourceProject(library), "-c", Repository.Configuration, "--no-build",
                 .. PackProperties], Repository.Root).EnsureSuccess());
        }

        CliNativeBeforePack = CliNative.Read();
        Timings.Add(ProcessRunner.DotnetRun(
            ["pack", Repository.SourceProject("InfoTheory.Cli"), "-c", Repository.Configuration, "--no-restore",
             .. PackProperties], Repository.Root).EnsureSuccess());
        CliNativeAfterPack = CliNative.Read();
    }

    /// <summary>The temporary folder holding everything.</summary>
    public string Root { get; } = "";

    /// <summary>This run's package version.</summary>
    public string Version { get; } = "";

    /// <summary>The temporary feed.</summary>
    public string Feed { get; } = "";

    /// <summary>The libtorch runtime package version the consumer references.</summary>
    public string LibTorchVersion { get; } = "";

    /// <summary>Environment of the consumer's commands: its own NuGet packages folder.</summary>
    public IReadOnlyDictionary<string, string?> ConsumerEnvironment { get; } = new Dictionary<string, string?>();

    /// <summary>Every command run so far, with its time.</summary>
    internal List<CommandResult> Timings { get; } = [];

    /// <summary>The repository CLI's TorchSharp natives before `dotnet pack`.</summary>
    public CliNative? CliNativeBeforePack { get; }

    /// <summary>The same after `dotnet pack`.</summary>
    public CliNative? CliNativeAfterPack { get; }

    /// <summary>The consumer app's folder (copied from ConsumerApp/ and restored on first use).</summary>
    public string ConsumerDirectory => _consumer.Value;

    /// <summary>The installed tool's command (installed with `dotnet tool install --tool-path` on first use).</summary>
    public string ToolCommand => _tool.Value;

    /// <summary>This run's version; packages into the feed, generated .nuspec files into the sandbox (not the repository's obj/).</summary>
    private IEnumerable<string> PackProperties =>
        [$"-p:PackageVersion={Version}", $"-p:NuspecOutputPath={Path.Combine(Root, "nuspec")}/", "-o", Feed];

    /// <summary>The MSBuild properties every command on the consumer app passes.</summary>
    public IEnumerable<string> ConsumerProperties => [$"-p:InfoTheoryVersion={Version}", $"-p:LibTorchVersion={LibTorchVersion}"];

    /// <summary>Copies ConsumerApp/ into a new folder of the sandbox.</summary>
    public string CopyConsumer(string name)
    {
        string directory = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
        foreach (var file in new[] { "Consumer.csproj", "Program.cs" })
        {
            File.Copy(Path.Combine(Repository.Root, "tests", "InfoTheory.Packaging.Tests", "ConsumerApp", file), Path.Combine(directory, file));
        }

        return directory;
    }

    /// <summary>Deletes the sandbox.</summary>
    public void Dispose()
    {
        if (Root.Length > 0 && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private string RestoreConsumer()
    {
        string directory = CopyConsumer("consumer");
        Timings.Add(ProcessRunner.DotnetRun(["restore", .. ConsumerProperties], directory, ConsumerEnvironment).EnsureSuccess());
        return directory;
    }

    private string InstallTool()
    {
        // Only the temporary feed: the tool and its linux-x64 package come from there or not at all.
        string config = Path.Combine(Directory.CreateDirectory(Path.Combine(Root, "tool-config")).FullName, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="ci-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        string toolPath = Path.Combine(Root, "tool");
        Timings.Add(ProcessRunner.DotnetRun(
            ["tool", "install", "--tool-path", toolPath, "--configfile", config, "InfoTheory.Cli", "--version", Version],
            Root, ConsumerEnvironment).EnsureSuccess());
        return Path.Combine(toolPath, "infotheory");
    }

    private string GlobalPackagesFolder()
    {
        var result = ProcessRunner.DotnetRun(["nuget", "locals", "global-packages", "--list"], Repository.Root).EnsureSuccess();
        Timings.Add(result);
        const string Prefix = "global-packages:";
        string line = result.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return line[Prefix.Length..].Trim();
    }
}

/// <summary>The repository CLI's libLibTorchSharp.so (SHA-256) and whether the shim sits next to it.</summary>
public sealed record CliNative(string Directory, string? LibTorchSharpSha256, bool HasShim)
{
    /// <summary>Reads src/InfoTheory.Cli/bin/CONFIGURATION/net10.0/runtimes/linux-x64/native/.</summary>
    public static CliNative Read()
    {
        string directory = Path.Combine(Repository.Root, "src", "InfoTheory.Cli", "bin", Repository.Configuration, "net10.0",
            "runtimes", "linux-x64", "native");
        string library = Path.Combine(directory, "libLibTorchSharp.so");
        string? hash = File.Exists(library) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(library))) : null;
        return new CliNative(directory, hash, File.Exists(Path.Combine(directory, "libiosbaseshim.so")));
    }
}
