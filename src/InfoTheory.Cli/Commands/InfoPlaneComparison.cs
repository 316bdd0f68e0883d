using System.Diagnostics;
using System.Globalization;
using InfoTheory.TorchSharp;
using TorchSharp;

namespace InfoTheory.Cli.Commands;

/// <summary>
/// <c>infotheory infoplane --estimator renyi,ksg,kde</c>: one training run, measured before training and after every epoch
/// with each listed estimator on the same activations (<see cref="MultiEstimatorMonitor"/>: one forward pass per
/// measurement). Writes infoplane-NAME.csv per estimator (the single-estimator format), infoplane-estimators.png (one
/// panel per estimator, each in its own bits), agreement.csv (Spearman ρ per layer and pair of estimators, also printed)
/// and loss.png.
/// </summary>
internal static class InfoPlaneComparison
{
    /// <summary>Runs the comparison; the list was checked by <see cref="EstimatorList.Parse"/>.</summary>
    public static void Run(ParsedArguments args, CommandContext context, string modelName, IReadOnlyList<string> estimators)
    {
        var stdout = context.Stdout;
        int epochs = args.GetInt("epochs", 1) ?? 20;
        int probe = args.GetInt("probe", 10) ?? 500;
        int batch = args.GetInt("batch", 1) ?? 64;
        int seed = args.GetInt("seed") ?? 1;
        int trainCount = args.GetInt("train", 100) ?? 8000;
        double lr = args.GetPositive("lr", "Adam's usual rate is 0.001.") ?? 1e-3;
        double alpha = args.GetPositive("alpha", "the papers use 1.01.") ?? MatrixRenyiOptions.DefaultAlpha;
        var bandwidth = estimators.Contains(ClassicalEstimators.Renyi) ? InfoPlaneCommand.BandwidthFor(modelName, args) : Bandwidth.Default;
        var renyi = InfoPlaneCommand.RenyiFor(args, alpha, bandwidth);
        string outDir = args.Get("out") ?? Path.Combine("out", "infoplane");

        var (train, test) = InfoPlaneCommand.LoadData(args.Get("data"), trainCount);
        if (test.Count < probe)
        {
            throw new ArgumentException($"--probe {probe} is more than the {test.Count} held-out images; use a smaller probe.", "probe");
        }

        Directory.CreateDirectory(outDir);
        torch.set_num_threads(Math.Max(1, Environment.ProcessorCount));
        TorchRuntime.AvoidKnownFaults(); // oneDNN convolutions return NaN on some CPUs (TorchRuntime)
        using var model = InfoPlaneCommand.CreateModel(modelName, seed);
        var probeSet = test.Slice(0, probe);
        using var probeX = model.InputLayout == InputLayout.Image ? probeSet.ToImageTensor() : probeSet.ToTensor();
        using var probeY = probeSet.LabelsTensor();
        var quiet = new CommandContext(TextWriter.Null, null, context.Cancellation);
        var named = estimators.Select(name => KeyValuePair.Create(name, OptionsFor(name, renyi, seed, args, quiet))).ToList();

        stdout.WriteLine($"infoplane: {modelName} on {train.Count} training digits ({(args.Get("data") is null ? "embedded MNIST-10k" : args.Get("data"))}), "
            + $"probe {probe} held-out digits, {epochs} epochs, estimators {string.Join(", ", estimators.Select(n => Describe(n, renyi, args)))}");
        using var monitor = new MultiEstimatorMonitor(model, probeX, named, modelName == "cnn" ? probeY : null, Schedule.Epochs(1), model.LayerNames);
        var clock = Stopwatch.StartNew();
        // The renyi series' layers of each measurement, for the approximate method's summary at the end.
        var measurements = new List<(int Epoch, IReadOnlyList<LayerMeasurement> Layers)>();
        void Measure(int epoch, int iteration, double? loss)
        {
            var all = monitor.MeasureNow(epoch, iteration, loss, cancellationToken: context.Cancellation);
            if (all.TryGetValue(ClassicalEstimators.Renyi, out var layers))
            {
                measurements.Add((epoch, layers));
            }
        }

        Measure(0, 0, null);
        var progress = new InfoPlaneCommand.ProgressBar(stdout, epochs * ((train.Count + batch - 1) / batch));
        IReadOnlyList<double> losses;
        try
        {
            losses = Trainer.Train(model, train, epochs, batch, lr, seed,
                onEpoch: (epoch, loss) =>
                {
                    Measure(epoch + 1, progress.Done, loss);
                    progress.Note($"epoch {epoch + 1}/{epochs} loss {loss:G4}");
                },
                onIteration: _ => progress.Advance(),
                cancellationToken: context.Cancellation);
        }
        finally
        {
            progress.Finish();
        }

        var written = new List<string>();
        foreach (var name in estimators)
        {
            string csv = Path.Combine(outDir, $"infoplane-{name}.csv");
            monitor.Series[name].Save(csv);
            written.Add(csv);
        }

        string planes = Path.Combine(outDir, "infoplane-estimators.png");
        EstimatorComparisonPlot.Save(estimators.Select(n => KeyValuePair.Create(n, monitor.Series[n])), planes,
            new InformationPlaneStyle { Title = modelName, Width = 640, Height = 480 });
        string lossPng = Path.Combine(outDir, "loss.png");
        InformationPlot.SaveTrainingCurve(losses, lossPng, title: $"Training loss: {modelName}");

        var agreement = monitor.Agreement();
        string agreementCsv = Path.Combine(outDir, "agreement.csv");
        EstimatorAgreement.Save(agreement, agreementCsv);
        string target = modelName == "cnn" ? "I(T;Y)" : "I(T;X')";
        stdout.WriteLine($"  agreement over {monitor.MeasurementCount} measurements (Spearman rho of the trajectories; 1 = same order of steps, -1 = reversed):");
        stdout.WriteLine($"  {"layer",-6} {"estimators",-16} {"I(X;T)",7} {target,8}");
        foreach (var row in agreement)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {row.Layer,-6} {row.First + " ~ " + row.Second,-16} {Rho(row.InputInformation),7} {Rho(row.TargetInformation),8}"));
        }

