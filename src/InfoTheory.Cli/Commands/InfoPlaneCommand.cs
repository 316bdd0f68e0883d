using System.Diagnostics;
using System.Globalization;
using InfoTheory.TorchSharp;
using TorchSharp;

namespace InfoTheory.Cli.Commands;

/// <summary>
/// <c>infotheory infoplane</c>: the main job. Trains a model of the autoencoder zoo (or LeNet-5) on MNIST — the embedded
/// 10k subset by default, 8k to train and 2k held out — measures every named layer on a fixed probe batch from the
/// held-out digits before training and after each epoch, and writes infoplane.png, loss.png and infoplane.csv.
/// </summary>
internal static class InfoPlaneCommand
{
    private static readonly string[] Models = ["ae", "deep-ae", "sae", "tae", "vae", "lae", "cae", "inn-ae", "cnn"];

    /// <summary>The command's spec.</summary>
    public static CommandSpec Spec { get; } = new(
        "infoplane",
        "train a model on MNIST and draw its information plane",
        "Trains a TorchSharp model on MNIST (the embedded 10k digits unless --data names a folder of IDX files), measuring "
        + "H(T), I(X;T) and I(T;X') (I(T;Y) for cnn) of every layer on a fixed probe batch with the matrix-based Rényi "
        + "estimator, before training and after every epoch. Writes infoplane.png, loss.png and infoplane.csv to --out. "
        + "With --estimator A,B,... the same activations are measured with each estimator and the planes are drawn side by side.",
        [
            new("model", "NAME", $"{string.Join('|', Models)} (default deep-ae)"),
            new("epochs", "N", "training epochs (default 20)"),
            new("probe", "N", "probe batch size from the held-out digits (default 500)"),
            new("estimator", "NAMES", "renyi (default), or one of the classical estimators for H(T), I(X;T), I(T;X'): kl, wkl, ksg, ksg2 (H(T) by kl), kde, bin, gaussian; "
                + "a comma list (e.g. renyi,ksg,kde) measures the same run with each and writes infoplane-NAME.csv, infoplane-estimators.png and agreement.csv "
                + "(Spearman rho per layer and pair of estimators); an estimator's own option (--alpha, --k, ...) applies to each listed estimator that takes it"),
            new("alpha", "A", $"Rényi order (default {MatrixRenyiOptions.DefaultAlpha.ToString(CultureInfo.InvariantCulture)})"),
            new("bandwidth", "RULE", "kernel width per layer: scott (default for autoencoders, γ = 2 as Lee & Jo), silverman (default for cnn, h = 5 as Yu et al.), median"),
            new("h", "H", $"silverman: σ = H·N^(-1/(4+d)) (default {Bandwidth.DefaultH})"),
            new("gamma", "G", $"scott: σ = G·N^(-1/(4+d)) (default {Bandwidth.DefaultGamma})"),
            MethodOption.Spec with { Help = "renyi: how the entropies are computed (the PID proxies of cnn and cae too): " + MethodOption.Spec.Help },
            MethodOption.ToleranceSpec with { Help = "renyi: " + MethodOption.ToleranceSpec.Help + " (for each measure: the three entropies of an I share it)" },
            new("batch", "N", "training batch size (default 64)"),
            new("lr", "RATE", "Adam learning rate (default 0.001)"),
            new("seed", "S", "seed of initialisation, shuffling and probe (default 1)"),
            new("train", "N", "training images taken from the data (default 8000)"),
            new("out", "DIR", "output folder (default out/infoplane)"),
            new("data", "DIR", "folder with MNIST/Fashion-MNIST IDX files instead of the embedded subset"),
            new("bands", "B", "uncertainty bands: also measure H(T), I(X;T) and I(T;X') on B disjoint parts of the probe (2 <= B <= probe/10); 95 % bands in the CSV and plots, and with B >= 3 a compression test per layer (compression.csv; B >= 6 for power)"),
            new("error-chain", null, "also measure the error chain I(delta_K; delta_k) (Yu et al.: Silverman h = 0.1) and check its DPI"),
            .. ClassicalEstimators.Options.Where(o => o.Name is not ("ci" or WidthScanOption.Name)),
            DeviceOption.Spec,
        ],
        Run);

