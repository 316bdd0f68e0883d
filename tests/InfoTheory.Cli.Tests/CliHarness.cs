using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CliApp = InfoTheory.Cli.Cli;

namespace InfoTheory.Tests.Cli;

/// <summary>Runs the tool in-process and reads its output: shared by the CLI test classes.</summary>
internal static class CliHarness
{
    /// <summary>
    /// Before any test of this assembly: the tool keeps oneDNN off on every machine (INFOTHEORY_ONEDNN=0; its
    /// convolutions return NaN intermittently on some CPUs, see InfoTheory.TorchSharp.TorchRuntime), so that a test
    /// gives the same answer on every run.
    /// </summary>
#pragma warning disable CA2255 // A module initializer in a test assembly is the point: it runs before every test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void KeepOneDnnOff() => Environment.SetEnvironmentVariable("INFOTHEORY_ONEDNN", "0");

    /// <summary>Exit code, stdout and stderr of one invocation.</summary>
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a --json invocation that must succeed and print exactly one JSON object on one line.</summary>
    public static JsonDocument Json(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.True(code == 0, $"exit code {code}: {error}");
        Assert.Empty(error);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var document = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document;
    }

    /// <summary>A numeric property (asserted to be a JSON number).</summary>
    public static double Number(JsonDocument json, string name)
    {
        var element = json.RootElement.GetProperty(name);
        Assert.Equal(JsonValueKind.Number, element.ValueKind);
        return element.GetDouble();
    }

    /// <summary>Writes samples as CSV (round-trip precision, one observation per row).</summary>
    public static void WriteCsv(string path, Samples samples)
    {
        var text = new StringBuilder();
        for (int i = 0; i < samples.Count; i++)
        {
            text.AppendJoin(',', Enumerable.Range(0, samples.Dimensions).Select(k => samples[i, k].ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }
}
