using System.Globalization;
using InfoTheory.TorchSharp;
using TorchSharp;

namespace InfoTheory.Cli.Reproduction.Experiments;

/// <summary>
/// <c>amaral-cae</c>: Amaral &amp; Silva's two convolutional autoencoders, CAE_1 (encoder maps 16, 32, 64, an 8-map
/// bottleneck) and CAE_2 (64, 32, 16, 8), ReLU, stride-1 convolutions with max pooling, Adam, MSE (binary cross-entropy here: see the report), batch 128, measured
/// after every epoch with matrix-based Rényi entropies of order α = 2 and Silverman's rule with h = 5. Claims: CAE_1's code
/// entropy H(z) converges to the input–output MMI, CAE_2's stays about 1 bit lower; CAE_1's bottleneck WNRI is nearly
/// twice CAE_2's. Their WikiArt 128 × 128 paintings are not available offline: MNIST 28 × 28 digits instead.
/// </summary>
internal sealed class AmaralCae : Experiment
{
    // The wording of the claims as the issue that set this experiment (#14) summarises them; the thesis abstract (below)
    // is the only text of the work we could read.
    private const string Abstract =
        "\"This work aims to investigate the possibility of application of a method based on the aforementioned framework for the automatic " +
        "detection of the bottleneck dimension of a convolutional autoencoder, whose objective is to find the optimal compression for the images presented to it.\"";

    private static readonly string[] Layers = ["z", "out"];

    /// <inheritdoc />
    public override string Name => "amaral-cae";

    /// <inheritdoc />
    public override string Title => "CAE_1 (16-32-64, bottleneck 8) against CAE_2 (64-32-16, 8): code entropy, input–output MMI and bottleneck WNRI per epoch";

    /// <inheritdoc />
    public override Paper Paper { get; } = new(
        "Amaral & Silva, \"Information-Theoretic Analysis of Convolutional Autoencoders\" (Universidade de Brasília; abstract at " +
        "sigaa.unb.br/sigaa/public/programa/noticias_desc.jsf?id=948&noticia=5031975)",
        "none found (no DOI or arXiv id located)");

