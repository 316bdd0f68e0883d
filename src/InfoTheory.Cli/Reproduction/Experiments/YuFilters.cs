using InfoTheory.TorchSharp;

namespace InfoTheory.Cli.Reproduction.Experiments;

/// <summary>
/// <c>yu-filters</c>: the filter sweeps of Yu et al. (2021): C1 ∈ {2, 4, 6, 8, 12} with C2 = 12, and C2 ∈ {4, 8, 12,
/// 16, 32, 64} with C1 = 6; for the swept layer after training, the MMI I(X; {T¹…T^C}) against the input-entropy bound
/// H(X), RST% and WNRI% (redundancy against synergy), and WNRI against MMI.
/// </summary>
internal sealed class YuFilters : Experiment
{
    // "Reaches the bound": MMI within this fraction of H(X) (the matrix-based MMI can never exceed H(X)).
    private const double BoundFraction = 0.98;

    /// <inheritdoc />
    public override string Name => "yu-filters";

    /// <inheritdoc />
    public override string Title => "Yu et al. (2021): filter-count sweeps of a LeNet-5-like CNN; MMI against H(X), RST%, WNRI%";

    /// <inheritdoc />
    public override Paper Paper => YuCnn.Paper;

    /// <inheritdoc />
    public override void Run(ExperimentRun run)
    {
        int epochs = run.Size(4, 1);
        int probeSize = run.Size(200, 40);
        int? pairs = run.Size<int?>(20, 4);
        int[] conv1Counts = run.Size<int[]>([2, 4, 6, 8, 12], [2, 6]);
        int[] conv2Counts = run.Size<int[]>([4, 8, 12, 16, 32, 64], [12, 32]);
        const int FixedC2 = 12, FixedC1 = 6;
        var (train, probe) = run.Digits(run.Size(5_000, 200), probeSize);
        int perEpoch = (train.Count + YuCnn.Batch - 1) / YuCnn.Batch;
        YuCnn.RecordCommonSettings(run, epochs, probeSize, pairs, 2);
        run.Setting("sweeps", $"C1 ∈ {{{string.Join(", ", conv1Counts)}}} with C2 = {FixedC2}; C2 ∈ {{{string.Join(", ", conv2Counts)}}} with C1 = {FixedC1}",
            "C1 ∈ {2, 4, 6, 8, …} with C2 = 12; C2 ∈ {…, 12, 32, …} with C1 = 6 (the counts between and beyond were not verified in the stored text)");
        run.Setting("activation", "ReLU", "sigmoid and ReLU are both studied in the paper; the sweep figure's activation was not verified in the stored text");
        run.Setting("quantities", "after training, for the swept layer: MMI I(X;{T¹…T^C}), the bound H(X) of the probe, mean RST% and WNRI% over map pairs, mean WNRI (bits)");
        run.Deviation($"Training: {train.Count:N0} digits for {epochs} epochs per network ({conv1Counts.Length + conv2Counts.Length - 1} networks), not the paper's full data and {YuCnn.PaperEpochs} epochs, so that the sweep fits 15 minutes on 2 cores.");
        var options = YuCnn.Options(run, pairs);
        double hx = YuCnn.InputEntropyBits(probe, options);
        run.Measure("probe.h_x", hx, "bits");

        // Each network's last records with matrix Rényi and with KSG (same activations).
        var cache = new Dictionary<(int, int), (IReadOnlyList<InformationRecord> Renyi, IReadOnlyList<InformationRecord> Ksg)>();
        (IReadOnlyList<InformationRecord> Renyi, IReadOnlyList<InformationRecord> Ksg) Last(int c1, int c2)
        {
            if (!cache.TryGetValue((c1, c2), out var last))
            {
                var (series, _, accuracy, comparison) = YuCnn.TrainAndMonitor(run, $"{c1}/{c2}", c1, c2, Activation.ReLU, train, probe, epochs, epochs * perEpoch, options,
                    ["conv1", "conv2"], compare: true);
                run.Measure($"net-{c1}-{c2}.probe_accuracy", accuracy, "fraction");
                cache[(c1, c2)] = last = (series.Steps()[^1], comparison![KsgAgreement.Second].Steps()[^1]);
            }

            return last;
        }

        var sweep1 = conv1Counts.Select(c => (Count: c, Record: Last(c, FixedC2).Renyi.Single(r => r.Layer == "conv1"), Ksg: Last(c, FixedC2).Ksg.Single(r => r.Layer == "conv1"))).ToList();
        var sweep2 = conv2Counts.Select(c => (Count: c, Record: Last(FixedC1, c).Renyi.Single(r => r.Layer == "conv2"), Ksg: Last(FixedC1, c).Ksg.Single(r => r.Layer == "conv2"))).ToList();

        var rows = new List<IReadOnlyList<string>>();
        foreach (var (layer, sweep) in new[] { ("conv1", sweep1), ("conv2", sweep2) })
        {
            foreach (var (count, r, _) in sweep)
            {
                rows.Add([layer, count.ToString(System.Globalization.CultureInfo.InvariantCulture), YuCnn.F(r.Mmi!.Value), YuCnn.F(r.Mmi.Value / hx),
                    YuCnn.F(r.RstPercent ?? double.NaN, 1), YuCnn.F(r.WnriPercent ?? double.NaN, 1), YuCnn.F(r.Wnri ?? double.NaN)]);
                string key = $"{layer}.c{count}";
                run.Measure(key + ".mmi", r.Mmi.Value, "bits");
                run.Measure(key + ".rst_pct", r.RstPercent ?? 0, "%");
                run.Measure(key + ".wnri_pct", r.WnriPercent ?? 0, "%");
                run.Measure(key + ".wnri", r.Wnri ?? 0, "bits");
            }

            double[] xs = [.. sweep.Select(s => (double)s.Count)];
            YuCnn.SaveLines(run.Figure($"mmi-{layer}.png", $"MMI of {layer} after training against its filter count, with the bound H(X) of the probe (bits)"),
                $"MMI of {layer} against the number of filters", $"Filters in {layer}", "bits",
                [($"MMI I(X;{layer} maps)", xs, [.. sweep.Select(s => s.Record.Mmi!.Value)]), ($"WNRI ({layer})", xs, [.. sweep.Select(s => s.Record.Wnri ?? 0)])],
                [("H(X) bound", hx)]);
            YuCnn.SaveLines(run.Figure($"pid-{layer}.png", $"RST% (redundancy − synergy) and WNRI% (non-redundant share) of {layer} against its filter count"),
                $"Redundancy and synergy of {layer}", $"Filters in {layer}", "% of I(X;{Ti,Tj})",
                [("RST%", xs, [.. sweep.Select(s => s.Record.RstPercent ?? 0)]), ("WNRI%", xs, [.. sweep.Select(s => s.Record.WnriPercent ?? 0)])]);
        }

        run.Table($"After training (H(X) = {YuCnn.F(hx)} bits)", ["layer", "filters", "MMI (bits)", "MMI / H(X)", "RST%", "WNRI%", "WNRI (bits)"], rows);

        // Under KSG only the sweep's ranking can be compared: the bound and the PID proxies are matrix-Rényi constructs.
        var boundKsg = KsgCheck.NotChecked("reaching the bound H(X)",
            "H(X) is the matrix-Rényi bound of MMI (both at most log₂ N on N probe digits); KSG's I(X;T) of a deterministic layer has no such bound to reach "
            + "(for continuous X the true value is infinite, and the estimate's ceiling is set by N and k)");
        var pidKsg = KsgCheck.NotChecked("the PID part (RST%, WNRI%, WNRI ≤ MMI)",
            "RST and WNRI are computed from matrix-Rényi Gram matrices of map pairs (PartialInformation), which take no other estimator");
        var agreement = new List<IReadOnlyList<string>>();
        var ranks = new List<string>();
        foreach (var (layer, sweep) in new[] { ("conv1", sweep1), ("conv2", sweep2) })
        {
            var (text, rho) = RankAgreement(layer, [.. sweep.Select(s => s.Record.Mmi!.Value)], [.. sweep.Select(s => s.Ksg.InputInformation)]);
            if (!double.IsNaN(rho))
            {
                run.Measure($"{layer}.mmi.spearman_ksg", rho, "rank correlation");
            }

            ranks.Add(text);
            foreach (var (count, r, ksg) in sweep)
            {
                agreement.Add([layer, count.ToString(System.Globalization.CultureInfo.InvariantCulture), YuCnn.F(r.Mmi!.Value), YuCnn.F(ksg.InputInformation)]);
                run.Measure($"{layer}.c{count}.i_xt_ksg", ksg.InputInformation, "bits (KSG)");
            }
        }

        KsgAgreement.Setting(run, "before and after training (a conv layer's maps taken jointly, as a whole layer)");
        run.Table("Agreement between estimators across the sweeps: the swept layer's MMI (matrix Rényi) and KSG's I(X;T) of all its maps jointly after training, each in its own bits, "
            + $"and Spearman ρ across the filter counts (≥ {KsgAgreement.TrendRho:F1}: ranked alike). "
            + string.Join("; ", ranks) + ". " + KsgAgreement.Conclusion([boundKsg, pidKsg]),
            ["layer", "filters", "MMI, matrix Rényi (bits)", "I(X;T), KSG (bits)"], agreement);

        // The smallest count from which the MMI stays within 2 % of H(X), or null when it never does.
        static int? Reached(IEnumerable<(int Count, InformationRecord Record)> sweep, double bound)
        {
            int? from = null;
            foreach (var (count, r) in sweep.OrderByDescending(s => s.Count))
            {
                if (r.Mmi!.Value < BoundFraction * bound)
                {
                    break;
                }

                from = count;
            }

            return from;
        }

        Verdict BoundVerdict(int? reached, int paper, int[] counts)
        {
            if (reached == paper)
            {
                return Verdict.Reproduced;
            }

            int at = Array.IndexOf(counts, paper);
            bool neighbour = reached is { } r && at >= 0 && Math.Abs(Array.IndexOf(counts, r) - at) == 1;
            return neighbour ? Verdict.Partly : Verdict.NotReproduced;
        }

        int? reached1 = Reached(sweep1.Select(s => (s.Count, s.Record)), hx), reached2 = Reached(sweep2.Select(s => (s.Count, s.Record)), hx);
        string Where(string layer, int count) => $"Abstract; the filter sweep of {layer} (" + YuCnn.SectionsNotStored + $": MMI reaches the bound H(X) with {count} filters)";
        run.Claim("mmi-bound-conv1", YuCnn.PidQuote, Where("conv1", 6),
            $"reproduced when the smallest C1 from which MMI(conv1) stays ≥ {YuCnn.F(BoundFraction, 2)}·H(X) is 6; partly when it is the neighbouring count in the sweep (4 or 8); not reproduced otherwise (also when the bound is never reached)",
            boundKsg.AfterMeasured($"H(X) = {YuCnn.F(hx)} bits; MMI(conv1) = {string.Join(", ", sweep1.Select(s => $"{YuCnn.F(s.Record.Mmi!.Value)} (C1={s.Count})"))}; reached from C1 = {(reached1?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "never")}"),
            BoundVerdict(reached1, 6, conv1Counts));
        run.Claim("mmi-bound-conv2", YuCnn.PidQuote, Where("conv2", 32),
            $"reproduced when the smallest C2 from which MMI(conv2) stays ≥ {YuCnn.F(BoundFraction, 2)}·H(X) is 32; partly when it is the neighbouring count in the sweep (16 or 64); not reproduced otherwise",
            boundKsg.AfterMeasured($"H(X) = {YuCnn.F(hx)} bits; MMI(conv2) = {string.Join(", ", sweep2.Select(s => $"{YuCnn.F(s.Record.Mmi!.Value)} (C2={s.Count})"))}; reached from C2 = {(reached2?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "never")}"),
            BoundVerdict(reached2, 32, conv2Counts));

        // Synergy grows with the filter count (WNRI% at the largest count above that at the smallest, both sweeps) while
        // redundancy stays larger (RST% > WNRI% at every count).
        bool grows = sweep1[^1].Record.WnriPercent > sweep1[0].Record.WnriPercent && sweep2[^1].Record.WnriPercent > sweep2[0].Record.WnriPercent;
        bool redundancyLarger = sweep1.Concat(sweep2).All(s => s.Record.RstPercent > s.Record.WnriPercent);
        run.Claim("synergy-grows-redundancy-larger", YuCnn.PidQuote,
            "Abstract; the RST%/WNRI% panels of the filter sweeps (" + YuCnn.SectionsNotStored + ": synergy grows with the number of filters, but redundancy stays larger)",
            "reproduced when WNRI% at the largest filter count exceeds WNRI% at the smallest in both sweeps AND RST% > WNRI% at every count; partly when only one of the two holds",
            pidKsg.AfterMeasured($"conv1 WNRI% {YuCnn.F(sweep1[0].Record.WnriPercent ?? 0, 1)} → {YuCnn.F(sweep1[^1].Record.WnriPercent ?? 0, 1)}; conv2 WNRI% {YuCnn.F(sweep2[0].Record.WnriPercent ?? 0, 1)} → {YuCnn.F(sweep2[^1].Record.WnriPercent ?? 0, 1)}; "
                + $"RST% > WNRI% at {sweep1.Concat(sweep2).Count(s => s.Record.RstPercent > s.Record.WnriPercent)} of {sweep1.Count + sweep2.Count} counts"),
            grows && redundancyLarger ? Verdict.Reproduced : grows || redundancyLarger ? Verdict.Partly : Verdict.NotReproduced);

        var all = sweep1.Concat(sweep2).ToList();
        int below = all.Count(s => s.Record.Wnri <= s.Record.Mmi);
        run.Claim("wnri-below-mmi", YuCnn.PidQuote,
            "Abstract; the sweeps' WNRI against MMI (" + YuCnn.SectionsNotStored + ": WNRI ≤ MMI)",
            "reproduced when WNRI ≤ MMI (bits) at every filter count of both sweeps; partly when at ≥ 80 % of them",
            pidKsg.AfterMeasured($"WNRI ≤ MMI at {below} of {all.Count} counts; largest WNRI/MMI = {YuCnn.F(all.Max(s => (s.Record.Wnri ?? 0) / s.Record.Mmi!.Value))}"),
            below == all.Count ? Verdict.Reproduced : below >= 0.8 * all.Count ? Verdict.Partly : Verdict.NotReproduced);
    }

