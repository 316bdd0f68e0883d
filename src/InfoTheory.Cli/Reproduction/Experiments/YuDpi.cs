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
        var ksgSeries = new List<InformationSeries>();
        foreach (var (c1, c2) in new[] { (2, 2), (6, 12) })
        {
            string label = $"{c1}/{c2}";
            var (series, losses, accuracy, comparison) = YuCnn.TrainAndMonitor(run, label, c1, c2, Activation.ReLU, train, probe, epochs, every, options, Layers, compare: true);
            run.Measure($"net-{c1}-{c2}.probe_accuracy", accuracy, "fraction");
            run.Measure($"net-{c1}-{c2}.loss.last", losses[^1], "nats");
            results.Add((label, series));
            ksgSeries.Add(comparison![KsgAgreement.Second]);
            KsgAgreement.Record(run, $"net-{c1}-{c2}", $"{label} network", comparison, "Y",
                [KsgForward([comparison[KsgAgreement.Second]], $"the {label} network", Holding(series, s => DataProcessingCheck.ForwardMmi(s, Layers, Tolerance)))]);
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
        KsgAgreement.Setting(run, "at every measurement of the run (a conv layer's maps taken jointly, as a whole layer)");

        var forwardKsg = KsgForward(ksgSeries, "both networks", (forwardHolds, steps));
        run.Claim("dpi-forward", YuCnn.DpiQuote,
            "Abstract; the first DPI, X → T₁ → … → T_K drawn with MMI for the convolutional layers (" + YuCnn.SectionsNotStored + ")",
            forwardKsg.AfterRule($"reproduced when MMI(conv1) ≥ MMI(conv2) ≥ I(X;fc1) ≥ I(X;fc2) ≥ I(X;out) holds within {YuCnn.F(Tolerance, 2)} bits (every pair of layers) at every measurement of both networks; partly when at ≥ 80 % of them"),
            forwardKsg.AfterMeasured($"the chain holds at {forwardHolds} of {steps} measurements (2/2 and 6/12); largest excess {YuCnn.F(worstForward)} bits; with whole-layer I(X;T) for the conv layers it holds at {wholeHolds} of {steps}"),
            ByFraction(forwardHolds, steps));
        var errorKsg = KsgCheck.NotChecked("the error DPI",
            "the comparison (MultiEstimatorMonitor) re-measures the forward plane I(X;T), I(T;Y) only; a KSG error chain would need a monitor of its own with "
            + "a backward pass per measurement (InformationPlaneOptions.ErrorEstimator), which this run does not add");
        run.Claim("dpi-error", YuCnn.DpiQuote,
            "Abstract; the second DPI, the error chain δ_K → δ_{K−1} → … → δ₁ with h = 0.1 (" + YuCnn.SectionsNotStored + ")",
            $"reproduced when I(δ_out;δ_fc2) ≥ I(δ_out;δ_fc1) ≥ I(δ_out;δ_conv2) ≥ I(δ_out;δ_conv1) holds within {YuCnn.F(Tolerance, 2)} bits at every measurement of both networks; partly when at ≥ 80 % of them",
            errorKsg.AfterMeasured($"the chain holds at {errorHolds} of {steps} measurements; largest excess {YuCnn.F(worstError)} bits"),
            ByFraction(errorHolds, steps));
    }

    /// <summary>Rule of both chains: every measurement keeps the chain (within the tolerance) → reproduced; ≥ 80 % → partly.</summary>
    private static Verdict ByFraction(int holds, int steps) => holds == steps ? Verdict.Reproduced : holds >= 0.8 * steps ? Verdict.Partly : Verdict.NotReproduced;

    /// <summary>The measurements of <paramref name="series"/> at which <paramref name="check"/> finds no violation, and how many there are.</summary>
    private static (int Holding, int Steps) Holding(InformationSeries series, Func<IReadOnlyList<InformationRecord>, IReadOnlyList<DpiViolation>> check)
    {
        var (holding, steps, _) = KsgAgreement.Holding(series, check);
        return (holding, steps);
    }

    /// <summary>
    /// The forward DPI under KSG by the claim's rule: KSG's I(X;T) of a conv layer takes all its maps jointly (the whole
    /// layer), the quantity MMI approximates with matrix Rényi, so the chain is the paper's; <paramref name="renyi"/> the
    /// matrix-Rényi (MMI) count of the same measurements, for the reader.
    /// </summary>
    internal static KsgCheck KsgForward(IReadOnlyList<InformationSeries> ksg, string which, (int Holding, int Steps) renyi)
    {
        int holding = 0, steps = 0;
        double worst = 0;
        foreach (var series in ksg)
        {
            var (h, n, w) = KsgAgreement.Holding(series, step => DataProcessingCheck.Forward(step, Layers, Tolerance));
            (holding, steps, worst) = (holding + h, steps + n, Math.Max(worst, w));
        }

        return KsgAgreement.Decide($"the forward DPI I(X;conv1) ≥ I(X;conv2) ≥ I(X;fc1) ≥ I(X;fc2) ≥ I(X;out) of {which}", ByFraction(holding, steps),
            $"holds within {YuCnn.F(Tolerance, 2)} bits at {holding} of {steps} measurements, largest excess {YuCnn.F(worst)} KSG bits; with matrix Rényi (MMI for the conv layers) at {renyi.Holding} of {renyi.Steps}",
            $"KSG's I(X;T) of each layer, a conv layer's maps taken jointly (what MMI measures), the chain holding within {YuCnn.F(Tolerance, 2)} bits at every measurement of both networks for \"holds\", at ≥ 80 % for \"partly holds\"",
            ksg.SelectMany(s => s.Records).Where(r => Layers.Contains(r.Layer)).Select(r => r.InputInformation));
    }

    /// <summary>The forward-chain value of a record: MMI over the maps for a conv layer, I(X;T) otherwise.</summary>
    private static double Forward(InformationRecord r) => r.Mmi ?? r.InputInformation;
}