    /// <inheritdoc />
    public override void Run(ExperimentRun run)
    {
        int trainCount = run.Size(3_000, 200);
        int probe = run.Size(500, 60);
        int epochs = run.Size(10, 2);
        const int batch = 128;
        const double lr = 1e-3;
        var (train, probeSet) = run.Digits(trainCount, probe);
        run.Setting("data", $"MNIST 28 × 28 digits ({train.Count:N0} training, {probe} held-out probe)", "WikiArt paintings, 128 × 128 (not available offline)");
        run.Deviation("Data: MNIST 28 × 28 grey digits instead of the paper's WikiArt 128 × 128 paintings, which are not available offline; " +
            "with 28 × 28 inputs the CAEs pool twice (28 → 14 → 7) and the bottleneck holds 8 × 7 × 7 = 392 values.");
        run.Setting("architecture", "CAE_1: conv 16-32-64 + 8-map bottleneck; CAE_2: conv 64-32-16 + 8; 3 × 3 kernels, stride 1, 2 × 2 max pooling after the first two encoder layers, nearest upsampling + stride-1 convolutions in the decoder, sigmoid output",
            "CAE_1 16-32-64 / CAE_2 64-32-16, bottleneck 8, stride 1, max pooling (pooling placement and decoder for 128 × 128 not known to us)");
        run.Setting("activation", "ReLU");
        run.Setting("optimiser", $"Adam, learning rate {lr.ToString(CultureInfo.InvariantCulture)}", "Adam (learning rate not stated in the text we could read)");
        run.Setting("loss", "binary cross-entropy", "mean squared error");
        run.Deviation("Loss: binary cross-entropy instead of the paper's mean squared error. On MNIST, whose pixels are mostly black, these ReLU CAEs with a " +
            "sigmoid output trained with MSE collapse to the all-black image (a full-size run of CAE_1 with MSE stayed at MSE 0.113 = the mean of x² from epoch 2 on); " +
            "with BCE the gradient on the output logits is x̂ − x and they train. WikiArt paintings are not mostly black.");
        run.Setting("batch", batch.ToString(CultureInfo.InvariantCulture));
        run.Setting("epochs", epochs.ToString(CultureInfo.InvariantCulture), "50");
        if (epochs < 50)
        {
            run.Deviation($"Training: {epochs} epochs instead of 50, on {train.Count:N0} training images, so that both CAEs train and are measured every epoch within 15 minutes on 2 cores.");
        }

        run.Setting("estimator", "matrix-based Rényi entropy, α = 2, Gaussian kernel, Silverman's rule with h = 5 (σ = 5·N^(−1/(4+d)))");
        run.Setting("measurement", "the probe batch before training and after every epoch; layers z (H(z), MMI, WNRI over its 8 maps) and out (MMI = I(X; X̂))");

        var options = new InformationPlaneOptions
        {
            Renyi = new MatrixRenyiOptions { Alpha = 2, Bandwidth = Bandwidth.Silverman(5) },
            Seed = run.Seed,
        };
        torch.set_num_threads(Math.Max(1, Environment.ProcessorCount));
        var cae1 = Train(run, "CAE_1", ConvolutionalAutoencoder.AmaralCae1(run.Seed, ReconstructionLossKind.BinaryCrossEntropy), train, probeSet, epochs, batch, lr, options);
        var cae2 = Train(run, "CAE_2", ConvolutionalAutoencoder.AmaralCae2(run.Seed, ReconstructionLossKind.BinaryCrossEntropy), train, probeSet, epochs, batch, lr, options);

        // Per-epoch table of the quantities the claims use.
        run.Table("Per epoch (bits)", ["epoch", "CAE_1 H(z)", "CAE_1 I(X;X̂)", "CAE_1 WNRI(z)", "CAE_2 H(z)", "CAE_2 I(X;X̂)", "CAE_2 WNRI(z)"],
            Enumerable.Range(0, cae1.Steps.Count).Select(i => (IReadOnlyList<string>)[
                cae1.Steps[i].Epoch.ToString(CultureInfo.InvariantCulture),
                F(cae1.Steps[i].Hz), F(cae1.Steps[i].Mmi), F(cae1.Steps[i].Wnri),
                F(cae2.Steps[i].Hz), F(cae2.Steps[i].Mmi), F(cae2.Steps[i].Wnri)]));
        foreach (var (name, r) in new[] { ("cae1", cae1), ("cae2", cae2) })
        {
            run.Measure($"{name}.z.h.last", r.Last.Hz, "bits");
            run.Measure($"{name}.out.mmi.last", r.Last.Mmi, "bits");
            run.Measure($"{name}.z.wnri.last", r.Last.Wnri, "bits");
            run.Measure($"{name}.z.mmi.last", r.Last.MmiZ, "bits");
            run.Measure($"{name}.loss.last", r.Losses[^1], "BCE");
        }

        // Claim 1: H(z) of CAE_1 converges to the input–output MMI; CAE_2's stays about 1 bit lower.
        double gap1 = cae1.Last.Mmi - cae1.Last.Hz;
        double gap2 = cae2.Last.Mmi - cae2.Last.Hz;
        bool cae1Meets = Math.Abs(gap1) <= 0.25;
        bool cae2Lower = gap2 >= 0.5 && gap2 <= 1.5;
        var verdict1 = cae1Meets && cae2Lower ? Verdict.Reproduced : cae1Meets || cae2Lower || gap2 > gap1 ? Verdict.Partly : Verdict.NotReproduced;
        run.Claim("code-entropy-vs-mmi",
            "CAE_1's code entropy converges to the input-output MMI, CAE_2's about 1 bit lower (the claim as issue #14 summarises the work, whose full text we could not read; its abstract: " + Abstract + ")",
            "Amaral & Silva, information-plane analysis of CAE_1 and CAE_2 (section and figure not located; claim as summarised in issue #14)",
            "At the last epoch, with gap = I(X;X̂) − H(z) (X̂ the output layer, MMI over its one map): reproduced when CAE_1's |gap| ≤ 0.25 bits AND CAE_2's gap is in [0.5, 1.5] bits; " +
            "partly when one of the two holds, or CAE_2's gap exceeds CAE_1's; otherwise not reproduced.",
            Invariant($"CAE_1: H(z) = {cae1.Last.Hz:F3}, I(X;X̂) = {cae1.Last.Mmi:F3}, gap {gap1:F3} bits; CAE_2: H(z) = {cae2.Last.Hz:F3}, I(X;X̂) = {cae2.Last.Mmi:F3}, gap {gap2:F3} bits (epoch {cae1.Last.Epoch})"),
            verdict1);

        // Claim 2: CAE_1's bottleneck WNRI nearly twice CAE_2's.
        double ratio = cae2.Last.Wnri > 0 ? cae1.Last.Wnri / cae2.Last.Wnri : double.PositiveInfinity;
        var verdict2 = ratio is >= 1.5 and <= 2.5 ? Verdict.Reproduced : ratio > 1 ? Verdict.Partly : Verdict.NotReproduced;
        run.Claim("bottleneck-wnri",
            "CAE_1's bottleneck WNRI nearly twice CAE_2's (the claim as issue #14 summarises the work; abstract: " + Abstract + ")",
            "Amaral & Silva, WNRI of the bottleneck feature maps (section and figure not located; claim as summarised in issue #14)",
            "At the last epoch, ratio = WNRI(z) of CAE_1 / WNRI(z) of CAE_2 (mean over the 28 pairs of the 8 bottleneck maps): reproduced when the ratio is in [1.5, 2.5]; partly when it is above 1 otherwise; not reproduced when at most 1.",
            Invariant($"WNRI(z): CAE_1 {cae1.Last.Wnri:F4}, CAE_2 {cae2.Last.Wnri:F4} bits, ratio {(double.IsFinite(ratio) ? ratio.ToString("F2", CultureInfo.InvariantCulture) : "∞ (CAE_2's WNRI is 0)")}"),
            verdict2);

        string path = run.Figure("cae-entropy-mmi.png", "H(z) (solid) and the input–output MMI I(X;X̂) (dashed) of CAE_1 and CAE_2 per epoch, matrix Rényi α = 2 (the paper's entropy-versus-MMI curves)");
        CurvePlot.Save(path, "Code entropy and input–output MMI (α = 2)", "bits",
            [("CAE_1 H(z)", cae1.Steps.Select(s => s.Hz), false), ("CAE_1 I(X;X̂)", cae1.Steps.Select(s => s.Mmi), true),
             ("CAE_2 H(z)", cae2.Steps.Select(s => s.Hz), false), ("CAE_2 I(X;X̂)", cae2.Steps.Select(s => s.Mmi), true)],
            cae1.Steps.Select(s => (double)s.Epoch));
        string wnri = run.Figure("cae-wnri.png", "Mean WNRI over the pairs of bottleneck maps, CAE_1 against CAE_2, per epoch");
        CurvePlot.Save(wnri, "Bottleneck WNRI (α = 2)", "WNRI (bits)",
            [("CAE_1", cae1.Steps.Select(s => s.Wnri), false), ("CAE_2", cae2.Steps.Select(s => s.Wnri), false)],
            cae1.Steps.Select(s => (double)s.Epoch));
        string loss = run.Figure("cae-loss.png", "Training loss (binary cross-entropy) of CAE_1 and CAE_2");
        CurvePlot.Save(loss, "Training loss", "BCE",
            [("CAE_1", cae1.Losses, false), ("CAE_2", cae2.Losses, false)],
            Enumerable.Range(1, cae1.Losses.Count).Select(i => (double)i));
    }

    private static Result Train(ExperimentRun run, string label, ConvolutionalAutoencoder model, ImageDataset train, ImageDataset probeSet,
        int epochs, int batch, double lr, InformationPlaneOptions options)
    {
        using (model)
        {
            using var probeX = probeSet.ToImageTensor();
            using var monitor = new InformationMonitor(model, probeX, null, Schedule.Epochs(1), Layers, options);
            monitor.MeasureNow(0, 0, cancellationToken: run.Cancellation);
            var losses = Trainer.Train(model, train, epochs, batch, lr, run.Seed,
                onEpoch: (epoch, l) =>
                {
                    monitor.MeasureNow(epoch + 1, -1, l, cancellationToken: run.Cancellation);
                    run.Log.WriteLine(Invariant($"  {label} epoch {epoch + 1}/{epochs}: loss {l:G4}"));
                },
                cancellationToken: run.Cancellation);
            monitor.Save(Path.Combine(run.OutputDirectory, $"{label.ToLowerInvariant().Replace("_", "", StringComparison.Ordinal)}-series.csv"));
            var steps = monitor.Series.Steps().Select(step =>
            {
                var z = step.Single(r => r.Layer == "z");
                var o = step.Single(r => r.Layer == "out");
                return new Step(z.Epoch, z.Entropy, o.Mmi ?? o.InputInformation, z.Wnri ?? 0, z.Mmi ?? z.InputInformation);
            }).ToList();
            return new Result(steps, losses);
        }
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Step(int Epoch, double Hz, double Mmi, double Wnri, double MmiZ);

    private sealed record Result(IReadOnlyList<Step> Steps, IReadOnlyList<double> Losses)
    {
        public Step Last => Steps[^1];
    }
}