        if (agreement.Any(r => double.IsNaN(r.InputInformation) || double.IsNaN(r.TargetInformation)))
        {
            stdout.WriteLine("  n/a: one of the two trajectories is constant (e.g. an estimator saturated at log2 N or stuck at 0 in high dimension), so it has no order to compare");
        }

        if (estimators.Contains(ClassicalEstimators.Renyi))
        {
            ApproximationSummary.Write(measurements, renyi, target, stdout);
            WidthWarnings.Write(monitor.Series[ClassicalEstimators.Renyi], renyi, stdout);
        }

        stdout.WriteLine($"wrote {planes}, {lossPng}, {agreementCsv}, {string.Join(", ", written)} in {clock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>
    /// The plane's settings for one estimator. The PID proxies are left out: they are matrix Rényi whatever the estimator,
    /// so they would be the same in every series (run one --estimator renyi for them).
    /// </summary>
    private static InformationPlaneOptions OptionsFor(string name, MatrixRenyiOptions renyi, int seed, ParsedArguments args, CommandContext quiet)
    {
        var options = new InformationPlaneOptions { Renyi = renyi, ComputePid = false, Seed = seed };
        if (name == ClassicalEstimators.Renyi)
        {
            return options;
        }

        var classical = ClassicalEstimators.All.First(e => e.Name == name);
        // ksg and ksg2 estimate no entropy: H(T) comes from kl then, as in the single-estimator path.
        var entropy = classical.Entropy is null ? ClassicalEstimators.All.First(e => e.Name == "kl") : classical;
        return options with { EntropyEstimator = entropy.BindEntropy(args, quiet), MutualInformationEstimator = classical.BindMutualInformation(args, quiet) };
    }

    /// <summary>An estimator's name with the settings it runs with, e.g. <c>ksg (k=3, norm=max)</c>.</summary>
    private static string Describe(string name, MatrixRenyiOptions renyi, ParsedArguments args)
    {
        var settings = name == ClassicalEstimators.Renyi
            ? [new("alpha", renyi.Alpha.ToString(CultureInfo.InvariantCulture)), new("width", renyi.Bandwidth),
                .. renyi.Method == MatrixRenyiMethod.Exact ? Array.Empty<KeyValuePair<string, object>>() : [new("method", MethodOption.ValueOf(renyi.Method))]]
            : ClassicalEstimators.All.First(e => e.Name == name).Settings(args);
        return settings.Count == 0 ? name
            : $"{name} ({string.Join(", ", settings.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}={s.Value}")))})";
    }

    private static string Rho(double rho) => double.IsNaN(rho) ? "n/a" : rho.ToString("F3", CultureInfo.InvariantCulture);
}
