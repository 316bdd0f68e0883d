using InfoTheory.TorchSharp;

namespace InfoTheory.Cli.Reproduction.Experiments;

/// <summary>
/// <c>yu-dpi</c>: the two data-processing inequalities of Yu et al. (2021) in a LeNet-5-like CNN with 2/2 and 6/12
/// filters: the forward chain I(X;T₁) ≥ I(X;T₂) ≥ … with the multivariate MI over the feature maps (MMI) for the
/// convolutional layers, and the error chain I(δ_K;δ_{K−1}) ≥ … ≥ I(δ_K;δ₁) with Silverman h = 0.1 for the error signals.
/// </summary>
internal sealed class YuDpi : Experiment
{
    private const double Tolerance = 0.01;
    private static readonly string[] Layers = ["conv1", "conv2", "fc1", "fc2", "out"];

    /// <inheritdoc />
    public override string Name => "yu-dpi";

    /// <inheritdoc />
    public override string Title => "Yu et al. (2021): forward and error DPIs of a LeNet-5-like CNN with 2/2 and 6/12 filters, MMI for the conv layers";

    /// <inheritdoc />
    public override Paper Paper => YuCnn.Paper;

    /// <inheritdoc />
    public override void Run(ExperimentRun run)
    {
        int epochs = run.Size(YuCnn.PaperEpochs, 1);
        int probeSize = run.Size(200, 48);
        int? pairs = run.Size<int?>(20, 6);
        var (train, probe) = run.Digits(run.Size(5_000, 256), probeSize);
        int perEpoch = (train.Count + YuCnn.Batch - 1) / YuCnn.Batch;
        int every = run.Size(perEpoch, perEpoch);
        YuCnn.RecordCommonSettings(run, epochs, probeSize, pairs, epochs * perEpoch / every + 1);
        run.Setting("networks", "C1/C2 = 2/2 and 6/12 filters, ReLU");
        run.Setting("activation", "ReLU", "sigmoid and ReLU are both studied in the paper; the DPI figure's activation was not verified in the stored text");
        run.Setting("DPI quantities", "forward: MMI I(X;{T¹…T^C}) for conv1 and conv2, whole-layer I(X;T) for fc1, fc2, out; error: I(δ_out;δ_k), δ_k the gradient of the summed cross-entropy with respect to layer k's output");
        run.Setting("DPI tolerance", $"{YuCnn.F(Tolerance, 2)} bits (a later layer may exceed an earlier one by this much: the kernel width differs per layer)", "none stated in the text we could read");
        var options = YuCnn.Options(run, pairs, errorChain: true);

        var results = new List<(string Label, InformationSeries Series)>();
        foreach (var (c1, c2) in new[] { (2, 2), (6, 12) })
        {
            string label = $"{c1}/{c2}";
            var (series, losses, accuracy) = YuCnn.TrainAndMonitor(run, label, c1, c2, Activation.ReLU, train, probe, epochs, every, options, Layers);
            run.Measure($"net-{c1}-{c2}.probe_accuracy", accuracy, "fraction");
            run.Measure($"net-{c1}-{c2}.loss.last", losses[^1], "nats");
            results.Add((label, series));
            string tag = $"{c1}-{c2}";
            var measured = series.Steps();
            double[] iterations = [.. measured.Select(s => (double)s[0].Iteration)];
            YuCnn.SaveLines(run.Figure($"dpi-forward-{tag}.png", $"Forward chain of the {label} network over training: MMI for conv1/conv2, I(X;T) for the dense layers (bits)"),
                $"Forward DPI, {label} filters: I(X;T) (MMI for conv layers)", "Iteration", "bits",
                [.. Layers.Select(l => (l == "conv1" || l == "conv2" ? $"MMI {l}" : l, iterations, measured.Select(s => Forward(s.Single(r => r.Layer == l))).ToArray()))]);
            YuCnn.SaveLines(run.Figure($"dpi-error-{tag}.png", $"Error chain of the {label} network over training: I(δ_out;δ_k), h = 0.1 (bits)"),
                $"Error DPI, {label} filters: I(δ_out; δ_k)", "Iteration", "bits",
                [.. Layers.Select(l => (l, iterations, measured.Select(s => s.Single(r => r.Layer == l).ErrorInformation!.Value).ToArray()))]);
        }

        int steps = 0, forwardHolds = 0, errorHolds = 0, wholeHolds = 0;
        double worstForward = 0, worstError = 0;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (label, series) in results)
        {
            foreach (var step in series.Steps())
            {
                var forward = DataProcessingCheck.ForwardMmi(step, Layers, Tolerance);
                // δ_K is the output layer's own error: the chain runs over the layers before it.
                var error = DataProcessingCheck.Backward(step, Layers[..^1], Tolerance);
                var whole = DataProcessingCheck.Forward(step, Layers, Tolerance);
                steps++;
                forwardHolds += forward.Count == 0 ? 1 : 0;
                errorHolds += error.Count == 0 ? 1 : 0;
                wholeHolds += whole.Count == 0 ? 1 : 0;
                worstForward = Math.Max(worstForward, forward.Select(v => v.Bits).DefaultIfEmpty(0).Max());
                worstError = Math.Max(worstError, error.Select(v => v.Bits).DefaultIfEmpty(0).Max());
            }

            var last = series.Steps()[^1];
            foreach (var layer in Layers)
            {
                var r = last.Single(x => x.Layer == layer);
                rows.Add([label, layer, YuCnn.F(r.InputInformation), r.Mmi is { } m ? YuCnn.F(m) : "", YuCnn.F(r.ErrorInformation!.Value)]);
                run.Measure($"net-{label.Replace('/', '-')}.{layer}.forward.last", Forward(r), "bits");
                run.Measure($"net-{label.Replace('/', '-')}.{layer}.i_err.last", r.ErrorInformation!.Value, "bits");
            }
        }

