using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using static InfoTheory.Tests.Cli.CliHarness;

namespace InfoTheory.Tests.Cli;

/// <summary>
/// Every number the tool gives on the reference data under tests/ (Reference/*.csv, Reference/knn/*.csv), recorded in
/// Reference/cli-golden.json: refactoring must leave them unchanged (to 1e-12 relative: summation orders may move the
/// last bits, nothing more). Below magnitude 1 the bound is 1e-12 absolute; a percentage (a field named *_pct) is a
/// ratio times 100, so its floor is 100 (1e-10 absolute). The floor matters for pid's rst_pct, 100 × the mean of the
/// ratio RST / I(X;{Tⁱ,Tʲ}) with RST a difference 140× smaller than its terms: the SIMD width changes its last bits by
/// 1.5e-12 relative (2.886228282769126 at 512 bits, 2.8862282827648333 with DOTNET_PreferredVectorBitWidth=256, as on
/// machines where .NET prefers 256-bit vectors). A deliberate change of an estimator regenerates the file with
/// <c>INFOTHEORY_UPDATE_GOLDEN=1 dotnet test --filter GoldenOutputTests</c> and explains itself in the commit. New fields
/// may appear; recorded ones may not disappear or change.
/// </summary>
public sealed class GoldenOutputTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Names => new(Invocations.Keys);

    private static readonly Dictionary<string, string[]> Invocations = new()
    {
        ["entropy renyi"] = ["entropy", "--x", "{reference-data-x.csv}"],
        ["entropy renyi alpha=2"] = ["entropy", "--x", "{reference-data-x.csv}", "--alpha", "2"],
        ["entropy renyi median alpha=0.5"] = ["entropy", "--x", "{reference-data-x.csv}", "--bandwidth", "median", "--alpha", "0.5"],
        ["entropy renyi scott alpha=1"] = ["entropy", "--x", "{reference-data-x.csv}", "--bandwidth", "scott", "--gamma", "2", "--alpha", "1"],
        ["mi renyi"] = ["mi", "--x", "{reference-data-x.csv}", "--y", "{reference-data-y.csv}"],
        ["mi renyi alpha=2 sigma"] = ["mi", "--x", "{reference-data-x.csv}", "--y", "{reference-data-y.csv}", "--alpha", "2", "--sigma", "1.5"],
        ["mmi maps"] = ["mmi", "--x", "{reference-data-pid-x.csv}", "--layer", "{reference-data-pid-layer.csv}"],
        ["mmi tensor"] = ["mmi", "--x", "{reference-data-pid-x.csv}", "--layer", "{reference-data-pid-layer.csv}", "--representation", "tensor"],
        ["pid"] = ["pid", "--x", "{reference-data-pid-x.csv}", "--layer", "{reference-data-pid-layer.csv}"],
        ["pid alpha=2"] = ["pid", "--x", "{reference-data-pid-x.csv}", "--layer", "{reference-data-pid-layer.csv}", "--alpha", "2"],
        ["entropy kl"] = ["entropy", "--x", "{knn/data-e3.csv}", "--estimator", "kl"],
        ["entropy kl max"] = ["entropy", "--x", "{knn/data-e5.csv}", "--estimator", "kl", "--norm", "max", "--k", "4"],
        ["entropy wkl"] = ["entropy", "--x", "{knn/data-e5.csv}", "--estimator", "wkl", "--k", "5"],
        ["entropy kde"] = ["entropy", "--x", "{knn/data-e3.csv}", "--estimator", "kde"],
        ["entropy bin"] = ["entropy", "--x", "{knn/data-e3.csv}", "--estimator", "bin", "--bins", "8"],
        ["entropy gaussian"] = ["entropy", "--x", "{knn/data-e3.csv}", "--estimator", "gaussian"],
        ["mi ksg"] = ["mi", "--x", "{knn/data-x1.csv}", "--y", "{knn/data-y1.csv}", "--estimator", "ksg"],
        ["mi ksg2 k=5"] = ["mi", "--x", "{knn/data-x2.csv}", "--y", "{knn/data-y2.csv}", "--estimator", "ksg2", "--k", "5", "--ci", "0.9"],
        ["mi kl"] = ["mi", "--x", "{knn/data-x2.csv}", "--y", "{knn/data-y2.csv}", "--estimator", "kl"],
        ["mi kde loo"] = ["mi", "--x", "{knn/data-x1.csv}", "--y", "{knn/data-y1.csv}", "--estimator", "kde", "--leave-one-out"],
        ["mi bin"] = ["mi", "--x", "{knn/data-x2.csv}", "--y", "{knn/data-y2.csv}", "--estimator", "bin"],
        ["mi gaussian"] = ["mi", "--x", "{knn/data-x2.csv}", "--y", "{knn/data-y2.csv}", "--estimator", "gaussian"],
        ["mi compressed pca"] = ["mi", "--x", "{knn/data-x2.csv}", "--y", "{knn/data-y2.csv}", "--estimator", "compressed", "--components", "1", "--inner", "ksg"],
        ["kl-divergence"] = ["kl-divergence", "--p", "{knn/data-p.csv}", "--q", "{knn/data-q.csv}"],
        ["kl-divergence k=3 max"] = ["kl-divergence", "--p", "{knn/data-p.csv}", "--q", "{knn/data-q.csv}", "--k", "3", "--norm", "max"],
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void TheToolsNumbersOnTheReferenceDataAreUnchanged(string name)
    {
        var golden = Golden();
        var actual = Invoke(name);
        if (Environment.GetEnvironmentVariable("INFOTHEORY_UPDATE_GOLDEN") == "1")
        {
            return; // the writer test below records everything
        }

        Assert.True(golden.ContainsKey(name), $"'{name}' has no recorded output: regenerate cli-golden.json");
        Same(name, golden[name]!.AsObject(), actual);
    }

    [Fact]
    public void UpdateWhenAsked()
    {
        if (Environment.GetEnvironmentVariable("INFOTHEORY_UPDATE_GOLDEN") != "1")
        {
            return;
        }

        var all = new JsonObject();
        foreach (var name in Invocations.Keys)
        {
            all[name] = Invoke(name);
        }

        File.WriteAllText(SourcePath(), all.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static JsonObject Invoke(string name)
    {
        var args = Invocations[name].Select(a => a.StartsWith('{') ? TestData.ReferencePath(a[1..^1]) : a)
            .Concat(["--json", "--unit", "nats"]).ToArray();
        var (code, output, error) = Run(args);
        Assert.True(code == 0, $"{name}: exit {code}: {error}");
        return JsonNode.Parse(output)!.AsObject();
    }

    // Every recorded field is still there with the same value; new fields may be added.
    private static void Same(string name, JsonObject expected, JsonObject actual)
    {
        foreach (var (key, value) in expected)
        {
            Assert.True(actual.ContainsKey(key), $"{name}: the field '{key}' is gone");
            Same($"{name}.{key}", value, actual[key]);
        }
    }

    private static void Same(string where, JsonNode? expected, JsonNode? actual)
    {
        switch (expected)
        {
            case JsonArray array:
                var other = Assert.IsType<JsonArray>(actual);
                Assert.Equal(array.Count, other.Count);
                for (int i = 0; i < array.Count; i++)
                {
                    Same($"{where}[{i}]", array[i], other[i]);
                }

                break;
            case JsonObject obj:
                var o = Assert.IsType<JsonObject>(actual);
                foreach (var (key, value) in obj)
                {
                    Same($"{where}.{key}", value, o[key]);
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                double e = v.GetValue<double>(), a = actual!.GetValue<double>();
                double floor = where.EndsWith("_pct", StringComparison.Ordinal) ? 100 : 1;
                Assert.True(Math.Abs(a - e) <= Tolerance * Math.Max(floor, Math.Abs(e)), $"{where}: {a:R} instead of {e:R}");
                break;
            default:
                Assert.Equal(expected?.ToJsonString(), actual?.ToJsonString());
                break;
        }
    }

    private static JsonObject Golden() =>
        File.Exists(TestData.ReferencePath("cli-golden.json"))
            ? JsonNode.Parse(File.ReadAllText(TestData.ReferencePath("cli-golden.json")))!.AsObject()
            : new JsonObject();

    private static string SourcePath([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Reference", "cli-golden.json");
}
