namespace InfoTheory.Tests.Core;

/// <summary>
/// The one result contract (issue #13): every estimator returns an <see cref="InformationEstimate"/> whose diagnostics
/// record says what it computed with and saw; the records compare by value and print their contents; the estimator
/// interfaces give generic code the standard error and the diagnostics without reflection.
/// </summary>
public sealed class DiagnosticsTests
{
    private static readonly Samples X = TestData.Gaussian(200, 2, 1);
    private static readonly Samples Y = TestData.Dependent(X, 1, 2);

    [Fact]
    public void Renyi_diagnostics_carry_alpha_the_widths_in_argument_order_and_saturation()
    {
        var options = new MatrixRenyiOptions { Alpha = 2, Bandwidth = Bandwidth.Fixed(1.5) };
        var h = new MatrixRenyiEntropy(options).Estimate(X);
        var check = Assert.Single(h.DiagnosticsAs<RenyiDiagnostics>().WidthChecks);
        Assert.Equal(new RenyiDiagnostics(2, [1.5], 0, false) { WidthChecks = [check] }, h.Diagnostics);
        Assert.Equal(1.5, check.Sigma);
        Assert.Equal((200, (Information?)null), (h.SampleCount, h.StandardError));

        // Silverman: σ = h·N^(−1/(4+d)) per variable, X (d = 2) then Y (d = 1).
        var mi = MutualInformation.MatrixRenyi(X, Y);
        var d = mi.DiagnosticsAs<RenyiDiagnostics>();
        Assert.Equal(MatrixRenyiOptions.DefaultAlpha, d.Alpha);
        Assert.Equal([Bandwidth.DefaultH * Math.Pow(200, -1.0 / 6), Bandwidth.DefaultH * Math.Pow(200, -1.0 / 5)], d.Widths);
        Assert.True(d.ClippedEigenvalueMass >= 0);

        // A tiny σ makes every Gram the identity: the joint entropy sits at ln N, saturated.
        var narrow = MutualInformation.MatrixRenyi(X, Y, new MatrixRenyiOptions { Alpha = 2, Bandwidth = Bandwidth.Fixed(1e-6) });
        Assert.True(narrow.DiagnosticsAs<RenyiDiagnostics>().Saturated);
    }

    [Fact]
    public void Pid_proxies_carry_the_pass_diagnostics_on_the_mmi()
    {
        var layer = new FeatureMaps(TestData.Gaussian(60, 3 * 4, 5).ToArray(), 60, 3, 2, 2);
        var x = TestData.Gaussian(60, 2, 6);
        var pid = PartialInformation.Proxies(x, layer, new PidOptions { Renyi = new MatrixRenyiOptions { Alpha = 2 } });
        var d = pid.Mmi.DiagnosticsAs<RenyiDiagnostics>();
        Assert.Equal(2, d.Alpha);
        Assert.Equal(4, d.Widths.Count); // σ_X, then each of the three maps
        Assert.Equal(Bandwidth.DefaultH * Math.Pow(60, -1.0 / 6), d.Widths[0], 14);
        // The same numbers as the multivariate MI of the same layer, which reports the same widths.
        var mmi = MutualInformation.MatrixRenyiMultivariate(x, layer, new MatrixRenyiOptions { Alpha = 2 });
        Assert.Equal(mmi.DiagnosticsAs<RenyiDiagnostics>().Widths, d.Widths);
        Assert.Equal(mmi.Value.Nats, pid.Mmi.Value.Nats, 9);
    }

    [Fact]
    public void Knn_diagnostics_carry_k_the_norm_standardisation_jitter_and_the_variant()
    {
        var options = new KnnOptions { K = 4, Norm = KnnNorm.Max, Standardize = true, TieJitter = 0 };
        Assert.Equal(new KnnDiagnostics(4, KnnNorm.Max, true, 0), new KozachenkoLeonenkoEntropy(options).Estimate(X).Diagnostics);
        Assert.Equal(new KnnDiagnostics(4, KnnNorm.Max, true, 0) { Weighted = true },
            new WeightedKozachenkoLeonenkoEntropy(options).Estimate(X).Diagnostics);
        Assert.Equal(new KnnDiagnostics(4, KnnNorm.Max, true, 0) { Weighted = true },
            new KnnEntropyMutualInformation(options, weighted: true).Estimate(X, Y).Diagnostics);
        Assert.Equal(new KnnDiagnostics(4, KnnNorm.Max, true, 0),
            new KnnKullbackLeiblerDivergence(options).Estimate(X, TestData.Gaussian(150, 2, 9)).Diagnostics);

        var ksg = MutualInformation.Ksg(X, Y, variant: KsgVariant.Two);
        Assert.Equal(new KnnDiagnostics(KnnOptions.DefaultK, KnnNorm.Max, false, KnnOptions.DefaultTieJitter) { Variant = KsgVariant.Two }, ksg.Diagnostics);
        Assert.Equal(KsgVariant.One, MutualInformation.KsgConditional(X, Y, TestData.Gaussian(200, 1, 4)).DiagnosticsAs<KnnDiagnostics>().Variant);
    }