        run.Table("Last measurement of each network (bits)", ["network", "layer", "I(X;T) whole layer", "MMI over maps", "I(δ_out;δ_k)"], rows);
        run.Measure("forward.holds_fraction", forwardHolds / (double)steps, "fraction");
        run.Measure("error.holds_fraction", errorHolds / (double)steps, "fraction");
        run.Measure("forward_whole_tensor.holds_fraction", wholeHolds / (double)steps, "fraction");

        // Rule: every measurement of both networks keeps the chain (within the tolerance) → reproduced; ≥ 80 % → partly.
        Verdict ByFraction(int holds) => holds == steps ? Verdict.Reproduced : holds >= 0.8 * steps ? Verdict.Partly : Verdict.NotReproduced;
        run.Claim("dpi-forward", YuCnn.DpiQuote,
            "Abstract; the first DPI, X → T₁ → … → T_K drawn with MMI for the convolutional layers (" + YuCnn.SectionsNotStored + ")",
            $"reproduced when MMI(conv1) ≥ MMI(conv2) ≥ I(X;fc1) ≥ I(X;fc2) ≥ I(X;out) holds within {YuCnn.F(Tolerance, 2)} bits (every pair of layers) at every measurement of both networks; partly when at ≥ 80 % of them",
            $"the chain holds at {forwardHolds} of {steps} measurements (2/2 and 6/12); largest excess {YuCnn.F(worstForward)} bits; with whole-layer I(X;T) for the conv layers it holds at {wholeHolds} of {steps}",
            ByFraction(forwardHolds));
        run.Claim("dpi-error", YuCnn.DpiQuote,
            "Abstract; the second DPI, the error chain δ_K → δ_{K−1} → … → δ₁ with h = 0.1 (" + YuCnn.SectionsNotStored + ")",
            $"reproduced when I(δ_out;δ_fc2) ≥ I(δ_out;δ_fc1) ≥ I(δ_out;δ_conv2) ≥ I(δ_out;δ_conv1) holds within {YuCnn.F(Tolerance, 2)} bits at every measurement of both networks; partly when at ≥ 80 % of them",
            $"the chain holds at {errorHolds} of {steps} measurements; largest excess {YuCnn.F(worstError)} bits",
            ByFraction(errorHolds));
    }

    /// <summary>The forward-chain value of a record: MMI over the maps for a conv layer, I(X;T) otherwise.</summary>
    private static double Forward(InformationRecord r) => r.Mmi ?? r.InputInformation;
}
