namespace InfoTheory.Tests.MatrixRenyi;

public class EstimatorBehaviourTests
{
    [Fact]
    public void WidthsAreReportedForEveryVariable()
    {
        var x = TestData.Gaussian(50, 3, 1);
        var y = TestData.Gaussian(50, 2, 2);
        var mi = MutualInformation.MatrixRenyi(x, y, 1.01, Bandwidth.Silverman(5));
        Assert.Equal([5 * Math.Pow(50, -1.0 / 7), 5 * Math.Pow(50, -1.0 / 6)], mi.DiagnosticsAs<RenyiDiagnostics>().Widths);
        Assert.Equal(1.01, mi.DiagnosticsAs<RenyiDiagnostics>().Alpha);
    }

    [Fact]
    public void DependentVariablesShareMoreThanIndependentOnes()
    {
        var x = TestData.Gaussian(200, 2, 1);
        var dependent = TestData.Dependent(x, 2, 2, noise: 0.05);
        var independent = TestData.Gaussian(200, 2, 3);
        var o = new MatrixRenyiOptions { Alpha = 1.01 };
        Assert.True(MutualInformation.MatrixRenyi(x, dependent, o).Value > 2 * MutualInformation.MatrixRenyi(x, independent, o).Value);
    }

    [Fact]
    public void ConditionalEntropyIsJointMinusCondition()
    {
        var x = TestData.Gaussian(40, 2, 1);
        var y = TestData.Dependent(x, 1, 2);
        var o = new MatrixRenyiOptions { Alpha = 1.5 };
        double expected = Entropy.MatrixRenyiJoint([x, y], o).Value.Nats - Entropy.MatrixRenyi(y, o).Value.Nats;
        Assert.Equal(expected, Entropy.MatrixRenyiConditional(x, y, o).Value.Nats, 12);
    }

    [Fact]
    public void TotalCorrelationOfTwoIsMutualInformation()
    {
        var x = TestData.Gaussian(40, 2, 1);
        var y = TestData.Dependent(x, 2, 2);
        var o = new MatrixRenyiOptions { Alpha = 2 };
        Assert.Equal(MutualInformation.MatrixRenyi(x, y, o).Value.Nats, MutualInformation.TotalCorrelation([x, y], o).Value.Nats, 12);
        var z = TestData.Dependent(y, 1, 3);
        Assert.True(MutualInformation.TotalCorrelation([x, y, z], o).Value >= MutualInformation.TotalCorrelation([x, y], o).Value);
    }

    [Fact]
    public void FloatAndDoubleInputsAgree()
    {
        var x = TestData.Gaussian(30, 3, 9);
        var asFloat = new Samples(x.ToArray().Select(v => (float)v).ToArray(), 3);
        var widened = new Samples(asFloat.ToArray(), 3);
        Assert.Equal(Entropy.MatrixRenyi(widened).Value.Nats, Entropy.MatrixRenyi(asFloat).Value.Nats, 14);
    }

    [Fact]
    public void ParallelAndSerialAgree()
    {
        var x = TestData.Gaussian(300, 4, 9);
        var y = TestData.Dependent(x, 2, 10);
        foreach (double alpha in new[] { 2.0, 1.01 })
        {
            var serial = new MatrixRenyiOptions { Alpha = alpha, Parallel = false };
            var parallel = serial with { Parallel = true };
            Assert.Equal(MutualInformation.MatrixRenyi(x, y, serial).Value.Nats, MutualInformation.MatrixRenyi(x, y, parallel).Value.Nats, 10);
        }
    }

    [Fact]
    public void ManyMapsSaturateAndAreFlagged()
    {
        var x = TestData.Gaussian(30, 3, 1);
        var layer = TestData.Layer(x, 24, 16, 2);
        // Each map's kernel values are moderate (median rule), but the product of 24 of them is nearly diag(1/N).
        var narrow = new MatrixRenyiOptions { Alpha = 2, Bandwidth = Bandwidth.Median(0.5) };
        Assert.True(MutualInformation.MatrixRenyiMultivariate(x, layer, narrow).DiagnosticsAs<RenyiDiagnostics>().Saturated);
        Assert.False(MutualInformation.MatrixRenyiMultivariate(x, layer, narrow, LayerRepresentation.WholeTensor).DiagnosticsAs<RenyiDiagnostics>().Saturated);
    }

    [Fact]
    public void PairSampleIsSeededAndDistinct()
    {
        var x = TestData.Gaussian(20, 2, 1);
        var layer = TestData.Layer(x, 8, 2, 2);
        var options = new PidOptions { Pairs = 5, Seed = 42, Renyi = new() { Alpha = 2 } };
        var a = PartialInformation.Proxies(x, layer, options);
        var b = PartialInformation.Proxies(x, layer, options);
        Assert.Equal(5, a.Pairs.Count);
        Assert.Equal(a.Pairs.Select(p => (p.First, p.Second)), b.Pairs.Select(p => (p.First, p.Second)));
        Assert.Equal(5, a.Pairs.Select(p => (p.First, p.Second)).Distinct().Count());
        Assert.All(a.Pairs, p => Assert.True(p.First < p.Second));
        var all = PartialInformation.Proxies(x, layer, options with { Pairs = null });
        Assert.Equal(28, all.Pairs.Count);
        // A sampled pair has exactly the values it has in the full table.
        foreach (var p in a.Pairs)
        {
            Assert.Equal(all.Pairs.Single(q => q.First == p.First && q.Second == p.Second), p);
        }
    }

    [Fact]
    public void HighOrdersCanGiveNegativeInformationAndItIsNotHidden()
    {
        // Rényi entropies of order α > 1 are not subadditive: here S_5(X,Y) > S_5(X) + S_5(Y) by 0.026 nats (found by
        // the property search; the same data at α = 1.01 give a positive value). The estimate reports it as it is.
        var (x, y, o) = PropertyTests.Case(-2884);
        Assert.Equal(5, o.Alpha);
        Assert.InRange(MutualInformation.MatrixRenyi(x, y, o).Value.Nats, -0.03, -0.02);
        Assert.True(MutualInformation.MatrixRenyi(x, y, o with { Alpha = 1.01 }).Value.Nats > 0);
    }

    [Fact]
    public void EstimatesConvertToInformation()
    {
        Information h = Entropy.MatrixRenyi(TestData.Gaussian(10, 1, 1));
        Assert.True(h.Nats > 0);
        IEntropyEstimator estimator = new MatrixRenyiEntropy();
        Assert.Equal(h, estimator.Estimate(TestData.Gaussian(10, 1, 1)));
    }
}
