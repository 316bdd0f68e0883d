using InfoTheory.TorchSharp.Tests.Data;
using InfoTheory.TorchSharp.Tests.Models;
using InfoTheory.TorchSharp.Tests.Monitoring;
using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp.Tests.LongWork;

/// <summary>
/// Progress and cancellation of the training and measuring in the TorchSharp package: each reports its stage from 0 to
/// its total, a token cancelled up front stops it before any work, one cancelled from a report stops it at that report
/// (no later step, epoch or layer), and afterwards the model, the monitor and torch are as usable as before. Deterministic:
/// seeded data, one torch thread, nothing timed.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TorchCancellationTests
{
    // One torch thread for the whole assembly: TestData's module initializer.
    private static readonly SyntheticSample Pairs = GaussianTask.OneVsOne(0.75).Sample(400, 1);

    public static TheoryData<string> NeuralEstimators => ["mine", "infonce"];

    private static InformationEstimate Estimate(string name, IProgress<EstimationProgress>? progress = null, CancellationToken token = default) =>
        name == "mine"
            ? new MineEstimator(new MineOptions { Steps = 120, Seed = 3 }).Estimate(Pairs.X, Pairs.Y, progress, token)
            : new InfoNceEstimator(new InfoNceOptions { Steps = 120, BatchSize = 32, Seed = 3 }).Estimate(Pairs.X, Pairs.Y, progress, token);

    [Theory]
    [MemberData(nameof(NeuralEstimators))]
    public void NeuralEstimator_ReportsEveryStep_AndTrackingChangesNothing(string name)
    {
        var progress = new Reports();
        var tracked = Estimate(name, progress);
        progress.AssertComplete("steps", 120);
        Assert.Equal(Estimate(name).Value.Nats, tracked.Value.Nats);
    }

    [Theory]
    [MemberData(nameof(NeuralEstimators))]
    public void NeuralEstimator_Cancelled_StopsAtTheCancellingStep_AndTheNextRunIsUnchanged(string name)
    {
        double before = Estimate(name).Value.Nats;
        using (var source = new CancellationTokenSource())
        {
            source.Cancel();
            var e = Assert.ThrowsAny<OperationCanceledException>(() => Estimate(name, token: source.Token));
            Assert.Equal(source.Token, e.CancellationToken);
        }

        using (var source = new CancellationTokenSource())
        {
            var progress = new Reports(p => p.Completed >= 30, source);
            Assert.ThrowsAny<OperationCanceledException>(() => Estimate(name, progress, source.Token));
            progress.AssertStoppedAtTheCancellingReport();
        }

        // Through the interface (as the bootstrap and the accuracy suite call it).
        using (var source = new CancellationTokenSource())
        {
            source.Cancel();
            IMutualInformationEstimator estimator = name == "mine" ? new MineEstimator() : new InfoNceEstimator();
            Assert.ThrowsAny<OperationCanceledException>(() => estimator.Estimate(Pairs.X, Pairs.Y, source.Token));
        }

        Assert.Equal(before, Estimate(name).Value.Nats);
    }

    [Fact]
    public void AutoencoderCompressor_ReportsEpochs_AndACancelledFitLeavesTheNextFitUnchanged()
    {
        var samples = TestSamples(200, 6, seed: 4);
        var compressor = new AutoencoderCompressor(new AutoencoderCompressorOptions { CodeSize = 2, Epochs = 5, HiddenSizes = [8], Seed = 2 });
        var progress = new Reports();
        double tracked;
        using (var fitted = compressor.Fit(samples, progress))
        {
            tracked = fitted.ReconstructionError;
        }

        progress.AssertComplete("epochs", 5);

        using (var source = new CancellationTokenSource())
        {
            var cancelling = new Reports(p => p.Completed >= 2, source);
            Assert.ThrowsAny<OperationCanceledException>(() => compressor.Fit(samples, cancelling, source.Token));
            cancelling.AssertStoppedAtTheCancellingReport();
            Assert.ThrowsAny<OperationCanceledException>(() => ((ICompressor)compressor).Fit(samples, source.Token));
        }

        using var again = compressor.Fit(samples);
        Assert.Equal(tracked, again.ReconstructionError);
    }

    [Fact]
    public void Trainer_Cancelled_StopsBeforeTheNextBatch_AndTheModelTrainsOn()
    {
        using var model = new Autoencoder(50, seed: 1);
        var data = TestData.First(96);
        using var source = new CancellationTokenSource();
        int steps = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => Trainer.Train(model, data, epochs: 3, batchSize: 32, learningRate: 1e-3, seed: 1,
            onIteration: i =>
            {
                steps = i + 1;
                if (i == 1)
                {
                    source.Cancel();
                }
            },
            cancellationToken: source.Token));
        Assert.Equal(2, steps);

        var losses = Trainer.Train(model, data, epochs: 1, batchSize: 32, learningRate: 1e-3, seed: 2);
        Assert.True(double.IsFinite(losses[0]));
    }

    [Fact]
    public void Measure_ReportsLayers_AndACancelledMeasurementLeavesTheModelAsItWas()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder(seed: 5);
        var probe = Probe(40, 8, seed: 6);
        var progress = new Reports();
        var measured = InformationPlane.Measure(model, probe, null, TestModels.DenseLayers, progress: progress);
        progress.AssertComplete("layers", TestModels.DenseLayers.Length);

        using var source = new CancellationTokenSource();
        var cancelling = new Reports(p => p.Completed >= 1, source);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            InformationPlane.Measure(model, probe, null, TestModels.DenseLayers, progress: cancelling, cancellationToken: source.Token));
        cancelling.AssertStoppedAtTheCancellingReport();
        Assert.True(model.training);
        Assert.Equal(0, TestModels.TotalForwardHooks(model));

        var again = InformationPlane.Measure(model, probe, null, TestModels.DenseLayers);
        Assert.Equal(measured.Select(m => m.InputInformation.Value.Nats), again.Select(m => m.InputInformation.Value.Nats));
        Assert.Equal(measured.Select(m => m.TargetInformation.Value.Nats), again.Select(m => m.TargetInformation.Value.Nats));
    }

    [Fact]
    public void Monitor_CancelledMeasurement_AppendsNothing_AndMonitoringGoesOn()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.ConvClassifier(seed: 7);
        var probe = Probe(30, 64, seed: 8).reshape(30, 1, 8, 8);
        var labels = torch.tensor(Enumerable.Range(0, 30).Select(i => (long)(i % 10)).ToArray());
        using var monitor = new InformationMonitor(model, probe, labels, Schedule.Epochs(1), TestModels.ConvLayers);

        using (var source = new CancellationTokenSource())
        {
            source.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => monitor.EpochEnd(0, cancellationToken: source.Token));
        }

        using (var source = new CancellationTokenSource())
        {
            var cancelling = new Reports(p => p.Completed >= 1, source);
            Assert.ThrowsAny<OperationCanceledException>(() => monitor.MeasureNow(0, 0, progress: cancelling, cancellationToken: source.Token));
            cancelling.AssertStoppedAtTheCancellingReport();
        }

        Assert.Equal(0, monitor.MeasurementCount);
        Assert.Empty(monitor.Series.Records);
        Assert.Null(monitor.Last);
        Assert.True(model.training);

        Assert.True(monitor.EpochEnd(0));
        Assert.Equal(1, monitor.MeasurementCount);
        Assert.Equal(TestModels.ConvLayers, monitor.Series.Records.Select(r => r.Layer));
    }

    private static Samples TestSamples(int n, int d, int seed)
    {
        var random = new Random(seed);
        return new Samples(Enumerable.Range(0, n * d).Select(_ => random.NextDouble()).ToArray(), d);
    }

    private static Tensor Probe(int n, int d, int seed)
    {
        var random = new Random(seed);
        return torch.tensor(Enumerable.Range(0, n * d).Select(_ => (float)random.NextDouble()).ToArray(), [n, d]);
    }

    /// <summary>A synchronous progress sink that keeps the reports and can cancel a source at the first one matching a condition.</summary>
    private sealed class Reports(Func<EstimationProgress, bool>? cancelAt = null, CancellationTokenSource? source = null) : IProgress<EstimationProgress>
    {
        private readonly List<EstimationProgress> _reports = [];

        public void Report(EstimationProgress value)
        {
            _reports.Add(value);
            if (cancelAt?.Invoke(value) == true)
            {
                source!.Cancel();
            }
        }

        /// <summary>One stage, from 0 to its total in increasing steps, at most 102 reports.</summary>
        public void AssertComplete(string stage, long total)
        {
            Assert.All(_reports, r => Assert.Equal((stage, total), (r.Stage, r.Total)));
            Assert.Equal(0, _reports[0].Completed);
            Assert.Equal(total, _reports[^1].Completed);
            Assert.All(_reports.Zip(_reports.Skip(1)), p => Assert.True(p.Second.Completed > p.First.Completed));
            Assert.InRange(_reports.Count, 2, 102);
        }

        /// <summary>The first report that asked to cancel is the last one, before the stage's end.</summary>
        public void AssertStoppedAtTheCancellingReport()
        {
            Assert.Equal(_reports.Count - 1, _reports.FindIndex(r => cancelAt!(r)));
            Assert.True(_reports[^1].Completed < _reports[^1].Total, $"{_reports[^1]}: finished although cancelled");
        }
    }
}
