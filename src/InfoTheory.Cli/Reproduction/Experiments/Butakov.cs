using System.Globalization;
using InfoTheory.TorchSharp;
using ScottPlot;
using TorchSharp;
using static System.FormattableString;
using static TorchSharp.torch;

namespace InfoTheory.Cli.Reproduction.Experiments;

/// <summary>
/// Butakov et al., ICLR 2024: (1) MI estimated from convolutional-autoencoder codes of synthetic images against the true
/// MI over a sweep of true values, with weighted KL, KDE and KSG on the codes and MINE on the raw images beside them;
/// (2) the information plane of their stochastic convolutional MNIST classifier, I(X; L) from compressed inputs and
/// layers, with 95 % confidence intervals.
/// </summary>
internal sealed class Butakov : Experiment
{
    private const string Abstract = "Abstract (arXiv:2305.08013v2, ICLR 2024); the body text (§5–6, figures) could not be retrieved to quote, only the abstract";

    /// <inheritdoc />
    public override string Name => "butakov";

    /// <inheritdoc />
    public override string Title => "MI from compressed representations: estimate vs truth on synthetic images (with MINE), and a classifier's information plane with CIs";

    /// <inheritdoc />
    public override Paper Paper { get; } = new(
        "Butakov, Tolmachev, Malanchuk, Neopryatnaya, Frolov & Andreev, \"Information Bottleneck Analysis of Deep Neural Networks via Lossy Compression\", ICLR 2024",
        "arXiv:2305.08013", "github.com/VanessB/Information-v3");

    /// <inheritdoc />
    public override void Run(ExperimentRun run)
    {
        torch.set_num_threads(1); // small networks run faster on one thread (docs/estimators/compression-neural.md)
        run.Setting("unit", "nats (the paper's)");
        run.Setting("torch threads", "1");
        Sweep(run);
        Plane(run);
    }

    // ---------------------------------------------------------------- (1) estimate vs truth on images

