namespace InfoTheory.TorchSharp;

/// <summary>The companion package's version marker (replaced as the package grows).</summary>
public static class PackageInfo
{
    /// <summary>The package name.</summary>
    public const string Name = "InfoTheory.TorchSharp";
}
