using System.Globalization;
using InfoTheory.TorchSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.Cli.Reproduction.Experiments;

/// <summary>
/// What the Lee &amp; Jo experiments share: the paper, the settings of the authors' code (IPRL, <c>MNIST/*.py</c>), the
/// models as IPRL builds them, a training run measured on IPRL's schedule, and the rules that read phases off a run.
/// </summary>
internal static class LeeJo
{
    /// <summary>The paper.</summary>
    public static Paper Paper { get; } = new(
        "S. Lee and J. Jo, \"Information Flows of Diverse Autoencoders\", Entropy 23(7), 862 (2021)", "10.3390/e23070862", "github.com/Sungyeop/IPRL");

    // IPRL's MNIST scripts: EPOCH = 50, batch = 100, lr = 0.005, gamma = 2, alpha = 1.01, probe = the first `batch` test digits.
    public const int Epochs = 50;
    public const int Batch = 100;
    public const double LearningRate = 0.005;
    public const int Probe = 100;
    public const double Alpha = 1.01;
    public const double Gamma = 2;

    /// <summary>A fall (or rise) of at least this many bits of the epoch-long moving average counts as a phase.</summary>
    public const double PhaseBits = 0.1;

    /// <summary>Differences up to this many bits are not DPI violations (kernel widths differ per layer).</summary>
    public const double DpiToleranceBits = 0.01;

    // The paper's words: the abstract of the Entropy version (checked against mdpi.com/1099-4300/23/7/862 and its
    // docslib copy) and of arXiv:2102.07402v1. The body text was not available offline.
    public const string AbstractWhere = "Abstract (Entropy 23(7):862)";
    public const string FittingQuote = "As learning progresses, they show a typical fitting phase where the amounts of input-to-hidden and hidden-to-output mutual information both increase.";
    public const string SimplifyingQuote = "In the last stage of learning, however, some autoencoders show a simplifying phase, previously called the “compression phase”, where input-to-hidden mutual information diminishes.";
    public const string SparsityQuote = "In particular, the sparsity regularization of hidden activities amplifies the simplifying phase.";
    public const string NoSimplifyingQuote = "However, tied, variational, and label autoencoders do not have a simplifying phase.";
    public const string GeneralisationQuote = "Nevertheless, all autoencoders have similar reconstruction errors for training and test data.";
    public const string SufficientDataQuote = "Given sufficient training data, vanilla autoencoders demonstrated the compression phase, which was amplified after imposing sparsity regularization for hidden activities.";

    /// <summary>The zoo as IPRL builds it (MNIST/Deep_AE.py, Shallow_AE.py, SAE.py, TAE.py, VAE.py, LAE.py).</summary>
    public static ModelSpec DeepAe { get; } = new("deep-ae", "deep AE", "MNIST/Deep_AE.py",
        "784-256-128-50-128-256-784, sigmoid in every layer; loss MSE (mean)",
        seed => new DeepAutoencoder(seed: seed), ["enc1", "enc2", "z", "dec1", "dec2"]);

    public static ModelSpec ShallowAe { get; } = new("ae", "shallow AE", "MNIST/Shallow_AE.py",
        "784-50-784, sigmoid; loss MSE (mean)",
        seed => new Autoencoder(codeSize: 50, seed: seed), ["z"]);

    public static ModelSpec Sae { get; } = new("sae", "SAE", "MNIST/SAE.py",
        "784-50-784, sigmoid; loss MSE + 0.001 · Σ_j KL(0.05 ‖ ρ̂_j) over the code units",
        seed => new SparseAutoencoder(rho: 0.05, beta: 0.001, hiddenSizes: [50], seed: seed), ["z"]);

    public static ModelSpec Tae { get; } = new("tae", "TAE", "MNIST/TAE.py",
        "784-50-784, sigmoid, decoder weight = encoder weightᵀ; loss MSE (mean)",
        seed => new TiedAutoencoder(hiddenSizes: [50], seed: seed), ["z"]);

    public static ModelSpec Vae { get; } = new("vae", "VAE", "MNIST/VAE.py",
        "784-256-128-(μ, log σ²: 50)-128-256-784, sigmoid hidden layers; loss BCE (summed over pixels) + KL; measured on the sampled code z = μ + σ·ε, " +
        "ε ~ N(0, I) drawn anew at each measurement from (seed, iteration) and shared by every estimator of that measurement",
        seed => new VariationalAutoencoder(latentSize: 50, hiddenSizes: [256, 128], activation: Activation.Sigmoid, seed: seed,
            evaluationCode: VariationalCode.Sample), ["enc1", "enc2", "z", "dec1", "dec2"]);