    [Fact]
    public void Knn_diagnostics_survive_the_degenerate_paths()
    {
        // A constant X: KSG returns 0 exactly with a warning, and still says how it was asked to compute.
        var constant = Samples.FromColumn(Enumerable.Repeat(1.0, 200).ToArray());
        var zero = new KsgMutualInformation().Estimate(constant, Y);
        Assert.Equal(0, zero.Value.Nats);
        Assert.Equal("constant", Assert.Single(zero.Warnings).Code);
        Assert.Equal(KnnOptions.DefaultK, zero.DiagnosticsAs<KnnDiagnostics>().K);
    }

    [Fact]
    public void The_default_k_is_one_constant_used_by_options_and_facades()
    {
        Assert.Equal(3, KnnOptions.DefaultK);
        Assert.Equal(KnnOptions.DefaultK, KnnOptions.Default.K);
        Assert.Equal(KnnOptions.DefaultK, KsgOptions.Default.K);
        Assert.Equal(KnnOptions.DefaultK, Entropy.KozachenkoLeonenko(X).DiagnosticsAs<KnnDiagnostics>().K);
        Assert.Equal(KnnOptions.DefaultK, Entropy.WeightedKozachenkoLeonenko(X).DiagnosticsAs<KnnDiagnostics>().K);
        Assert.Equal(KnnOptions.DefaultK, MutualInformation.Ksg(X, Y).DiagnosticsAs<KnnDiagnostics>().K);
        Assert.Equal(KnnOptions.DefaultK, Divergence.KullbackLeibler(X, TestData.Gaussian(150, 2, 9)).DiagnosticsAs<KnnDiagnostics>().K);
        Assert.Equal(KnnOptions.DefaultTieJitter, KnnOptions.Default.TieJitter);
        Assert.Equal(KnnOptions.DefaultTieJitter, KsgOptions.Default.TieJitter);
        Assert.Equal(Bandwidth.Silverman(), Bandwidth.Default);
        Assert.Equal(BinningOptions.DefaultBins, BinningOptions.Default.Bins);
    }

    [Fact]
    public void Kde_diagnostics_carry_each_densitys_bandwidth_factor()
    {
        // Scott: h = N^(−1/(d+4)) for X (d = 2), Y (d = 1) and the joint (d = 3).
        // (Their width checks are tested in KdeWidthCheckTests; here they are set aside.)
        var mi = MutualInformation.Kde(X, Y, new KdeOptions { LeaveOneOut = true });
        Assert.Equal(new KdeDiagnostics([Math.Pow(200, -1.0 / 6), Math.Pow(200, -1.0 / 5), Math.Pow(200, -1.0 / 7)], KdeBandwidthRule.Scott,
            KdeScaling.Covariance, true), mi.DiagnosticsAs<KdeDiagnostics>() with { WidthChecks = [] });
        var fixedH = Entropy.Kde(X, new KdeOptions { Rule = KdeBandwidthRule.Fixed, Factor = 0.3, Scaling = KdeScaling.Diagonal });
        Assert.Equal(new KdeDiagnostics([0.3], KdeBandwidthRule.Fixed, KdeScaling.Diagonal, false), fixedH.DiagnosticsAs<KdeDiagnostics>() with { WidthChecks = [] });
        var kde = new KdeEntropy(new KdeOptions { Rule = KdeBandwidthRule.LeaveOneOutLikelihood });
        Assert.Equal(kde.SelectBandwidth(X), Assert.Single(kde.Estimate(X).DiagnosticsAs<KdeDiagnostics>().Bandwidths));
    }

