using InfoTheory.TorchSharp;

namespace InfoTheory.Cli.Reproduction.Experiments;

/// <summary>
/// <c>yu-mip</c>: the information plane (IP) and the modified information plane (M-IP) of Yu et al. (2021) for a
/// LeNet-5-like CNN (6/12 filters) with sigmoid and with ReLU: the M-IP puts the WNRI of a convolutional layer's maps with
/// respect to X on one axis and with respect to Y on the other; compression is a late fall of the X-side value.
/// </summary>
internal sealed class YuMip : Experiment
{
    // A fall of the X-side value from its maximum to the last measurement counts as compression from this many bits.
    private const double CompressionBits = 0.05;
    private static readonly string[] ConvLayers = ["conv1", "conv2"];

    /// <inheritdoc />
    public override string Name => "yu-mip";

    /// <inheritdoc />
    public override string Title => "Yu et al. (2021): information plane and modified plane (WNRI w.r.t. X and Y) of a CNN, sigmoid against ReLU";

    /// <inheritdoc />
    public override Paper Paper => YuCnn.Paper;

    /// <inheritdoc />
    public override void Run(ExperimentRun run)
    {
        int epochs = run.Size(5, 1);
        int probeSize = run.Size(128, 40);
        int? pairs = run.Size<int?>(20, 4);
        var (train, probe) = run.Digits(run.Size(5_000, 256), probeSize);
        int perEpoch = (train.Count + YuCnn.Batch - 1) / YuCnn.Batch;
        int every = run.Size(10, perEpoch);
        int measurements = (epochs * perEpoch + every - 1) / every + 1;
        YuCnn.RecordCommonSettings(run, epochs, probeSize, pairs, measurements);
        run.Setting("network", "C1/C2 = 6/12 filters, trained once with sigmoid and once with ReLU (same seed)");
        run.Setting("planes", "IP: I(X;T) against I(T;Y) for every layer; M-IP: WNRI with respect to X against WNRI with respect to Y for conv1 and conv2");
        run.Setting("measurement schedule", $"before training and every {every} iterations", "not verified in the stored text");
        run.Deviation($"Training: {train.Count:N0} digits for {epochs} epochs per network, not the paper's full data and {YuCnn.PaperEpochs} epochs, so that the run (two networks, measured every {every} iterations) fits 15 minutes on 2 cores.");
        var options = YuCnn.Options(run, pairs, targetPid: true);
        // Both claims are about the M-IP, which has no KSG counterpart here: no second estimator is run.
        var mipKsg = KsgCheck.NotChecked("compression in the M-IP",
            "its axes are WNRI, which PartialInformation computes from matrix-Rényi Gram matrices of map pairs and no other estimator, "
            + "and its Y axis is information about one-hot labels, on which KSG's k-NN distances tie");
        KsgAgreement.NotCompared(run, "both claims are about the M-IP: " + mipKsg.Detail);

        var falls = new Dictionary<(Activation, string), (double Peak, double Last)>();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var activation in new[] { Activation.Sigmoid, Activation.ReLU })
        {
            string name = activation == Activation.Sigmoid ? "sigmoid" : "relu";
            var (series, losses, accuracy, _) = YuCnn.TrainAndMonitor(run, name, 6, 12, activation, train, probe, epochs, every, options);
            run.Measure($"{name}.probe_accuracy", accuracy, "fraction");
            run.Measure($"{name}.loss.last", losses[^1], "nats");
            InformationPlot.SaveInformationPlane(series, run.Figure($"ip-{name}.png", $"Information plane of the {name} network: I(X;T) against I(T;Y) per layer, coloured by epoch (bits)"),
                new InformationPlaneStyle { Title = $"IP, LeNet-5-like 6/12, {name}" });
            InformationPlot.SaveInformationPlane(series, run.Figure($"mip-{name}.png", $"Modified information plane of the {name} network: WNRI w.r.t. X against WNRI w.r.t. Y for conv1 and conv2 (bits)"),
                new InformationPlaneStyle { Title = $"M-IP, LeNet-5-like 6/12, {name}", XAxis = InformationPlaneInputAxis.Wnri, YAxis = InformationPlaneAxis.TargetWnri, Layers = ConvLayers });
            foreach (var layer in series.Layers)
            {
                var track = series.Records.Where(r => r.Layer == layer).ToList();
                double ipPeak = track.Max(r => r.InputInformation), ipLast = track[^1].InputInformation;
                run.Measure($"{name}.{layer}.i_xt.fall", ipPeak - ipLast, "bits");
                string mip = "", mipFall = "";
                if (ConvLayers.Contains(layer))
                {
                    double peak = track.Max(r => r.Wnri!.Value), last = track[^1].Wnri!.Value;
                    falls[(activation, layer)] = (peak, last);
                    run.Measure($"{name}.{layer}.wnri_x.fall", peak - last, "bits");
                    run.Measure($"{name}.{layer}.wnri_y.last", track[^1].TargetWnri!.Value, "bits");
                    mip = $"{YuCnn.F(track[^1].Wnri!.Value)} / {YuCnn.F(track[^1].TargetWnri!.Value)}";
                    mipFall = YuCnn.F(peak - last);
                }

                rows.Add([name, layer, YuCnn.F(track[^1].InputInformation), YuCnn.F(track[^1].TargetInformation), YuCnn.F(ipPeak - ipLast), mip, mipFall]);
            }
        }

