using System.Text.Json;

namespace InfoTheory.Tests.Cli;

/// <summary>The tool's start-up settings (InfoTheory.Cli.csproj; timings in docs/benchmarks.md, "Start-up") reach the
/// runtimeconfig.json that the runtime reads when the tool starts.</summary>
public sealed class CliStartupSettingsTests
{
    [Fact]
    public void Methods_with_loops_are_compiled_optimised_at_their_first_call()
    {
        // The build copies the referenced tool's runtimeconfig.json next to the test assembly.
        string path = Path.Combine(AppContext.BaseDirectory, "InfoTheory.Cli.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.Runtime.TieredCompilation.QuickJitForLoops").GetBoolean());
    }
}