    public static ModelSpec Lae { get; } = new("lae", "LAE", "MNIST/LAE.py",
        "784-256-128-50-128-256-784, sigmoid, softmax code of 50 units; loss MSE + 0.01 · cross-entropy of the code against the labels",
        seed => new LabelAutoencoder(lambda: 0.01, classes: 10, hiddenSizes: [256, 128], seed: seed, codeSize: 50), ["enc1", "enc2", "z", "dec1", "dec2"]);

    /// <summary>The estimator settings: IPRL's <c>Ent</c>/<c>MI</c> (Gaussian kernel, σ = γ·N^(−1/(4+d)) per variable, α = 1.01, log₂).</summary>
    public static InformationPlaneOptions Options { get; } = new()
    {
        Renyi = new MatrixRenyiOptions { Alpha = Alpha, Bandwidth = Bandwidth.Scott(Gamma) },
    };

    /// <summary>Records the settings every Lee &amp; Jo run shares.</summary>
    public static void CommonSettings(ExperimentRun run, int interval, int epochs, int paperEpochs)
    {
        run.Setting("optimiser", $"Adam, lr {LearningRate.ToString(CultureInfo.InvariantCulture)}");
        run.Setting("batch", Batch.ToString(CultureInfo.InvariantCulture));
        run.Setting("epochs", epochs.ToString(CultureInfo.InvariantCulture),
            epochs == paperEpochs ? null : $"{paperEpochs} (IPRL EPOCH = {paperEpochs})");
        run.Setting("initialisation", "PyTorch's default uniform initialisation of Linear (TorchSharp), seeded");
        run.Setting("shuffling", "a seeded permutation each epoch (IPRL: DataLoader shuffle = True)");
        run.Setting("probe", run.DataDirectory is null
                ? $"{run.Size(Probe, QuickProbe)} held-out digits of the embedded subset"
                : $"the first {run.Size(Probe, QuickProbe)} test digits",
            run.DataDirectory is null || run.Quick ? $"the first {Probe} MNIST test digits (IPRL: MNIST_test[:batch])" : null);
        run.Setting("measurement schedule",
            interval == 1 ? "before training and after every iteration" : $"before training and after every {interval} iterations",
            interval == 1 ? null : "every iteration (IPRL time_int = 'Iteration', jump = 1)");
        run.Setting("estimator", "matrix-based Rényi entropy, α = 1.01, Gaussian kernel, σ = γ·N^(−1/(4+d)) per variable with γ = 2 (Bandwidth.Scott(2)), bits");
        run.Setting("quantities", "I(X;T) and I(T;X′) of every hidden layer T, X′ = the reconstruction of the probe");
        run.Setting("test error", "reconstruction MSE on the probe digits", "MSE on all 10,000 test digits, every iteration");
    }

    /// <summary>The quick probe.</summary>
    public const int QuickProbe = 50;

    /// <summary>About this many comparison measurements per model (and one before training), whatever the run's length.</summary>
    public const int Comparisons = 100;