    [Fact]
    public void Binning_and_discrete_diagnostics_count_the_patterns_by_hand()
    {
        // x in 2 bins: {0, 1} → bin 0, {2, 3} → bin 1; y in 2 bins: 0 and 1 alternate. Joint: 4 patterns.
        var x = Samples.FromColumn(new double[] { 0, 1, 2, 3 });
        var y = Samples.FromColumn(new double[] { 0, 1, 0, 1 });
        var options = new BinningOptions { Bins = 2, Correction = DiscreteBiasCorrection.MillerMadow };
        Assert.Equal(new BinningDiagnostics(2, BinRange.PerColumn, DiscreteBiasCorrection.MillerMadow, [2]), new BinnedEntropy(options).Estimate(x).Diagnostics);
        Assert.Equal([2, 2, 4], new BinnedMutualInformation(options).Estimate(x, y).DiagnosticsAs<BinningDiagnostics>().Patterns);

        int[] sx = [5, 5, 7, 9], sy = [1, 1, 1, 2];
        Assert.Equal(new DiscreteDiagnostics(DiscreteBiasCorrection.None, [3]), Entropy.Discrete(sx).Diagnostics);
        Assert.Equal([3, 2, 3], MutualInformation.Discrete(sx, sy).DiagnosticsAs<DiscreteDiagnostics>().Symbols);

        var smoothed = new DiscreteDivergenceOptions { Pseudocount = 0.5 };
        var histogram = Divergence.Discrete([1.0, 2, 0], [1.0, 1, 1], smoothed);
        Assert.Equal(new DiscreteDiagnostics(DiscreteBiasCorrection.None, [3]) { Pseudocount = 0.5 }, histogram.Diagnostics);
        Assert.Equal((0, (Information?)null), (histogram.SampleCount, histogram.StandardError));
        var symbols = Divergence.Discrete([1, 1, 2], [1, 2, 3, 3], smoothed);
        Assert.Equal(new DiscreteDiagnostics(DiscreteBiasCorrection.None, [3]) { Pseudocount = 0.5 }, symbols.Diagnostics);
        Assert.Equal(3, symbols.SampleCount);
        var binned = Divergence.Histogram(x, Samples.FromColumn(new double[] { 3, 0, 2, 1 }), new DiscreteDivergenceOptions { Binning = new BinningOptions { Bins = 2 } });
        Assert.Equal(new BinningDiagnostics(2, BinRange.PerColumn, DiscreteBiasCorrection.None, [2]), binned.Diagnostics);

        // The layer estimator: H(T) over the bin patterns of the layer, I(T;Y) with [m_T, m_Y, m_TY].
        var layer = new LayerBinning(new BinningOptions { Bins = 2 }).Estimate(new Samples(new double[] { 0, 0, 1, 1, 0, 1, 1, 0 }, 2), [0, 0, 1, 1]);
        Assert.Equal(new BinningDiagnostics(2, BinRange.PerColumn, DiscreteBiasCorrection.None, [4]), layer.LayerEntropy.Diagnostics);
        Assert.Equal([4, 2, 4], layer.Label.DiagnosticsAs<BinningDiagnostics>().Patterns);
    }

    [Fact]
    public void Gaussian_fit_and_bound_diagnostics_say_how_they_were_computed()
    {
        Assert.Equal(new GaussianFitDiagnostics(CovarianceDivisor.Unbiased, false), Entropy.GaussianFit(X).Diagnostics);
        Assert.Equal(new GaussianFitDiagnostics(CovarianceDivisor.MaximumLikelihood, true),
            Entropy.GaussianFit(X, new GaussianFitOptions { Covariance = CovarianceDivisor.MaximumLikelihood, BiasCorrected = true }).Diagnostics);
        Assert.Equal(new GaussianFitDiagnostics(CovarianceDivisor.Unbiased, false), MutualInformation.GaussianFit(X, Y).Diagnostics);

        var bounds = MutualInformation.KolchinskyTracey(X, 0.1);
        Assert.Equal(new KolchinskyTraceyDiagnostics(0.1, PairwiseDistance.Bhattacharyya), bounds.Lower.Diagnostics);
        Assert.Equal(new KolchinskyTraceyDiagnostics(0.1, PairwiseDistance.KullbackLeibler), bounds.Upper.Diagnostics);
        Assert.True(bounds.Lower.Value <= bounds.Upper.Value);
        var labels = new KolchinskyTracey(0.1).LabelInformation(X, Enumerable.Range(0, 200).Select(i => i % 3).ToArray());
        Assert.Equal(PairwiseDistance.KullbackLeibler, labels.Upper.DiagnosticsAs<KolchinskyTraceyDiagnostics>().Distance);
    }

