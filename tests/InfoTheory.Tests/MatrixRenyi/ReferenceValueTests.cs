using System.Text.Json;

namespace InfoTheory.Tests.MatrixRenyi;

/// <summary>
/// Values from an independent NumPy implementation of the papers' formulas (Reference/make_reference.py, run with
/// Debian 12's python3-numpy 1.24.2 / LAPACK eigvalsh; inputs stored beside it at full precision).
/// </summary>
public class ReferenceValueTests
{
    private static readonly JsonElement Cases = JsonDocument.Parse(File.ReadAllText(TestData.ReferencePath("reference-values.json"))).RootElement.GetProperty("cases");

    private static Samples Load(string file)
    {
        var (values, _, columns) = TestData.ReadCsv(file);
        return new Samples(values, columns);
    }

    public static TheoryData<int> PairCases() => [.. Enumerable.Range(0, Cases.EnumerateArray().Count(c => c.GetProperty("kind").GetString() == "pair"))];

    [Theory]
    [MemberData(nameof(PairCases))]
    public void EntropiesAndMutualInformationMatchNumPy(int index)
    {
        var c = Cases.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "pair").ElementAt(index);
        var x = Load("reference-data-x.csv");
        var y = Load("reference-data-y.csv");
        double param = c.GetProperty("param").GetDouble();
        var options = new MatrixRenyiOptions
        {
            Alpha = c.GetProperty("alpha").GetDouble(),
            Bandwidth = c.GetProperty("rule").GetString() switch
            {
                "silverman" => Bandwidth.Silverman(param),
                "scott" => Bandwidth.Scott(param),
                _ => Bandwidth.Fixed(param),
            },
        };

        // Both implementations round; for α < 1 round-off eigenvalues weigh in as λ^α (see PropertyTests.RoundOff).
        int digits = options.Alpha >= 1 ? 9 : (int)Math.Floor(-Math.Log10(PropertyTests.RoundOff(options.Alpha, x.Count)));
        var hx = Entropy.MatrixRenyi(x, options);
        var mi = MutualInformation.MatrixRenyi(x, y, options);
        Assert.Equal(c.GetProperty("sigma_x").GetDouble(), hx.DiagnosticsAs<RenyiDiagnostics>().Widths[0], 12);
        Assert.Equal(c.GetProperty("sigma_y").GetDouble(), mi.DiagnosticsAs<RenyiDiagnostics>().Widths[1], 12);
        Assert.Equal(c.GetProperty("h_x").GetDouble(), hx.Value.Nats, digits);
        Assert.Equal(c.GetProperty("h_y").GetDouble(), Entropy.MatrixRenyi(y, options).Value.Nats, digits);
        Assert.Equal(c.GetProperty("h_xy").GetDouble(), Entropy.MatrixRenyiJoint([x, y], options).Value.Nats, digits);
        Assert.Equal(c.GetProperty("mi").GetDouble(), mi.Value.Nats, digits);
    }

    [Theory]
    [InlineData(1.01)]
    [InlineData(2.0)]
    public void PidAndMmiMatchNumPy(double alpha)
    {
        var c = Cases.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "pid" && e.GetProperty("alpha").GetDouble() == alpha);
        var x = Load("reference-data-pid-x.csv");
        var (values, rows, _) = TestData.ReadCsv("reference-data-pid-layer.csv");
        var layer = new FeatureMaps(values, rows, 4, 3, 3);
        var renyi = new MatrixRenyiOptions { Alpha = alpha };

        var pid = PartialInformation.Proxies(x, layer, new PidOptions { Renyi = renyi });
        Assert.Equal(c.GetProperty("mmi").GetDouble(), pid.Mmi.Value.Nats, 9);
        Assert.Equal(c.GetProperty("rst").GetDouble(), pid.Rst.Nats, 9);
        Assert.Equal(c.GetProperty("wnri").GetDouble(), pid.Wnri.Nats, 9);
        Assert.Equal(c.GetProperty("rst_pct").GetDouble(), pid.RstPercent!.Value, 7);
        Assert.Equal(c.GetProperty("wnri_pct").GetDouble(), pid.WnriPercent!.Value, 7);
        var expectedMaps = c.GetProperty("map_information").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(expectedMaps.Length, pid.MapInformation.Count);
        for (int p = 0; p < expectedMaps.Length; p++)
        {
            Assert.Equal(expectedMaps[p], pid.MapInformation[p].Nats, 9);
        }

        foreach (var (expected, actual) in c.GetProperty("pairs").EnumerateArray().Zip(pid.Pairs))
        {
            Assert.Equal(expected.GetProperty("i").GetInt32(), actual.First);
            Assert.Equal(expected.GetProperty("j").GetInt32(), actual.Second);
            Assert.Equal(expected.GetProperty("i_x_tij").GetDouble(), actual.JointInformation.Nats, 9);
        }

        Assert.Equal(c.GetProperty("mmi").GetDouble(), MutualInformation.MatrixRenyiMultivariate(x, layer, renyi).Value.Nats, 9);
        Assert.Equal(c.GetProperty("mmi_tensor").GetDouble(),
            MutualInformation.MatrixRenyiMultivariate(x, layer, renyi, LayerRepresentation.WholeTensor).Value.Nats, 9);
    }
}