    private static void Sweep(ExperimentRun run)
    {
        double[] truths = run.Size<double[]>([0.5, 1, 2, 3, 4, 5], [0.5, 2]);
        int n = run.Size(5000, 300);
        int reps = run.Size(4, 1);
        int mineReps = run.Size(2, 1);
        int mineSteps = run.Size(1500, 40);
        int aeTrain = run.Size(6000, 300);
        int aeEpochs = run.Size(25, 2);
        run.Setting("images", "16×16 Gaussian blobs, 2 latents per image (ImageTask; our constants)", "16×16 and 32×32 'images of 2D Gaussians' and rectangles (their code: exp(−10·r²) on the unit square)");
        run.Setting("true MI values", string.Join(", ", truths.Select(F)) + " nats", "0 … 10 nats in 41 steps (their notebook 'Gaussian plots, AE')");
        run.Setting("samples per estimate", n.ToString(CultureInfo.InvariantCulture), "5000");
        run.Setting("repetitions per value", $"{reps} (MINE {mineReps})", "one estimate per value; CIs from the estimator's own spread");
        run.Setting("compressor", $"convolutional autoencoder 8-16 maps, dense 64, linear code of 2, MSE, Adam 1e-3, batch 128, {aeEpochs} epochs on {aeTrain} marginal images, fitted once for the whole sweep",
            "Keras CNN autoencoder, 5 conv blocks of 4-8 maps with batch norm, tanh code of 2, MAE, Adam 1e-3, 2000 epochs on 6000 marginal images with zoom augmentation, fitted once");
        run.Setting("estimators on the codes", "weighted Kozachenko–Leonenko (k = 5), Gaussian KDE (Scott), KSG-1 (k = 3)", "Kozachenko–Leonenko k = 5 or KDE (their Settings notebook)");
        run.Setting("MINE", $"on the raw 256-pixel images, 2×64 critic, batch 256, {mineSteps} steps, half held out", "MINE (Belghazi et al., 2018) beside the compressed estimates");
        if (reps < 5)
        {
            run.Deviation($"Sweep: {truths.Length} true values up to {F(truths[^1])} nats instead of 41 up to 10 nats, {reps} repetitions per value (MINE {mineReps}), and an autoencoder trained {aeEpochs} epochs instead of 2000, to fit 15 minutes on 2 cores.");
        }

        var sweep = SyntheticTasks.ImageSweep(ImageShape.GaussianBlob, 16, truths);
        // The marginal of X (and Y) does not depend on the MI: one compressor, trained on independent marginal images,
        // serves every value, as in the authors' notebook.
        var marginal = sweep[0].Sample(aeTrain / 2, run.Seed + 1000);
        var pooled = Stack(marginal.X, marginal.Y);
        run.Log.WriteLine(Invariant($"butakov: training the convolutional compressor on {pooled.Count} images ({aeEpochs} epochs)"));
        var compressor = new ConvolutionalAutoencoderCompressor(new ConvolutionalAutoencoderCompressorOptions { CodeSize = 2, Epochs = aeEpochs, Seed = run.Seed });
        using var fitted = compressor.Fit(pooled, cancellationToken: run.Cancellation);
        run.Measure("sweep.compressor.reconstruction_mse", fitted.ReconstructionError, "scaled units");

        var names = new[] { "cae-wkl", "cae-kde", "cae-ksg", "latent-wkl", "mine" };
        var results = names.ToDictionary(k => k, _ => new List<(double Truth, double[] Values)>());
        foreach (var task in sweep)
        {
            double truth = task.TrueMutualInformation.Nats;
            var per = names.ToDictionary(k => k, _ => new List<double>());
            for (int r = 0; r < reps; r++)
            {
                run.Cancellation.ThrowIfCancellationRequested();
                int seed = run.Seed * 1000 + r;
                var latents = task.Latents.Sample(n, seed);
                var images = task.Sample(n, seed); // the same latents, rendered
                var cx = fitted.Encode(images.X);
                var cy = fitted.Encode(images.Y);
                per["cae-wkl"].Add(Wkl().Estimate(cx, cy).Value.Nats);
                per["cae-kde"].Add(new KdeMutualInformation().Estimate(cx, cy, cancellationToken: run.Cancellation).Value.Nats);
                per["cae-ksg"].Add(new KsgMutualInformation().Estimate(cx, cy).Value.Nats);
                per["latent-wkl"].Add(Wkl().Estimate(latents.X, latents.Y).Value.Nats);
                if (r < mineReps)
                {
                    var mine = new MineEstimator(new MineOptions { Steps = mineSteps, Seed = seed });
                    per["mine"].Add(mine.Estimate(images.X, images.Y, cancellationToken: run.Cancellation).Value.Nats);
                }
            }

            foreach (var k in names)
            {
                results[k].Add((truth, per[k].ToArray()));
            }

            run.Log.WriteLine(Invariant($"butakov: I = {F(truth)} nats: cae-wkl {per["cae-wkl"].Average():F3}, cae-ksg {per["cae-ksg"].Average():F3}, mine {per["mine"].Average():F3}"));
        }

        run.Table("Estimated vs true MI on 16×16 Gaussian-blob images (nats; mean ± 95 % CI half-width over repetitions)",
            ["true MI", .. names],
            results["cae-wkl"].Select((row, i) => (IReadOnlyList<string>)[F(row.Truth), .. names.Select(k => Cell(results[k][i].Values))]));
        foreach (var k in names)
        {
            foreach (var (truth, values) in results[k])
            {
                run.Measure($"sweep.{k}.{F(truth)}", values.Average(), "nats");
            }
        }

        PlotSweep(run.Figure("sweep.png", "Estimated vs true MI (nats) on 16×16 blob images with 95 % CIs and y = x (paper: the synthetic-image figures of §6)"),
            names, results);

        // Claims.
        var wkl = results["cae-wkl"];
        double Tol(double t) => Math.Max(0.15, 0.15 * t);
        int close = wkl.Count(r => Math.Abs(r.Values.Average() - r.Truth) <= Tol(r.Truth));
        run.Claim("sweep-compressed-accuracy",
            "we demonstrate the accuracy of our estimator through synthetic experiments featuring predefined MI values",
            Abstract + "; the experiment: their notebook 'Gaussian plots, AE'",
            "reproduced when the mean weighted-KL estimate on the convolutional-autoencoder codes is within max(0.15 nats, 15 %) of the true MI at every swept value; partly when at ≥ half of them",
            Invariant($"{close}/{wkl.Count} values within tolerance: ") + string.Join("; ", wkl.Select(r => Invariant($"{F(r.Truth)} → {r.Values.Average():F3}"))),
            close == wkl.Count ? Verdict.Reproduced : 2 * close >= wkl.Count ? Verdict.Partly : Verdict.NotReproduced);

        var latent = results["latent-wkl"];
        var gaps = wkl.Select((r, i) => Math.Abs(r.Values.Average() - latent[i].Values.Average())).ToArray();
        int lossless = gaps.Count(g => g <= 0.15);
        run.Claim("compression-lossless",
            "we estimate the MI between the compressed representations of high-dimensional random vectors. The proposed method is supported by both theoretical and practical justifications",
            Abstract + "; their notebook compares the estimate on the latent parameters with the one on the codes",
            "reproduced when the weighted-KL estimate on the codes is within 0.15 nats of the same estimator on the true latents at every value; partly when at ≥ half",
            Invariant($"{lossless}/{gaps.Length} within 0.15 nats; largest gap {gaps.Max():F3} nats"),
            lossless == gaps.Length ? Verdict.Reproduced : 2 * lossless >= gaps.Length ? Verdict.Partly : Verdict.NotReproduced);

        var mineRows = results["mine"];
        double maeWkl = wkl.Average(r => Math.Abs(r.Values.Average() - r.Truth));
        double maeMine = mineRows.Average(r => Math.Abs(r.Values.Average() - r.Truth));
        double topWkl = Math.Abs(wkl[^1].Values.Average() - wkl[^1].Truth), topMine = Math.Abs(mineRows[^1].Values.Average() - mineRows[^1].Truth);
        bool lowerMae = maeWkl <= maeMine, lowerTop = topWkl <= topMine;
        run.Claim("sweep-vs-mine",
            "Notably, we demonstrate the accuracy of our estimator through synthetic experiments featuring predefined MI values and comparison with MINE (Belghazi et al., 2018)",
            Abstract,
            "reproduced when the compressed weighted-KL estimate has a mean absolute error over the sweep no larger than MINE's on the raw images and a smaller error at the largest true MI; partly when one of the two holds",
            Invariant($"mean |error|: cae-wkl {maeWkl:F3}, MINE {maeMine:F3} nats; at {F(wkl[^1].Truth)} nats: cae-wkl {topWkl:F3}, MINE {topMine:F3}"),
            lowerMae && lowerTop ? Verdict.Reproduced : lowerMae || lowerTop ? Verdict.Partly : Verdict.NotReproduced);
        run.Measure("sweep.mae.cae-wkl", maeWkl, "nats");
        run.Measure("sweep.mae.mine", maeMine, "nats");
    }