    [Fact]
    public void Compression_diagnostics_carry_the_codes_the_bound_and_the_inner_diagnostics()
    {
        var wide = new Samples(Enumerable.Range(0, 200 * 4).Select(i => X[i / 4, i % 2] * (1 + i % 4)).ToArray(), 4);
        var estimator = new CompressedMutualInformation(new KsgMutualInformation(new KsgOptions { K = 5 }),
            new PcaCompressor(new PcaOptions { Components = 2, NoiseVariance = 0.01 }));
        var result = estimator.Estimate(wide, Y);
        var d = result.DiagnosticsAs<CompressionDiagnostics>();
        Assert.Equal((2, 1), (d.XCodeDimensions, d.YCodeDimensions));
        Assert.NotNull(d.LossBound);
        Assert.Equal(4, d.XExplainedVariances!.Count);
        Assert.Null(d.YExplainedVariances);
        Assert.Equal(new KnnDiagnostics(5, KnnNorm.Max, false, KnnOptions.DefaultTieJitter) { Variant = KsgVariant.One }, d.Inner);
        // The inner estimate on the codes, passed on: value, standard error, N.
        var codes = new PcaCompressor(new PcaOptions { Components = 2 }).Fit(wide).Encode(wide);
        var inner = new KsgMutualInformation(new KsgOptions { K = 5 }).Estimate(codes, Y);
        Assert.Equal(inner with { Diagnostics = d }, result);
    }

    [Fact]
    public void Diagnostics_compare_by_value_including_their_lists_and_nested_records()
    {
        var a = new KdeDiagnostics(new[] { 0.5, 0.6 }, KdeBandwidthRule.Scott, KdeScaling.Covariance, false);
        var b = new KdeDiagnostics(new List<double> { 0.5, 0.6 }, KdeBandwidthRule.Scott, KdeScaling.Covariance, false);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { LeaveOneOut = true });
        Assert.NotEqual<EstimateDiagnostics>(a, new GaussianFitDiagnostics(CovarianceDivisor.Unbiased, false));

        var c1 = new CompressionDiagnostics(2, 1, Information.FromNats(0.1), new KnnDiagnostics(3, KnnNorm.Max, false, 1e-10)) { XExplainedVariances = [3.0, 1, 0] };
        var c2 = new CompressionDiagnostics(2, 1, Information.FromNats(0.1), new KnnDiagnostics(3, KnnNorm.Max, false, 1e-10)) { XExplainedVariances = new List<double> { 3, 1, 0 } };
        Assert.Equal(c1, c2);
        Assert.NotEqual(c1, c2 with { Inner = new KnnDiagnostics(4, KnnNorm.Max, false, 1e-10) });