        run.Table("Last measurement and falls from the peak (bits)", ["activation", "layer", "I(X;T)", "I(T;Y)", "I(X;T) peak − last", "WNRI X / Y", "WNRI X peak − last"], rows);

        // Compression in the M-IP: the X-side WNRI ends at least CompressionBits below its peak.
        bool Compresses(Activation a, string layer) => falls[(a, layer)].Peak - falls[(a, layer)].Last >= CompressionBits;
        int sigmoidCompressing = ConvLayers.Count(l => Compresses(Activation.Sigmoid, l));
        int reluCompressing = ConvLayers.Count(l => Compresses(Activation.ReLU, l));
        string FallText(Activation a) => string.Join(", ", ConvLayers.Select(l => $"{l} {YuCnn.F(falls[(a, l)].Peak - falls[(a, l)].Last)}"));
        run.Claim("mip-compression", YuCnn.DpiQuote,
            "Abstract; the modified information plane (" + YuCnn.SectionsNotStored + ": compression appears in the M-IP, WNRI for both axes)",
            $"reproduced when WNRI w.r.t. X ends ≥ {YuCnn.F(CompressionBits, 2)} bits below its peak for both conv layers of the sigmoid network and at least one of the ReLU network; partly when for at least one (network, layer); not reproduced when for none",
            mipKsg.AfterMeasured($"WNRI w.r.t. X, peak − last (bits): sigmoid {FallText(Activation.Sigmoid)}; ReLU {FallText(Activation.ReLU)}"),
            sigmoidCompressing == ConvLayers.Length && reluCompressing >= 1 ? Verdict.Reproduced
                : sigmoidCompressing + reluCompressing >= 1 ? Verdict.Partly : Verdict.NotReproduced);

        int sigmoidMore = ConvLayers.Count(l => falls[(Activation.Sigmoid, l)].Peak - falls[(Activation.Sigmoid, l)].Last
            > falls[(Activation.ReLU, l)].Peak - falls[(Activation.ReLU, l)].Last);
        run.Claim("mip-sigmoid-more", YuCnn.DpiQuote,
            "Abstract; the M-IP of sigmoid against ReLU (" + YuCnn.SectionsNotStored + ": more compression with sigmoid than with ReLU)",
            "reproduced when the sigmoid network's fall of WNRI w.r.t. X (peak − last) exceeds the ReLU network's for both conv layers; partly when for one",
            mipKsg.AfterMeasured($"sigmoid falls more in {sigmoidMore} of {ConvLayers.Length} conv layers (sigmoid {FallText(Activation.Sigmoid)}; ReLU {FallText(Activation.ReLU)})"),
            sigmoidMore == ConvLayers.Length ? Verdict.Reproduced : sigmoidMore >= 1 ? Verdict.Partly : Verdict.NotReproduced);
    }
}
