using static TorchSharp.torch;

namespace InfoTheory.TorchSharp.Tests.Monitoring;

public class MultiEstimatorMonitorTests
{
    private static readonly InformationPlaneOptions Renyi = new() { Renyi = new MatrixRenyiOptions { Alpha = 2 } };
    private static readonly InformationPlaneOptions Ksg = new() { MutualInformationEstimator = new KsgMutualInformation(new KsgOptions { K = 3 }) };

    private static Tensor Probe()
    {
        manual_seed(7);
        return rand(new long[] { 40, 8 });
    }

    [Fact]
    public void EachEstimatorMeasuresTheSameStepsAsItsOwnMeasurementWould()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder();
        var x = Probe();
        using var monitor = new MultiEstimatorMonitor(model, x, [new("renyi", Renyi), new("ksg", Ksg)], schedule: Schedule.EveryIterations(2), layers: TestModels.DenseLayers);
        var optimizer = optim.SGD(model.parameters(), 0.5);
        for (int iteration = 0; iteration <= 6; iteration++)
        {
            optimizer.zero_grad();
            var loss = (model.call(x) - x).square().mean();
            loss.backward();
            optimizer.step();
            monitor.Step(0, iteration, loss.item<float>());
            Assert.Equal(0, TestModels.TotalForwardHooks(model));
        }

        Assert.Equal(4, monitor.MeasurementCount);
        Assert.Equal(["renyi", "ksg"], monitor.Estimators);
        Assert.All(monitor.Series.Values, s => Assert.Equal([0, 2, 4, 6], s.Steps().Select(step => step[0].Iteration)));
        Assert.All(monitor.Series.Values, s => Assert.Equal(16, s.Records.Count));
        Assert.True(model.training);

        // The last step, measured again on its own with each estimator's options: the same numbers.
        foreach (var (name, options) in monitor.Options)
        {
            var alone = InformationPlane.Measure(model, x, null, TestModels.DenseLayers, options);
            var last = monitor.Series[name].Steps()[^1];
            Assert.Equal(alone.Select(m => m.InputInformation.Value.Bits), last.Select(r => r.InputInformation));
            Assert.Equal(alone.Select(m => m.TargetInformation.Value.Bits), last.Select(r => r.TargetInformation));
        }

        // The two estimators do not give the same bits (else the comparison would compare nothing).
        Assert.NotEqual(monitor.Series["renyi"].Records[0].InputInformation, monitor.Series["ksg"].Records[0].InputInformation);