    /// <summary>
    /// Trains one model with IPRL's optimiser and batch and measures it before training and every
    /// <paramref name="interval"/> iterations after; also, about <see cref="Comparisons"/> times evenly over the run, with
    /// matrix Rényi and KSG on the same activations (<see cref="KsgAgreement.Estimators"/>, <see cref="TrainedModel.Comparison"/>).
    /// </summary>
    public static TrainedModel Train(ExperimentRun run, ModelSpec spec, ImageDataset train, ImageDataset probe, int epochs, int interval)
    {
        run.Log.WriteLine($"  {spec.Label}: {train.Count:N0} digits, {epochs} epochs, batch {Batch}, measured every {interval} iteration(s) on {probe.Count} probe digits");
        using var model = spec.Create(run.Seed);
        using var probeX = probe.ToTensor();
        // Bands on parts of at least 10 probe digits (--bands); the compression test needs 3 parts or more.
        int bands = Math.Min(run.Bands, probe.Count / 10);
        var options = bands >= 3 ? Options with { ProbeBatches = bands, Seed = run.Seed } : Options;
        if (run.Bands >= 3)
        {
            run.Setting("bands", bands >= 3 ? $"I(X;T) and I(T;X′) also on {bands} disjoint parts of the probe; a fall of I(X;T) counts only when the split-half compression test (5 %) also finds it"
                : $"none: --bands {run.Bands} asked, but a probe of {probe.Count} gives fewer than 3 parts of 10", "none (one probe batch, no error bars)");
        }

        int perEpoch = (train.Count + Batch - 1) / Batch;
        using var monitor = new InformationMonitor(model, probeX, null, Schedule.EveryIterations(interval), spec.Measured, options);
        // About 100 comparisons whatever the length: lee-jo's 102 were within its run-time noise (121.6 s against 126.8 s without,
        // back to back on a shared 2-core AMD EPYC, 2026-12-06); comparing at every measurement would add thousands.
        int compareEvery = Math.Max(interval, epochs * perEpoch / Comparisons);
        using var comparison = new MultiEstimatorMonitor(model, probeX, KsgAgreement.Estimators(Options), null, Schedule.EveryIterations(compareEvery), spec.Measured);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        monitor.MeasureNow(0, 0, cancellationToken: run.Cancellation);
        comparison.MeasureNow(0, 0, cancellationToken: run.Cancellation);
        var losses = Trainer.Train(model, train, epochs, Batch, LearningRate, run.Seed,
            onEpoch: (epoch, loss) =>
            {
                if ((epoch + 1) % Math.Max(1, epochs / 5) == 0 || epoch + 1 == epochs)
                {
                    run.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    epoch {epoch + 1}/{epochs}: loss {loss:G4} ({clock.Elapsed.TotalSeconds:F0} s)"));
                }
            },
            onIteration: i =>
            {
                monitor.Step(i / perEpoch, i + 1, cancellationToken: run.Cancellation);
                comparison.Step(i / perEpoch, i + 1, cancellationToken: run.Cancellation);
            },
            cancellationToken: run.Cancellation);

        var trainSubset = train.Slice(0, Math.Min(1000, train.Count));
        double trainError = ReconstructionError(model, trainSubset);
        double testError = ReconstructionError(model, probe);
        InformationSeries? meanCode = null;
        if (model is VariationalAutoencoder vae && vae.EvaluationCode == VariationalCode.Sample)
        {
            // The same weights measured on z = μ, to show what sampling the code does to the plane.
            using var twin = new VariationalAutoencoder(latentSize: vae.LatentSize, hiddenSizes: [256, 128], activation: Activation.Sigmoid, seed: run.Seed);
            twin.load_state_dict(vae.state_dict());
            var measured = InformationPlane.Measure(twin, probeX, null, spec.Measured, Options, cancellationToken: run.Cancellation);
            meanCode = new InformationSeries(TargetKind.Reconstruction, measured.Select(m => m.ToRecord(epochs, perEpoch * epochs)));
        }

        return new TrainedModel(spec, monitor.Series, losses, perEpoch, interval, trainError, testError, meanCode)
        {
            Comparison = comparison.Series,
            CompareEvery = compareEvery,
        };
    }