    private static void Run(ParsedArguments args, CommandContext context)
    {
        var stdout = context.Stdout;
        string modelName = args.Get("model") ?? "deep-ae";
        if (!Models.Contains(modelName))
        {
            throw new UsageException($"--model {modelName} is not one of {string.Join(", ", Models)}.");
        }

        if (EstimatorList.Parse(args) is { Count: > 1 } estimators)
        {
            InfoPlaneComparison.Run(args, context, modelName, estimators);
            return;
        }

        // The classical estimators' table decides which options apply (Rényi's alpha/bandwidth/h/gamma only with renyi).
        var classical = ClassicalEstimators.Select(args, mutualInformation: true);
        int epochs = args.GetInt("epochs", 1) ?? 20;
        int probe = args.GetInt("probe", 10) ?? 500;
        int batch = args.GetInt("batch", 1) ?? 64;
        int seed = args.GetInt("seed") ?? 1;
        int trainCount = args.GetInt("train", 100) ?? 8000;
        double lr = args.GetPositive("lr", "Adam's usual rate is 0.001.") ?? 1e-3;
        double alpha = args.GetPositive("alpha", "the papers use 1.01.") ?? MatrixRenyiOptions.DefaultAlpha;
        var bandwidth = classical is null ? BandwidthFor(modelName, args) : Bandwidth.Default;
        var renyi = RenyiFor(args, alpha, bandwidth);
        string outDir = args.Get("out") ?? Path.Combine("out", "infoplane");
        bool errorChain = args.Has("error-chain");
        int bands = args.GetInt("bands", 2) ?? 1;
        if (bands > probe / 10)
        {
            throw new UsageException($"--bands {bands} splits the probe of {probe} into parts of {probe / bands} digits; give parts of at least 10: "
                + (probe >= 20 ? $"--bands {probe / 10} or fewer, or --probe {10 * bands} or more." : $"--probe {10 * bands} or more."));
        }

        var (train, test) = LoadData(args.Get("data"), trainCount);
        if (test.Count < probe)
        {
            throw new ArgumentException($"--probe {probe} is more than the {test.Count} held-out images; use a smaller probe.", "probe");
        }

        Directory.CreateDirectory(outDir);
        torch.set_num_threads(Math.Max(1, Environment.ProcessorCount));
        TorchRuntime.AvoidKnownFaults(); // oneDNN convolutions return NaN on some CPUs (TorchRuntime)
        using var model = CreateModel(modelName, seed);
        var probeSet = test.Slice(0, probe);
        using var probeX = model.InputLayout == InputLayout.Image ? probeSet.ToImageTensor() : probeSet.ToTensor();
        using var probeY = probeSet.LabelsTensor();
        // The estimators inside the monitor's measurements: the run's cancellation, none of its output.
        var quiet = new CommandContext(TextWriter.Null, null, context.Cancellation);
        // ksg and ksg2 estimate no entropy: H(T) comes from kl then.
        var entropy = classical is null ? null : classical.Entropy is null ? ClassicalEstimators.All.First(e => e.Name == "kl") : classical;
        var options = new InformationPlaneOptions
        {
            Renyi = renyi,
            // The error chain keeps its own width (h = 0.1) and takes the run's method, so that it too needs no N×N matrix with approx.
            ErrorRenyi = InformationPlaneOptions.Default.ErrorRenyi with { Method = renyi.Method, Tolerance = renyi.Tolerance },
            // Conv layers have up to 64 maps (2,016 pairs): a seeded sample of pairs keeps a measurement to seconds.
            Pairs = 40,
            Seed = seed,
            ErrorChain = errorChain,
            ProbeBatches = bands,
            EntropyEstimator = entropy?.BindEntropy(args, quiet),
            MutualInformationEstimator = classical?.BindMutualInformation(args, quiet),
        };

        stdout.WriteLine($"infoplane: {modelName} on {train.Count} training digits ({(args.Get("data") is null ? "embedded MNIST-10k" : args.Get("data"))}), "
            + $"probe {probe} held-out digits, {epochs} epochs, "
            + (classical is null ? $"alpha={alpha.ToString(CultureInfo.InvariantCulture)}, kernel width {bandwidth}{MethodText(renyi)}" : $"estimator {classical.Name}"));
        using var monitor = new InformationMonitor(model, probeX, modelName == "cnn" ? probeY : null, Schedule.Epochs(1), model.LayerNames, options);
        var clock = Stopwatch.StartNew();
        // Each measurement's layers, for the approximate method's summary at the end.
        var measurements = new List<(int Epoch, IReadOnlyList<LayerMeasurement> Layers)> { (0, monitor.MeasureNow(0, 0, cancellationToken: context.Cancellation)) };
        var progress = new ProgressBar(stdout, epochs * ((train.Count + batch - 1) / batch));
        IReadOnlyList<double> losses;
        try
        {
            losses = Trainer.Train(model, train, epochs, batch, lr, seed,
                onEpoch: (epoch, loss) =>
                {
                    measurements.Add((epoch + 1, monitor.MeasureNow(epoch + 1, progress.Done, loss, cancellationToken: context.Cancellation)));
                    progress.Note($"epoch {epoch + 1}/{epochs} loss {loss:G4}");
                },
                onIteration: _ => progress.Advance(),
                cancellationToken: context.Cancellation);
        }
        finally
        {
            progress.Finish(); // also when cancelled: the error line then starts on a line of its own
        }

        string csv = Path.Combine(outDir, "infoplane.csv");
        string plane = Path.Combine(outDir, "infoplane.png");
        string lossPng = Path.Combine(outDir, "loss.png");
        monitor.Save(csv);
        InformationPlot.SaveInformationPlane(monitor.Series, plane,
            new InformationPlaneStyle { Title = $"Information plane: {modelName}, MNIST, " + (classical is null ? $"alpha = {alpha.ToString(CultureInfo.InvariantCulture)}" : classical.Name) });
        InformationPlot.SaveTrainingCurve(losses, lossPng, title: $"Training loss: {modelName}");
        string? wnriPng = null;
        if (monitor.Series.Records.Any(r => r.Wnri is not null))
        {
            // Convolutional layers: the modified plane of Yu et al. (2021), I(X;T) against WNRI.
            wnriPng = Path.Combine(outDir, "infoplane-wnri.png");
            InformationPlot.SaveInformationPlane(monitor.Series, wnriPng,
                new InformationPlaneStyle { Title = $"Modified information plane (WNRI): {modelName}", YAxis = InformationPlaneAxis.Wnri });
        }


        var last = monitor.Series.Steps()[^1];
        foreach (var record in last)
        {
            stdout.WriteLine($"  {record.Layer,-6} H(T) = {record.Entropy:F3}  I(X;T) = {record.InputInformation:F3}  I(T;{(modelName == "cnn" ? "Y" : "X'")}) = {record.TargetInformation:F3} bits");
        }

        // Forward DPI, X → T1 → T2 → …: over the encoder (up to the bottleneck) for autoencoders, whose decoder layers
        // widen again (see DataProcessingCheck.Autoencoder); over every hidden layer for the classifier.
        var chain = model is IAutoencoder ae
            ? [.. monitor.Layers.TakeWhile(l => l != ae.BottleneckName), ae.BottleneckName]
            : monitor.Layers.Where(l => l != "out").ToList();
        var violations = DataProcessingCheck.Forward(last, chain, toleranceBits: 0.01);
        string chainText = string.Join(" >= ", chain.Select(l => $"I(X;{l})"));
        stdout.WriteLine(violations.Count == 0
            ? $"  forward DPI {chainText} holds at the last epoch (tolerance 0.01 bits)"
            : $"  forward DPI {chainText} violated at the last epoch: {string.Join("; ", violations.Select(v => $"{v.First} < {v.Second} by {v.Bits:F3} bits"))}");
        if (errorChain)
        {
            // Backward DPI of the error signals (Yu et al. 2021): δ_K → δ_{K−1} → … → δ_1, so I(δ_K;δ_k) falls towards the input.
            var errorViolations = DataProcessingCheck.Backward(last, monitor.Layers, toleranceBits: 0.01);
            string errorText = string.Join(" >= ", monitor.Layers.Reverse().Select(l => $"I(dK;d_{l})"));
            stdout.WriteLine(errorViolations.Count == 0
                ? $"  error DPI {errorText} holds at the last epoch (tolerance 0.01 bits)"
                : $"  error DPI {errorText} violated at the last epoch: {string.Join("; ", errorViolations.Select(v => $"{v.Second} < {v.First} by {v.Bits:F3} bits"))}");
        }

        if (classical is null)
        {
            ApproximationSummary.Write(measurements, renyi, modelName == "cnn" ? "I(T;Y)" : "I(T;X')", stdout);
        }

        WidthWarnings.Write(monitor.Series, renyi, stdout);
        string? compression = bands >= 2 ? CompressionSummary.Write(monitor.Series, outDir, stdout) : null;
        stdout.WriteLine($"wrote {plane}, {(wnriPng is null ? "" : wnriPng + ", ")}{lossPng}, {csv}{(compression is null ? "" : ", " + compression)} in {clock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>
    /// The matrix-Rényi settings of the run: α, the width rule, <c>--method</c> and <c>--tolerance</c>, and the backend.
    /// </summary>
    /// <exception cref="UsageException">A bad method or tolerance, or <c>--method approx</c> with the median width.</exception>
    internal static MatrixRenyiOptions RenyiFor(ParsedArguments args, double alpha, Bandwidth bandwidth)
    {
        var renyi = MethodOption.Apply(args, new MatrixRenyiOptions { Alpha = alpha, Bandwidth = bandwidth }, median: args.Get("bandwidth") == "median");
        return renyi with { Backend = DeviceOption.Resolve(args.Get("device")) };
    }

    /// <summary>The method for the run's first line: nothing for exact (the line as before), else e.g. <c>, method approx (tolerance 0.01 bits)</c>.</summary>
    internal static string MethodText(MatrixRenyiOptions renyi) => renyi.Method == MatrixRenyiMethod.Exact ? string.Empty
        : string.Create(CultureInfo.InvariantCulture, $", method {MethodOption.ValueOf(renyi.Method)} (tolerance {renyi.Tolerance.Bits} bits)");

    /// <summary>The kernel-width rule: the seed papers' choice per model unless --bandwidth/--h/--gamma say otherwise.</summary>
    internal static Bandwidth BandwidthFor(string modelName, ParsedArguments args)
    {
        double? h = args.GetPositive("h", "Yu et al. use 5 for activations.");
        double? gamma = args.GetPositive("gamma", "Lee & Jo use 2.");
        string rule = args.Get("bandwidth") ?? (h is not null ? "silverman" : gamma is not null ? "scott" : modelName == "cnn" ? "silverman" : "scott");
        switch (rule)
        {
            case "scott" when h is null:
                return Bandwidth.Scott(gamma ?? Bandwidth.DefaultGamma);
            case "silverman" when gamma is null:
                return Bandwidth.Silverman(h ?? Bandwidth.DefaultH);
            case "median" when h is null && gamma is null:
                return Bandwidth.Median();
            case "scott" or "silverman" or "median":
                throw new UsageException($"--bandwidth {rule} does not take --{(h is not null ? "h" : "gamma")}: --h goes with silverman, --gamma with scott, median takes neither.");
            default:
                throw new UsageException($"--bandwidth {rule} is not a rule; use scott, silverman or median.");
        }
    }

    internal static (ImageDataset Train, ImageDataset Test) LoadData(string? folder, int trainCount)
    {
        if (folder is null)
        {
            var all = MnistData.LoadEmbedded();
            if (trainCount >= all.Count)
            {
                throw new ArgumentException($"--train {trainCount} leaves no held-out digits of the {all.Count} embedded ones; use at most {all.Count - 100}.", "train");
            }

            return all.Split(trainCount);
        }

        var (fullTrain, fullTest) = MnistData.Load(folder);
        var trainPart = fullTrain.Slice(0, Math.Min(trainCount, fullTrain.Count));
        return (trainPart, fullTest ?? fullTrain.Slice(trainPart.Count, fullTrain.Count - trainPart.Count));
    }

    internal static ZooModel CreateModel(string name, int seed) => name switch
    {
        "ae" => new Autoencoder(seed: seed),
        "deep-ae" => new DeepAutoencoder(seed: seed),
        "sae" => new SparseAutoencoder(seed: seed),
        "tae" => new TiedAutoencoder(seed: seed),
        "vae" => new VariationalAutoencoder(seed: seed),
        "lae" => new LabelAutoencoder(seed: seed),
        "cae" => ConvolutionalAutoencoder.Cae1(seed),
        "inn-ae" => new InvertibleAutoencoder(seed: seed),
        _ => new LeNet5(seed: seed),
    };

    /// <summary>A one-line text progress bar (redrawn in place on a terminal, a line per epoch otherwise).</summary>
    internal sealed class ProgressBar(TextWriter writer, int total)
    {
        private readonly bool _interactive = writer == Console.Out && !Console.IsOutputRedirected;
        private string _note = "";

        public int Done { get; private set; }

        public void Advance()
        {
            Done++;
            if (_interactive && (Done % 10 == 0 || Done == total))
            {
                Draw();
            }
        }

        public void Note(string note)
        {
            _note = note;
            if (_interactive)
            {
                Draw();
            }
            else
            {
                writer.WriteLine($"  [{Bar()}] {_note}");
            }
        }

        public void Finish()
        {
            if (_interactive)
            {
                writer.WriteLine();
            }
        }

        private void Draw() => writer.Write($"\r  [{Bar()}] {100 * Done / Math.Max(1, total),3}% {_note}   ");

        private string Bar()
        {
            int filled = 30 * Done / Math.Max(1, total);
            return new string('#', filled) + new string('.', 30 - filled);
        }
    }
}