    /// <summary>
    /// Whether KSG ranks a sweep's filter counts as MMI does, from Spearman's ρ across the counts (≥ <see cref="KsgAgreement.TrendRho"/>:
    /// alike); not decided when most KSG values are below 0, where its bias exceeds the values it would rank (<see cref="KsgAgreement.Decide"/>).
    /// </summary>
    internal static (string Text, double Rho) RankAgreement(string layer, IReadOnlyList<double> mmi, IReadOnlyList<double> ksg)
    {
        double rho = RankCorrelation.Spearman([.. mmi], [.. ksg]);
        int negative = ksg.Count(v => v < 0);
        string text = double.IsNaN(rho) ? $"{layer}: ρ n/a (constant across the counts)"
            : 2 * negative > ksg.Count ? $"KSG's ranking of the {layer} filter counts is not decided: its I(X;T) is below 0 at {negative} of {ksg.Count} counts, which no mutual information is (ρ = {YuCnn.F(rho, 2)})"
            : rho >= KsgAgreement.TrendRho ? $"KSG ranks the {layer} filter counts as MMI does (ρ = {YuCnn.F(rho, 2)})"
            : $"KSG does not rank the {layer} filter counts as MMI does (ρ = {YuCnn.F(rho, 2)})";
        return (text, rho);
    }
}