    // ---------------------------------------------------------------- (2) the classifier's information plane

    private static void Plane(ExperimentRun run)
    {
        int train = run.Size(8000, 300), probe = run.Size(2000, 200);
        int epochs = run.Size(12, 1), batch = 128;
        double lr = 1e-3, sigma = 1e-3;
        int code = 4, aeEpochs = run.Size(10, 1);
        var (trainSet, probeSet) = run.Digits(train, probe);
        run.Setting("classifier", "Butakov et al.'s MNIST_Classifier: conv 8-16-32 (3×3), max-pool, LeakyReLU, dense 32-10, log-softmax; dropout 0.1 and N(0, σ²) noise before each layer, noise kept at inference (NoisyConvClassifier)");
        run.Setting("noise σ", F(sigma));
        run.Setting("optimiser", Invariant($"Adam lr {lr}, batch {batch}, {epochs} epochs"), "Adam lr 1e-5, batch 1024, 300 epochs (their notebook)");
        run.Setting("measurement", Invariant($"before training and every {Math.Max(1, (train + batch - 1) / batch / 2)} iterations (about twice per epoch), on {probe} held-out digits, noise on"), "every epoch on the 10,000 test digits");
        run.Setting("compression of X", Invariant($"convolutional autoencoder (8-16 maps, code {code}, {aeEpochs} epochs on the training digits)"), "convolutional autoencoder, code 4, 200 epochs, L1 loss");
        run.Setting("compression of layers", Invariant($"PCA to min(width, {code}) components, refitted at each measurement"), "PCA to 4 components (their notebook's setting 'pca')");
        run.Setting("MI estimator", "weighted Kozachenko–Leonenko (k = 5) on the codes; I(L;Y) = H(L) − Σ p(y) H(L | y); 95 % CI from the estimators' standard errors", "Kozachenko–Leonenko, k = 5");
        run.Deviation(Invariant($"Classifier: Adam lr {lr} (100× the paper's 1e-5), batch {batch} and {epochs} epochs instead of batch 1024 and 300 epochs, so that training reaches a fitted network within the 15-minute budget; no Savitzky–Golay smoothing of the curves."));

        var xCompressor = new ConvolutionalAutoencoderCompressor(new ConvolutionalAutoencoderCompressorOptions { CodeSize = code, Epochs = aeEpochs, Seed = run.Seed });
        run.Log.WriteLine("butakov: training the input compressor");
        using var xFit = xCompressor.Fit(ToSamples(trainSet), cancellationToken: run.Cancellation);
        var xCodes = xFit.Encode(ToSamples(probeSet));
        run.Measure("plane.x_compressor.reconstruction_mse", xFit.ReconstructionError, "scaled units");

        using var model = new NoisyConvClassifier(sigma, seed: run.Seed);
        var layers = model.LayerNames;
        var points = layers.ToDictionary(l => l, _ => new List<(int Step, double Ix, double IxHalf, double Iy, double IyHalf)>());
        int every = Math.Max(1, (train + batch - 1) / batch / 2);
        using var probeImages = probeSet.ToImageTensor();
        var labels = probeSet.Labels;

        void Measure(int step)
        {
            model.eval();
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            torch.random.manual_seed(run.Seed + step);
            var h = probeImages;
            foreach (var layer in layers)
            {
                h = model.Layer(layer).call(h);
                var flat = h.reshape(h.shape[0], -1).to_type(ScalarType.Float64);
                var values = new Samples(flat.data<double>().ToArray(), (int)flat.shape[1]);
                var lCodes = values.Dimensions > code ? new PcaCompressor(code).Fit(values).Encode(values) : values;
                var ix = Wkl().Estimate(xCodes, lCodes);
                var (iy, iyHalf) = LabelInformation(lCodes, labels);
                points[layer].Add((step, ix.Value.Nats, Half(ix), iy, iyHalf));
            }

            run.Log.WriteLine(Invariant($"butakov: step {step}: ") + string.Join(", ", layers.Select(l => Invariant($"{l} ({points[l][^1].Ix:F2}, {points[l][^1].Iy:F2})"))));
        }

        run.Log.WriteLine("butakov: training the classifier, measuring I(X;L) and I(L;Y) in nats");
        Measure(0);
        Trainer.Train(model, trainSet, epochs, batch, lr, run.Seed,
            onIteration: i =>
            {
                if ((i + 1) % every == 0)
                {
                    Measure(i + 1);
                }
            },
            cancellationToken: run.Cancellation);

        PlotPlane(run.Figure("plane.png", "Information plane of the stochastic MNIST classifier: I(X;L) vs I(L;Y) (nats) with 95 % CIs, colour = layer, markers along training (paper: the MNIST information-plane figure)"),
            points);
        run.Table("Information plane (nats): first, maximum and last I(X;L), and first and last I(L;Y), per layer",
            ["layer", "I(X;L) first", "I(X;L) max", "I(X;L) last", "I(L;Y) first", "I(L;Y) last"],
            layers.Select(l =>
            {
                var p = points[l];
                return (IReadOnlyList<string>)[l, F3(p[0].Ix), F3(p.Max(q => q.Ix)), F3(p[^1].Ix), F3(p[0].Iy), F3(p[^1].Iy)];
            }));

        // Phases: fitting = I(L;Y) rises beyond the two CIs; compression = I(X;L) falls after its maximum beyond the two CIs.
        var fitting = new List<string>();
        var compression = new List<string>();
        foreach (var l in layers)
        {
            var p = points[l];
            var top = p.MaxBy(q => q.Iy);
            if (top.Iy - p[0].Iy > top.IyHalf + p[0].IyHalf)
            {
                fitting.Add(l);
            }

            int peak = p.FindIndex(q => q.Ix == p.Max(r => r.Ix));
            var after = p.Skip(peak + 1).ToList();
            if (after.Count > 0)
            {
                var low = after.MinBy(q => q.Ix);
                if (p[peak].Ix - low.Ix > p[peak].IxHalf + low.IxHalf)
                {
                    compression.Add(l);
                }
            }

            run.Measure($"plane.{l}.i_xl.last", p[^1].Ix, "nats");
            run.Measure($"plane.{l}.i_ly.last", p[^1].Iy, "nats");
        }

        run.Claim("plane-fitting-compression",
            "According to the hypothesis put forth by Shwartz-Ziv & Tishby (2017), the training process consists of two distinct phases: fitting and compression. [...] we perform IB analysis on a close-to-real-scale convolutional DNN, which reveals new features of the MI dynamics",
            Abstract,
            "reproduced when some layer shows a fitting phase (I(L;Y) rises above its first value by more than the two 95 % CI half-widths) and some layer a compression phase (I(X;L) falls after its maximum by more than the two CI half-widths); partly when only one of the two is seen",
            $"fitting in [{string.Join(", ", fitting)}]; compression in [{string.Join(", ", compression)}]",
            fitting.Count > 0 && compression.Count > 0 ? Verdict.Reproduced : fitting.Count > 0 || compression.Count > 0 ? Verdict.Partly : Verdict.NotReproduced);
    }