        var agreement = monitor.Agreement();
        Assert.Equal(TestModels.DenseLayers, agreement.Select(a => a.Layer));
        foreach (var row in agreement)
        {
            double[] Track(string estimator) => [.. monitor.Series[estimator].Records.Where(r => r.Layer == row.Layer).Select(r => r.InputInformation)];
            Assert.Equal(RankCorrelation.Spearman(Track("renyi"), Track("ksg")), row.InputInformation, 15);
        }
    }

    [Fact]
    public void OneForwardPassServesEveryEstimator()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder();
        int calls = 0;
        var hook = model.register_forward_pre_hook((_, input) =>
        {
            calls++;
            return input;
        });
        using var monitor = new MultiEstimatorMonitor(model, Probe(), [new("renyi", Renyi), new("ksg", Ksg), new("renyi-h1", Renyi with { Renyi = new MatrixRenyiOptions { Alpha = 1.01 } })]);
        monitor.MeasureNow(0, 0);
        hook.remove();
        Assert.Equal(1, calls);
    }

    [Fact]
    public void SampledCodeIsOneDrawForEveryEstimator()
    {
        using var scope = NewDisposeScope();
        // A VAE measured on its sampled code: every forward pass draws new noise, so only one pass for all estimators
        // gives them the same activations.
        using var vae = new VariationalAutoencoder(latentSize: 4, hiddenSizes: [16], seed: 3, evaluationCode: VariationalCode.Sample);
        manual_seed(7);
        var x = rand(new long[] { 40, 784 });
        using var monitor = new MultiEstimatorMonitor(vae, x, [new("first", Renyi), new("second", Renyi)], layers: ["z"]);
        monitor.MeasureNow(0, 0);
        Assert.Equal(monitor.Series["first"].Records[0], monitor.Series["second"].Records[0]);

        // A second pass draws another code: measuring each estimator with its own pass would not compare like with like.
        double again = InformationPlane.Measure(vae, x, null, ["z"], Renyi)[0].InputInformation.Value.Bits;
        Assert.NotEqual(monitor.Series["first"].Records[0].InputInformation, again);
    }

    [Fact]
    public void SampledCodeCurveDoesNotMoveWithPassesBesideIt()
    {
        using var scope = NewDisposeScope();
        // The VAE's eval noise is keyed on the iteration: the primary monitor's curve is the same whether or not a
        // cross-check monitor and extra passes run beside it, and both monitors see one draw at a shared iteration.
        using var vae = new VariationalAutoencoder(latentSize: 4, hiddenSizes: [16], seed: 3, evaluationCode: VariationalCode.Sample);
        manual_seed(7);
        var x = rand(new long[] { 40, 784 });
        InformationSeries Curve(bool withCrossCheck, out InformationSeries? crossCheck)
        {
            using var monitor = new InformationMonitor(vae, x, schedule: Schedule.EveryIterations(1), layers: ["z"], options: Renyi);
            using var comparison = new MultiEstimatorMonitor(vae, x, [new("renyi", Renyi), new("ksg", Ksg)], layers: ["z"]);
            for (int i = 1; i <= 4; i++)
            {
                monitor.Step(0, i);
                if (withCrossCheck)
                {
                    comparison.MeasureNow(0, i);
                    InformationPlane.Measure(vae, x, null, ["z"], Renyi);
                }
            }

            crossCheck = withCrossCheck ? comparison.Series["renyi"] : null;
            return monitor.Series;
        }

        var alone = Curve(false, out _);
        var beside = Curve(true, out var cross);
        Assert.Equal(alone.Records, beside.Records);
        Assert.Equal(beside.Records, cross!.Records);
        // Each iteration is its own draw (as in IPRL's VAE.py, a new ε per iteration): the weights do not change here,
        // so only the noise can make the measurements differ.
        Assert.Equal(4, alone.Records.Select(r => r.InputInformation).Distinct().Count());
    }

    [Fact]
    public void CancellationHalfWayAppendsToNoSeries()
    {
        using var scope = NewDisposeScope();
        using var cancel = new CancellationTokenSource();
        // The second estimator cancels the run: the first has measured by then, but its records must not be kept alone.
        var cancelling = new InformationPlaneOptions { MutualInformationEstimator = new CancellingEstimator(cancel) };
        using var monitor = new MultiEstimatorMonitor(TestModels.DenseAutoencoder(), Probe(), [new("renyi", Renyi), new("cancelling", cancelling)]);
        Assert.Throws<OperationCanceledException>(() => monitor.MeasureNow(0, 0, cancellationToken: cancel.Token));
        Assert.All(monitor.Series.Values, s => Assert.Empty(s.Records));
        Assert.Equal(0, monitor.MeasurementCount);
    }

    [Fact]
    public void OptionsThatDoNotApplyAreRefused()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder();
        var x = Probe();
        ArgumentException Refused(KeyValuePair<string, InformationPlaneOptions>[] estimators)
        {
            var e = Assert.Throws<ArgumentException>(() => new MultiEstimatorMonitor(model, x, estimators));
            Assert.Equal("estimators", e.ParamName);
            return e;
        }

        Assert.Contains("use InformationMonitor for one estimator", Refused([new("renyi", Renyi)]).Message);
        Assert.Contains("'ksg' is given 2 times", Refused([new("renyi", Renyi), new("ksg", Ksg), new("ksg", Renyi)]).Message);
        Assert.Contains("name each estimator", Refused([new("renyi", Renyi), new(" ", Ksg)]).Message);
        Assert.Contains("ErrorChain = false", Refused([new("renyi", Renyi), new("ksg", Ksg with { ErrorChain = true })]).Message);
        Assert.Contains("same Classes", Refused([new("renyi", Renyi with { Classes = 10 }), new("ksg", Ksg)]).Message);
        Assert.Equal("probeX", Assert.Throws<ArgumentException>(() => new MultiEstimatorMonitor(model, x[..1], [new("renyi", Renyi), new("ksg", Ksg)])).ParamName);
    }

    private sealed class CancellingEstimator(CancellationTokenSource source) : IMutualInformationEstimator
    {
        public InformationEstimate Estimate(Samples x, Samples y)
        {
            source.Cancel();
            source.Token.ThrowIfCancellationRequested();
            return null!;
        }
    }
}