        // Estimates compare their diagnostics too: the same estimator twice is equal, another setting is not.
        Assert.Equal(MutualInformation.Ksg(X, Y), MutualInformation.Ksg(X, Y));
        var plain = new InformationEstimate(Information.FromNats(1), Information.FromNats(0.1), 10);
        Assert.NotEqual(plain, plain with { Diagnostics = new GaussianFitDiagnostics(CovarianceDivisor.Unbiased, false) });
        Assert.Null(plain.Diagnostics);
    }

    [Fact]
    public void Diagnostics_print_their_contents()
    {
        string renyi = new RenyiDiagnostics(1.01, new[] { 0.5, 1.25 }, 0, true).ToString();
        Assert.Contains("Widths = [0.5, 1.25]", renyi);
        Assert.Contains("Saturated = True", renyi);
        string knn = new KnnDiagnostics(3, KnnNorm.Max, false, 0) { Variant = KsgVariant.Two }.ToString();
        Assert.StartsWith("KnnDiagnostics { K = 3, Norm = Max, Standardized = False, TieJitter = 0, Variant = Two, Weighted = False }", knn);
        Assert.Contains("Patterns = [2, 3, 5]", new BinningDiagnostics(8, BinRange.Layer, DiscreteBiasCorrection.None, [2, 3, 5]).ToString());
        Assert.Contains("Symbols = [4]", new DiscreteDiagnostics(DiscreteBiasCorrection.MillerMadow, [4]).ToString());
        string compressed = new CompressionDiagnostics(2, 1, null, new GaussianFitDiagnostics(CovarianceDivisor.Unbiased, false)).ToString();
        Assert.Contains("Inner = GaussianFitDiagnostics { Covariance = Unbiased, BiasCorrected = False }", compressed);
        Assert.Contains("Distance = KullbackLeibler", new KolchinskyTraceyDiagnostics(0.1, PairwiseDistance.KullbackLeibler).ToString());
        Assert.DoesNotContain("System.", renyi + knn + compressed);
    }

    public static TheoryData<string> MutualInformationEstimators => new(MiEstimators.Keys);

    private static readonly Dictionary<string, Func<IMutualInformationEstimator>> MiEstimators = new()
    {
        ["renyi"] = () => new MatrixRenyiMutualInformation(),
        ["ksg"] = () => new KsgMutualInformation(),
        ["kl"] = () => new KnnEntropyMutualInformation(),
        ["kde"] = () => new KdeMutualInformation(),
        ["bin"] = () => new BinnedMutualInformation(),
        ["discrete"] = () => new DiscreteMutualInformation(),
        ["gaussian"] = () => new GaussianFitMutualInformation(),
        ["compressed"] = () => new CompressedMutualInformation(new KsgMutualInformation(), new PcaCompressor(1)),
    };

    /// <summary>Generic code sees exactly what the concrete estimator returns: value, standard error, N, diagnostics.</summary>
    [Theory]
    [MemberData(nameof(MutualInformationEstimators))]
    public void A_generic_consumer_gets_the_standard_error_and_the_diagnostics(string name)
    {
        var estimator = MiEstimators[name]();
        var (value, standardError, diagnostics) = Consume(estimator, X, Y);
        var concrete = estimator.Estimate(X, Y, CancellationToken.None);
        Assert.Equal(concrete.Value, value);
        Assert.Equal(concrete.StandardError, standardError);
        Assert.NotNull(diagnostics);
        Assert.Equal(concrete.Diagnostics, diagnostics);
        // The k-NN, KDE, plug-in and Gaussian-fit theories give a standard error (compression passes KSG's on); matrix Rényi has none.
        Assert.Equal(name == "renyi", standardError is null);
        Information converted = estimator.Estimate(X, Y); // user code that wants the number alone still compiles
        Assert.Equal(value, converted);
    }

    [Fact]
    public void Every_entropy_estimator_gives_its_diagnostics_through_the_interface()
    {
        IEntropyEstimator[] estimators =
        [
            new MatrixRenyiEntropy(), new KozachenkoLeonenkoEntropy(), new WeightedKozachenkoLeonenkoEntropy(), new KdeEntropy(),
            new BinnedEntropy(), new DiscreteEntropy(), new GaussianFitEntropy(),
        ];
        foreach (var estimator in estimators)
        {
            var estimate = estimator.Estimate(X);
            Assert.NotNull(estimate.Diagnostics);
            Assert.Equal(200, estimate.SampleCount);
            var withToken = estimator.Estimate(X, CancellationToken.None);
            Assert.Equal(estimate.Value.Nats, withToken.Value.Nats, 12);
            Assert.Equal(estimate.Diagnostics!.GetType(), withToken.Diagnostics!.GetType());
        }
    }

    [Fact]
    public void Resampling_results_keep_the_estimators_own_estimate()
    {
        var estimator = new GaussianFitMutualInformation();
        var bootstrap = Bootstrap.ConfidenceInterval(estimator, X, Y, replicates: 20);
        Assert.Equal(estimator.Estimate(X, Y), bootstrap.Estimate);
        var test = PermutationTest.Independence(estimator, X, Y, permutations: 19);
        Assert.Equal(estimator.Estimate(X, Y), test.Statistic);
        Assert.IsType<GaussianFitDiagnostics>(test.Statistic.Diagnostics);
    }

    // What a library consumer writes: no reflection, no knowledge of the estimator's type.
    private static (Information Value, Information? StandardError, EstimateDiagnostics? Diagnostics) Consume(
        IMutualInformationEstimator estimator, Samples x, Samples y)
    {
        var estimate = estimator.Estimate(x, y);
        return (estimate.Value, estimate.StandardError, estimate.Diagnostics);
    }
}