    /// <summary>Mean squared reconstruction error (per pixel) of <paramref name="data"/> in eval mode.</summary>
    private static double ReconstructionError(ZooModel model, ImageDataset data)
    {
        using var scope = torch.NewDisposeScope();
        bool training = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            var x = data.ToTensor();
            var reconstruction = model.call(x);
            return nn.functional.mse_loss(reconstruction, x).ToDouble();
        }
        finally
        {
            model.train(training);
        }
    }

    /// <summary>Writes the figures of one trained model: its information plane, I(X;T) and I(T;X′) over training, the loss.</summary>
    public static void Figures(ExperimentRun run, TrainedModel trained, string prefix, string paperFigure)
    {
        var spec = trained.Spec;
        var thinned = Thin(trained.Series, 400);
        InformationPlot.SaveInformationPlane(thinned, run.Figure($"{prefix}plane.png",
                $"Information plane of the {spec.Label}, I(X;T) against I(T;X′) per layer, coloured by epoch ({paperFigure}); " +
                (thinned.Records.Count < trained.Series.Records.Count ? "an evenly spaced subset of the measurements is drawn." : "every measurement drawn.")),
            new InformationPlaneStyle { Title = $"{spec.Label} (IPRL {spec.Script}), MNIST, α = 1.01, γ = 2" });
        InformationPlot.SaveInformationCurves(trained.Series, run.Figure($"{prefix}i_xt.png",
                $"I(X;T) of each layer of the {spec.Label} over training (IPRL's 'DPI of Encoder' panel shows the encoder's)."),
            InformationQuantity.InputInformation, title: $"{spec.Label}: I(X;T) over training");
        InformationPlot.SaveInformationCurves(trained.Series, run.Figure($"{prefix}i_tx.png",
                $"I(T;X′) of each layer of the {spec.Label} over training (IPRL's 'DPI of Decoder' panel shows the decoder's)."),
            InformationQuantity.TargetInformation, title: $"{spec.Label}: I(T;X') over training");
        InformationPlot.SaveTrainingCurve(trained.Losses, run.Figure($"{prefix}loss.png", $"Training loss of the {spec.Label}, mean over each epoch's batches."),
            title: $"{spec.Label}: training loss");
    }

    /// <summary>At most <paramref name="steps"/> evenly spaced measurement steps of <paramref name="series"/> (all when fewer), the last always kept.</summary>
    private static InformationSeries Thin(InformationSeries series, int steps)
    {
        var all = series.Steps();
        if (all.Count <= steps)
        {
            return series;
        }

        var keep = Enumerable.Range(0, steps).Select(i => (int)Math.Round(i * (all.Count - 1) / (double)(steps - 1))).Distinct();
        return new InformationSeries(series.Target, keep.SelectMany(i => all[i]));
    }

    /// <summary>The epoch-long moving average's phases of each measured layer.</summary>
    public static IReadOnlyList<LayerPhases> Phases(TrainedModel trained, InformationQuantity quantity)
    {
        int perEpoch = Math.Max(1, trained.IterationsPerEpoch / trained.Interval);
        int count = trained.Series.Steps().Count;
        return InformationPhases.Of(trained.Series, quantity, Math.Min(perEpoch, count), trained.Spec.Measured);
    }

    /// <summary>The share of measurement steps at which <paramref name="check"/> finds no violation.</summary>
    public static (double Share, int Steps, double Worst) Holding(InformationSeries series, Func<IReadOnlyList<InformationRecord>, IReadOnlyList<DpiViolation>> check)
    {
        var steps = series.Steps();
        int holding = 0;
        double worst = 0;
        foreach (var step in steps)
        {
            var violations = check(step);
            if (violations.Count == 0)
            {
                holding++;
            }
            else
            {
                worst = Math.Max(worst, violations.Max(v => v.Bits));
            }
        }

        return (holding / (double)steps.Count, steps.Count, worst);
    }

    /// <summary>The fitting-phase rule's numbers: per layer the rise of I(X;T) and of I(T;X′) from the untrained network to the peak.</summary>
    public static (int Layers, int Fitting, string Text) Fitting(TrainedModel trained)
    {
        var inputs = Phases(trained, InformationQuantity.InputInformation);
        var targets = Phases(trained, InformationQuantity.TargetInformation);
        int fitting = 0;
        var parts = new List<string>();
        for (int i = 0; i < inputs.Count; i++)
        {
            double riseX = inputs[i].Peak - inputs[i].Initial, riseY = targets[i].Peak - targets[i].Initial;
            if (riseX >= PhaseBits && riseY >= PhaseBits)
            {
                fitting++;
            }

            parts.Add(Invariant($"{inputs[i].Layer} I(X;T) {inputs[i].Initial:F2}→{inputs[i].Peak:F2}, I(T;X′) {targets[i].Initial:F2}→{targets[i].Peak:F2}"));
        }

        return (inputs.Count, fitting, $"{trained.Spec.Label}: " + string.Join("; ", parts) + " bits");
    }

    /// <summary>The largest fall of I(X;T) over the measured layers, with its layer.</summary>
    public static LayerPhases LargestFall(TrainedModel trained) =>
        Phases(trained, InformationQuantity.InputInformation).MaxBy(p => p.Fall)!;

    /// <summary>One line per layer: the I(X;T) phases (and the compression test's fall and interval when measured with bands).</summary>
    public static string FallText(TrainedModel trained) => $"{trained.Spec.Label}: " + string.Join("; ",
        Phases(trained, InformationQuantity.InputInformation).Select(p =>
            Invariant($"{p.Layer} peak {p.Peak:F3} at epoch {p.PeakEpoch + 1}, last epoch {p.End:F3}, fall {p.Fall:F3}")
            + (p.FallTest is { } t ? Invariant($" (test: {t.Fall:F3} [{t.Low:F3}, {t.High:F3}], {(t.Significant ? "compressed" : "not shown")})") : ""))) + " bits";

    /// <summary>
    /// Whether some measured layer's I(X;T) falls by a phase: ≥ <see cref="PhaseBits"/> from its peak (epoch-long moving
    /// average) and, when the run has bands, also by more than the probe's noise (the split-half <see cref="FallTest"/>,
    /// one-sided 5 %). A test alone would call a fall of a thousandth of a bit real when the parts agree that closely.
    /// </summary>
    public static bool Compresses(TrainedModel trained) =>
        Phases(trained, InformationQuantity.InputInformation).Any(p => p.Fall >= PhaseBits && p.Compressed != false);

    /// <summary>
    /// The simplifying phase under KSG, by direction only (KSG bits are not matrix-Rényi bits, so the 0.1-bit rule has no
    /// KSG counterpart): with <paramref name="expected"/> the paper's "some autoencoders show a simplifying phase", which
    /// holds when some measured layer's KSG I(X;T) falls late; without, "do not have a simplifying phase", which holds
    /// when none does.
    /// </summary>
    public static KsgCheck KsgSimplifying(TrainedModel trained, bool expected)
    {
        var trends = trained.Spec.Measured.Select(l => (Layer: l, Trend: KsgAgreement.LateTrend(trained.Ksg, l))).ToList();
        var falling = trends.Where(t => KsgAgreement.Falls(t.Trend)).Select(t => t.Layer).ToList();
        string detail = (falling.Count == 0 ? "no layer's I(X;T) falls late" : $"I(X;T) falls late in {string.Join(", ", falling)}") +
            "; late trends " + string.Join(", ", trends.Select(t => $"{t.Layer} {KsgAgreement.Trend(t.Trend)}"));
        string rule = Invariant($"a layer's I(X;T) falls late when its Spearman ρ with time over the last half of the comparison measurements is ≤ −{KsgAgreement.TrendRho:F1}; ");
        var estimates = trained.Ksg.Records.Where(r => trained.Spec.Measured.Contains(r.Layer)).Select(r => r.InputInformation);
        return expected
            ? KsgAgreement.Decide($"the {trained.Spec.Label}'s simplifying phase (a late fall of I(X;T) in some layer)", falling.Count > 0 ? Verdict.Reproduced : Verdict.NotReproduced,
                detail, rule + "the simplifying phase holds when some measured layer's does", estimates)
            : KsgAgreement.Decide($"the {trained.Spec.Label}'s lack of a simplifying phase (no late fall of I(X;T))", falling.Count == 0 ? Verdict.Reproduced : Verdict.NotReproduced,
                detail, rule + "the lack of one holds when no measured layer's does", estimates);
    }

    /// <summary>
    /// A DPI chain of the layers <paramref name="chain"/> under KSG: the share of the comparison measurements at which
    /// <paramref name="check"/> finds no violation of the KSG values, decided by the claim's thresholds (<paramref name="reproduced"/>, <paramref name="partly"/>) on
    /// that share, or on its complement when the paper finds the chain <paramref name="violated"/> (the VAE's).
    /// </summary>
    public static KsgCheck KsgChain(TrainedModel trained, string finding, IReadOnlyList<string> chain, Func<IReadOnlyList<InformationRecord>, IReadOnlyList<DpiViolation>> check,
        double reproduced, double partly, bool violated = false)
    {
        var (holding, steps, worst) = KsgAgreement.Holding(trained.Ksg, check);
        double share = (violated ? steps - holding : holding) / (double)steps;
        string what = violated ? "violated by more than 0.01 bits" : "holds within 0.01 bits";
        return KsgAgreement.Decide(finding, share >= reproduced ? Verdict.Reproduced : share >= partly ? Verdict.Partly : Verdict.NotReproduced,
            Invariant($"{what} at {100 * share:F1} % of {steps} measurements; largest violation {worst:F3} KSG bits"),
            Invariant($"the same chain of the KSG values, {what} at ≥ {100 * reproduced:F0} % of the comparison measurements for \"holds\", ≥ {100 * partly:F0} % for \"partly holds\""),
            trained.Ksg.Records.Where(r => chain.Contains(r.Layer)).Select(r => r.InputInformation));
    }

    /// <summary>Records the model's agreement table with the findings checked under KSG as its conclusion.</summary>
    public static void RecordAgreement(ExperimentRun run, TrainedModel trained, IReadOnlyList<KsgCheck> checks) =>
        KsgAgreement.Record(run, trained.Spec.Key, trained.Spec.Label, trained.Comparison, "X′", checks);

    /// <summary>Records KSG among the settings with the comparison schedule of <paramref name="trained"/> (the same for every model of a run).</summary>
    public static void KsgSetting(ExperimentRun run, TrainedModel trained) => KsgAgreement.Setting(run,
        Invariant($"before training and {(trained.CompareEvery == 1 ? "after every iteration" : $"every {trained.CompareEvery} iterations")} ({trained.Ksg.Steps().Count} measurements per model)"));

    /// <summary>The rule's sentence on the compression test, for claims that use it when measured with bands.</summary>
    public const string TestRule = " With --bands, a fall counts only when the split-half compression test also finds it larger than the probe's noise (one-sided 5 %).";

    /// <summary>Records the phase table and key numbers of one model.</summary>
    public static void Record(ExperimentRun run, TrainedModel trained)
    {
        var key = trained.Spec.Key;
        var inputs = Phases(trained, InformationQuantity.InputInformation);
        var targets = Phases(trained, InformationQuantity.TargetInformation);
        run.Table($"{trained.Spec.Label}: I(X;T) and I(T;X′) (bits; start, peak and end are epoch-long moving averages)",
            ["layer", "I(X;T) untrained", "I(X;T) peak", "peak epoch", "I(X;T) last epoch", "fall", "I(T;X′) untrained", "I(T;X′) peak", "I(T;X′) last epoch"],
            inputs.Zip(targets, (x, y) => (IReadOnlyList<string>)
            [
                x.Layer, F(x.Initial), F(x.Peak), (x.PeakEpoch + 1).ToString(CultureInfo.InvariantCulture), F(x.End), F(x.Fall), F(y.Initial), F(y.Peak), F(y.End),
            ]));
        foreach (var p in inputs)
        {
            run.Measure($"{key}.{p.Layer}.i_xt.peak", p.Peak, "bits");
            run.Measure($"{key}.{p.Layer}.i_xt.last_epoch", p.End, "bits");
            run.Measure($"{key}.{p.Layer}.i_xt.fall", p.Fall, "bits");
        }

        run.Measure($"{key}.train_mse", trained.TrainError, "per pixel");
        run.Measure($"{key}.test_mse", trained.TestError, "per pixel");
    }

    public static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A model of the zoo as IPRL builds it.</summary>
