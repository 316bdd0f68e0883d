using System.Reflection;
using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace InfoTheory.Packaging.Tests;

/// <summary>Where the repository is, how it was built, and the central package versions.</summary>
internal static class Repository
{
    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is empty.");

    /// <summary>The repository root (from the test project's build), with a trailing separator.</summary>
    public static string Root { get; } = Metadata("RepositoryRoot");

    /// <summary>The configuration this test project (and so the projects it packs) was built in.</summary>
    public static string Configuration { get; } = Metadata("Configuration");

    /// <summary>A project file under src/.</summary>
    public static string SourceProject(string name) => Path.Combine(Root, "src", name, name + ".csproj");

    /// <summary>The version of <paramref name="packageId"/> in Directory.Packages.props.</summary>
    public static string CentralVersion(string packageId) =>
        XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(e => (string?)e.Attribute("Include") == packageId).Attribute("Version")!.Value;

    /// <summary>True on Linux x64, the only platform the TorchSharp runtime package and the tool package are made for.</summary>
    public static bool IsLinuxX64 => OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;
}

/// <summary>A fact that is reported as skipped, with the reason, off Linux x64 (never a silent pass).</summary>
public sealed class LinuxX64FactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> off Linux x64.</summary>
    public LinuxX64FactAttribute()
    {
        if (!Repository.IsLinuxX64)
        {
            Skip = "The consumer app uses libtorch-cpu-linux-x64 and the tool package is made for linux-x64 only.";
        }
    }
}

/// <summary>A theory that is reported as skipped, with the reason, off Linux x64 (never a silent pass).</summary>
public sealed class LinuxX64TheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> off Linux x64.</summary>
    public LinuxX64TheoryAttribute()
    {
        if (!Repository.IsLinuxX64)
        {
            Skip = "The packages are packed and inspected on Linux x64, where the tool package is made.";
        }
    }
}
