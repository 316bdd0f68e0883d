using static TorchSharp.torch;

namespace InfoTheory.TorchSharp.Tests.Monitoring;

public class InformationMonitorTests
{
    private static readonly InformationPlaneOptions Fast = new() { Renyi = new MatrixRenyiOptions { Alpha = 2 } };

    [Fact]
    public void EveryIterationsMeasuresExactlyWhenDueAndNothingIsHookedBetween()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder();
        var x = rand(new long[] { 24, 8 });
        using var monitor = new InformationMonitor(model, x, null, Schedule.EveryIterations(3), TestModels.DenseLayers, Fast);
        var optimizer = optim.SGD(model.parameters(), 0.5);
        var measuredAt = new List<int>();
        for (int iteration = 0; iteration < 10; iteration++)
        {
            optimizer.zero_grad();
            var loss = (model.call(x) - x).square().mean();
            loss.backward();
            optimizer.step();
            Assert.Equal(0, TestModels.TotalForwardHooks(model));
            if (monitor.Step(epoch: iteration / 5, iteration, loss.item<float>()))
            {
                measuredAt.Add(iteration);
            }

            Assert.False(monitor.EpochEnd(iteration / 5));
        }

        Assert.Equal(new[] { 0, 3, 6, 9 }, measuredAt);
        Assert.Equal(4, monitor.MeasurementCount);
        Assert.Equal(16, monitor.Series.Records.Count);
        Assert.Equal(new[] { 0, 3, 6, 9 }, monitor.Series.Steps().Select(s => s[0].Iteration));
        Assert.All(monitor.Series.Steps(), s => Assert.Equal(TestModels.DenseLayers, s.Select(r => r.Layer)));
        Assert.All(monitor.Series.Records, r => Assert.NotNull(r.Loss));
        Assert.Equal(TargetKind.Reconstruction, monitor.Series.Target);
        Assert.True(model.training);
    }

    [Fact]
    public void EpochScheduleMeasuresOnlyAtEpochEnds()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.ConvClassifier();
        var x = rand(new long[] { 20, 1, 8, 8 });
        var labels = randint(0, 10, new long[] { 20 });
        using var monitor = new InformationMonitor(model, x, labels, Schedule.Epochs(2), ["conv1", "out"], Fast);
        int iteration = 0;
        for (int epoch = 1; epoch <= 4; epoch++)
        {
            for (int i = 0; i < 3; i++, iteration++)
            {
                Assert.False(monitor.Step(epoch, iteration));
            }

            Assert.Equal(epoch % 2 == 0, monitor.EpochEnd(epoch, loss: epoch));
        }

        Assert.Equal(2, monitor.MeasurementCount);
        Assert.Equal(new[] { 2, 2, 4, 4 }, monitor.Series.Records.Select(r => r.Epoch));
        Assert.Equal(new[] { 5, 5, 11, 11 }, monitor.Series.Records.Select(r => r.Iteration));
        Assert.Equal(TargetKind.Labels, monitor.Series.Target);
        Assert.NotNull(monitor.Series.Records[0].Mmi);
    }

    [Fact]
    public void MonitorRecordsEqualADirectMeasurement()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder();
        var x = rand(new long[] { 30, 8 });
        using var monitor = new InformationMonitor(model, x, null, Schedule.Manual, null, Fast);
        monitor.MeasureNow(0, 0);
        var direct = InformationPlane.Measure(model, x, null, null, Fast);
        Assert.Equal(direct.Select(m => m.ToRecord(0, 0)), monitor.Series.Records);
        Assert.Equal(8, monitor.Layers.Count);
    }

    [Fact]
    public void ScheduleArithmetic()
    {
        var s = Schedule.EveryIterations(4);
        Assert.Equal(new[] { 0, 4, 8 }, Enumerable.Range(0, 10).Where(s.IsDueAtIteration));
        Assert.False(s.IsDueAtEpochEnd(1));
        var e = Schedule.Epochs();
        Assert.All(Enumerable.Range(0, 5), i => Assert.True(e.IsDueAtEpochEnd(i)));
        Assert.False(e.IsDueAtIteration(0));
        Assert.False(Schedule.Manual.IsDueAtIteration(0));
        Assert.True(s.AndEpochs(2).IsDueAtEpochEnd(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.EveryIterations(0));
    }
}

public class MonitorEndToEndTests
{
    [Fact]
    public void TrainingRunWithErrorChainSavesLoadsAndPlots()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder();
        manual_seed(21);
        var x = rand(new long[] { 32, 8 });
        var options = new InformationPlaneOptions
        {
            Renyi = new MatrixRenyiOptions { Alpha = 2 },
            ErrorRenyi = new MatrixRenyiOptions { Alpha = 2, Bandwidth = Bandwidth.Silverman(0.1) },
            ErrorChain = true,
        };
        using var monitor = new InformationMonitor(model, x, null, Schedule.Epochs(1), TestModels.DenseLayers, options);
        var optimizer = optim.Adam(model.parameters(), 0.05);
        var losses = new List<double>();
        int iteration = 0;
        for (int epoch = 0; epoch < 3; epoch++)
        {
            double loss = 0;
            for (int i = 0; i < 4; i++, iteration++)
            {
                optimizer.zero_grad();
                var l = (model.call(x) - x).square().mean();
                l.backward();
                optimizer.step();
                loss = l.item<float>();
                monitor.Step(epoch, iteration, loss);
            }

            losses.Add(loss);
            Assert.True(monitor.EpochEnd(epoch, loss));
        }

        Assert.Equal(12, monitor.Series.Records.Count);
        foreach (var step in monitor.Series.Steps())
        {
            // I(δ_K; δ_k) ≤ H(δ_K) = I(δ_K; δ_K): the last layer bounds the chain (guaranteed by the estimator).
            double top = step[^1].ErrorInformation!.Value;
            Assert.All(step, r => Assert.True(r.ErrorInformation <= top + 1e-9));
            _ = DataProcessingCheck.Backward(step, TestModels.DenseLayers);
            _ = DataProcessingCheck.Forward(step, TestModels.DenseLayers);
        }

        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "infotheory-monitor-tests")).FullName;
        var csv = Path.Combine(folder, "run.csv");
        monitor.Save(csv);
        var loaded = InformationSeries.Load(csv);
        Assert.Equal(monitor.Series.Records, loaded.Records);
        InformationPlot.SaveInformationPlane(loaded, Path.Combine(folder, "plane.png"));
        InformationPlot.SaveTrainingCurve(losses, Path.Combine(folder, "loss.png"));
        Assert.True(new FileInfo(Path.Combine(folder, "plane.png")).Length > 1000);
    }
}