/// <param name="Key">Key of its numbers in the report, e.g. <c>deep-ae</c>.</param>
/// <param name="Label">Its name in text, e.g. <c>deep AE</c>.</param>
/// <param name="Script">The IPRL script it follows.</param>
/// <param name="Architecture">Its layers, activations and loss, in words.</param>
/// <param name="Create">Builds it from a seed.</param>
/// <param name="Measured">The layers IPRL measures (every hidden layer; not the output).</param>
internal sealed record ModelSpec(string Key, string Label, string Script, string Architecture, Func<int, ZooModel> Create, IReadOnlyList<string> Measured)
{
    /// <summary>The encoder chain X → … → Z (the measured layers up to the code).</summary>
    public IReadOnlyList<string> EncoderChain => [.. Measured.TakeWhile(l => l != "z"), "z"];

    /// <summary>The decoder chain Z → … → X′ (the code and the later measured layers).</summary>
    public IReadOnlyList<string> DecoderChain => [.. Measured.SkipWhile(l => l != "z")];
}

/// <summary>One trained and measured model.</summary>
internal sealed record TrainedModel(ModelSpec Spec, InformationSeries Series, IReadOnlyList<double> Losses, int IterationsPerEpoch, int Interval,
    double TrainError, double TestError, InformationSeries? MeanCode)
{
    /// <summary>Each estimator's series of the comparison measurements (<see cref="KsgAgreement.Estimators"/>).</summary>
    public required IReadOnlyDictionary<string, InformationSeries> Comparison { get; init; }

    /// <summary>The iterations between comparison measurements.</summary>
    public required int CompareEvery { get; init; }

    /// <summary>The KSG series of the comparison measurements.</summary>
    public InformationSeries Ksg => Comparison[KsgAgreement.Second];
}
