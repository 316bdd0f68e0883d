namespace InfoTheory.Tests.Core;

/// <summary>The core tests load the core library alone: no CLI, TorchSharp or ILGPU behind them (issue #13).</summary>
public sealed class LayeringTests
{
    [Fact]
    public void TheCoreTestsDependOnNeitherTheCliNorTorchSharpNorIlgpu()
    {
        string deps = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "InfoTheory.Tests.deps.json"));
        foreach (string other in new[] { "InfoTheory.Cli", "InfoTheory.TorchSharp", "InfoTheory.Ilgpu", "TorchSharp", "ILGPU" })
        {
            Assert.DoesNotContain($"\"{other}/", deps);
        }

        Assert.Contains("\"InfoTheory/", deps);
    }
}