    // ---------------------------------------------------------------- helpers

    private static KnnEntropyMutualInformation Wkl() => new(KnnOptions.Default with { K = 5 }, weighted: true);

    /// <summary>I(L; Y) for discrete labels: H(L) − Σ_y p(y)·H(L | Y = y), weighted KL entropies; the CI half-width from their SEs (independence assumed).</summary>
    private static (double Value, double Half) LabelInformation(Samples codes, byte[] labels)
    {
        var entropy = new WeightedKozachenkoLeonenkoEntropy(KnnOptions.Default with { K = 5 });
        var whole = entropy.Estimate(codes);
        double value = whole.Value.Nats, variance = Sq(whole.StandardError?.Nats ?? 0);
        foreach (var group in Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]))
        {
            var rows = group.ToArray();
            if (rows.Length <= 10)
            {
                continue;
            }

            double p = rows.Length / (double)labels.Length;
            var part = entropy.Estimate(codes.Select(rows));
            value -= p * part.Value.Nats;
            variance += Sq(p * (part.StandardError?.Nats ?? 0));
        }

        return (value, 1.96 * Math.Sqrt(variance));
    }

    private static double Half(InformationEstimate e) => 1.96 * (e.StandardError?.Nats ?? 0);

    private static double Sq(double v) => v * v;

    private static Samples ToSamples(ImageDataset data) => new(data.Pixels.Select(v => (double)v).ToArray(), data.PixelsPerImage);

    private static Samples Stack(Samples a, Samples b) => new(a.ToArray().Concat(b.ToArray()).ToArray(), a.Dimensions);

    private static double CiHalf(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        return StudentT975(values.Length - 1) * sd / Math.Sqrt(values.Length);
    }

    /// <summary>The 97.5 % quantile of Student's t with <paramref name="dof"/> degrees of freedom (table; 1.96 beyond 30).</summary>
    private static double StudentT975(int dof) => dof switch
    {
        1 => 12.706,
        2 => 4.303,
        3 => 3.182,
        4 => 2.776,
        5 => 2.571,
        6 => 2.447,
        7 => 2.365,
        8 => 2.306,
        9 => 2.262,
        < 20 => 2.13,
        < 30 => 2.06,
        _ => 1.96,
    };

    private static string Cell(double[] values) => values.Length > 1 ? Invariant($"{values.Average():F3} ± {CiHalf(values):F3}") : Invariant($"{values.Average():F3}");

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string F3(double v) => v.ToString("F3", CultureInfo.InvariantCulture);

    private static void PlotSweep(string path, string[] names, Dictionary<string, List<(double Truth, double[] Values)>> results)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double top = results.Values.SelectMany(r => r).Max(r => r.Truth);
        for (int i = 0; i < names.Length; i++)
        {
            var rows = results[names[i]];
            var color = palette.GetColor(i);
            double offset = (i - (names.Length - 1) / 2.0) * 0.012 * top; // slightly side by side, so the bars do not hide each other
            var xs = rows.Select(r => r.Truth + offset).ToArray();
            var ys = rows.Select(r => r.Values.Average()).ToArray();
            var points = plot.Add.ScatterPoints(xs, ys, color);
            points.LegendText = names[i];
            points.MarkerSize = 8;
            var bars = plot.Add.ErrorBar(xs, ys, rows.Select(r => CiHalf(r.Values)).ToArray());
            bars.Color = color;
        }

        var identity = plot.Add.Line(0, 0, top * 1.1, top * 1.1);
        identity.Color = Colors.Black;
        identity.LinePattern = LinePattern.Dashed;
        identity.LegendText = "y = x";
        plot.XLabel("true I(X;Y) (nats)");
        plot.YLabel("estimated I(X;Y) (nats)");
        plot.Title("Estimate vs truth, 16×16 blob images");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 900, 600);
    }

    private static void PlotPlane(string path, Dictionary<string, List<(int Step, double Ix, double IxHalf, double Iy, double IyHalf)>> points)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int i = 0;
        foreach (var (layer, p) in points)
        {
            var color = palette.GetColor(i++);
            var xs = p.Select(q => q.Ix).ToArray();
            var ys = p.Select(q => q.Iy).ToArray();
            var line = plot.Add.Scatter(xs, ys, color);
            line.LegendText = layer;
            line.MarkerSize = 5;
            var bars = plot.Add.ErrorBar(xs, ys, p.Select(q => q.IyHalf).ToArray());
            bars.Color = color.WithAlpha(0.5);
            foreach (var q in p)
            {
                var horizontal = plot.Add.Line(q.Ix - q.IxHalf, q.Iy, q.Ix + q.IxHalf, q.Iy);
                horizontal.Color = color.WithAlpha(0.5);
            }

            plot.Add.Marker(xs[^1], ys[^1], MarkerShape.FilledSquare, 9, color);
        }

        plot.XLabel("I(X;L) (nats)");
        plot.YLabel("I(L;Y) (nats)");
        plot.Title("Information plane (square = last measurement)");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 900, 600);
    }
}
