using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>What the second variable Y of the information plane is.</summary>
public enum TargetKind
{
    /// <summary>
    /// Autoencoders (no targets given): Y = X′, the model's output (the reconstruction) on the probe batch, so the plane
    /// shows I(X;T) against I(T;X′) as in Yu &amp; Príncipe (2019) and Lee &amp; Jo (2021). The loss of the error chain
    /// compares the output with the input X.
    /// </summary>
    Reconstruction,

    /// <summary>Classifiers (integer targets): Y = the one-hot encoded class labels.</summary>
    Labels,

    /// <summary>Floating-point targets (regression, or an explicit reconstruction target): Y = the targets as given, one row per observation.</summary>
    Values,
}

/// <summary>
/// Settings of <see cref="InformationPlane.Measure"/> and <see cref="InformationMonitor"/>. Immutable; defaults follow
/// Yu, Wickstrøm, Jenssen &amp; Príncipe (IEEE TNNLS 32(1) 2021): matrix-based Rényi α = 1.01, Gaussian kernel with
/// Silverman width h = 5 for activations and h = 0.1 for error signals.
/// </summary>
public sealed record InformationPlaneOptions
{
    private readonly MatrixRenyiOptions _renyi = MatrixRenyiOptions.Default;
    private readonly MatrixRenyiOptions _errorRenyi = new() { Bandwidth = Bandwidth.Silverman(0.1) };
    private readonly int? _pairs;
    private readonly int? _classes;
    private readonly double _divergenceSmoothing;
    private readonly int _probeBatches = 1;

    /// <summary>The defaults.</summary>
    public static InformationPlaneOptions Default { get; } = new();

    /// <summary>
    /// Matrix-Rényi settings for forward signals (X, T, Y): H(T), I(X;T), I(T;Y) unless plug-ins are given, and always
    /// MMI/RST/WNRI. Default α = 1.01, Silverman h = 5.
    /// </summary>
    /// <remarks>
    /// Its <see cref="MatrixRenyiOptions.Method"/> applies to the plane's entropies, computed in one shared pass, and to the
    /// MMI of one-map layers. With the approximate method each measure (H(T), I(X;T), I(T;Y)) is the midpoint of its
    /// certified interval, which its <see cref="RenyiDiagnostics"/> carries (<see cref="RenyiDiagnostics.Lower"/>,
    /// <see cref="RenyiDiagnostics.Upper"/>, <see cref="RenyiDiagnostics.ToleranceMissed"/>); the three entropies of a
    /// mutual information share <see cref="MatrixRenyiOptions.Tolerance"/>, as in <see cref="MatrixRenyiMutualInformation"/>.
    /// The PID proxies take the method too: each of their entropies gets an eighth of the tolerance, so MMI, every
    /// I(X;{Tⁱ,Tʲ}), RST and WNRI carry certified intervals (see <see cref="PidResult"/>). The error chain uses
    /// <see cref="ErrorRenyi"/>, method included.
    /// </remarks>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public MatrixRenyiOptions Renyi
    {
        get => _renyi;
        init => _renyi = value ?? throw new ArgumentNullException(nameof(Renyi));
    }

    /// <summary>Matrix-Rényi settings for error signals δ (the error chain). Default α = 1.01, Silverman h = 0.1.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public MatrixRenyiOptions ErrorRenyi
    {
        get => _errorRenyi;
        init => _errorRenyi = value ?? throw new ArgumentNullException(nameof(ErrorRenyi));
    }

    /// <summary>A plug-in estimator for H(T); null (default) for matrix Rényi with <see cref="Renyi"/>.</summary>
    public IEntropyEstimator? EntropyEstimator { get; init; }

    /// <summary>A plug-in estimator for I(X;T) and I(T;Y); null (default) for matrix Rényi with <see cref="Renyi"/>.</summary>
    public IMutualInformationEstimator? MutualInformationEstimator { get; init; }

    /// <summary>A plug-in estimator for I(δ_K; δ_k); null (default) for matrix Rényi with <see cref="ErrorRenyi"/>.</summary>
    public IMutualInformationEstimator? ErrorEstimator { get; init; }

    /// <summary>
    /// Compute MMI, RST, WNRI, RST% and WNRI% for 4-D (N×C×H×W) layers (default true). Layers with one map get MMI only.
    /// </summary>
    public bool ComputePid { get; init; } = true;

    /// <summary>
    /// Also compute MMI and the partial-information proxies of 4-D layers with respect to Y (default false): I(Y; {T¹…T^C})
    /// and RST, WNRI, RST%, WNRI% with Y in place of X, for the modified information plane of Yu et al. (2021), WNRI
    /// with respect to X against WNRI with respect to Y. Needs <see cref="ComputePid"/>; uses the same pairs.
    /// </summary>
    public bool TargetPid { get; init; }

    /// <summary>Map pairs per layer for RST/WNRI: null (default) for all C(C−1)/2, else a seeded sample of that many.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int? Pairs
    {
        get => _pairs;
        init => _pairs = value is < 1 ? throw new ArgumentOutOfRangeException(nameof(Pairs), value, "Pairs must be at least 1, or null for all pairs.") : value;
    }

    /// <summary>The seed of the pair sample (used when <see cref="Pairs"/> is set).</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Also measure the error chain (default false): the gradient δ_k of the loss with respect to each layer's output and
    /// I(δ_K; δ_k) with K the last measured layer (Yu et al. 2021). Runs one forward and one backward pass with
    /// gradients enabled (still in eval mode; parameters' <c>.grad</c> are not touched).
    /// </summary>
    public bool ErrorChain { get; init; }

    /// <summary>
    /// The loss for the error chain, (output, target) → scalar; null (default) for the sum (not the mean, so that δ does
    /// not shrink with N) of ½‖output − target‖² for <see cref="TargetKind.Reconstruction"/> (target = the input) and
    /// <see cref="TargetKind.Values"/>, and of the cross-entropy for <see cref="TargetKind.Labels"/> (output = logits).
    /// </summary>
    public Func<Tensor, Tensor, Tensor>? Loss { get; init; }

    /// <summary>
    /// Also estimate each layer's D(input‖output), the k-NN Kullback–Leibler divergence of Wang, Kulkarni &amp; Verdú
    /// (these settings) of the distribution of the layer's input from that of its output on the probe batch; null
    /// (default) for none. Only <see cref="InformationPlane.Measure"/> (and the monitor) computes it, as it needs each
    /// layer's input. Every measured layer must keep the dimension (input and output with the same number of values per
    /// observation, as the coupling blocks of an invertible network do), else the measurement is refused; see
    /// <see cref="InformationPlane"/>.
    /// </summary>
    public KnnOptions? LayerDivergence { get; init; }

    /// <summary>
    /// Also estimate D(X‖X̂), the k-NN Kullback–Leibler divergence (these settings) of the probe inputs from the model's
    /// reconstructions; null (default) for none. Autoencoders only (no targets, an output of the input's size), else
    /// the measurement is refused. Computed by <see cref="InformationPlane.Measure"/> and the monitor.
    /// </summary>
    public KnnOptions? ReconstructionDivergence { get; init; }

    /// <summary>
    /// σ of the Gaussian noise added (independently, seeded with the divergence's <see cref="KnnOptions.Seed"/> and
    /// Seed + 1) to every coordinate of both samples before <see cref="LayerDivergence"/> and
    /// <see cref="ReconstructionDivergence"/>; 0 (default) for none. D(P∗N‖Q∗N) of the smoothed distributions is finite
    /// where D(P‖Q) is +∞ (a coordinate constant in one sample and not the other, as after a zero-padding bottleneck),
    /// and never exceeds D(P‖Q) (data processing).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double DivergenceSmoothing
    {
        get => _divergenceSmoothing;
        init => _divergenceSmoothing = value >= 0 && double.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(nameof(DivergenceSmoothing), value, "DivergenceSmoothing must be a finite σ ≥ 0 (0 for none).");
    }

    /// <summary>
    /// Uncertainty bands (default 1: none): with B ≥ 2 the probe batch is also split into B disjoint parts of ⌊N/B⌋
    /// observations (rows drawn by a permutation seeded with <see cref="Seed"/>, so that a probe sorted by class still
    /// gives mixed parts, and the same parts at every measurement of a monitor, so that <see cref="FallTest"/> can pair
    /// them across steps; the N − B·⌊N/B⌋ left over are in no part), H(T), I(X;T) and I(T;Y) of every layer are estimated
    /// on each part with the same estimators (the part's plane already computes H(T), so its band costs nothing more), and
    /// each measurement carries the B estimates (<see cref="LayerMeasurement.EntropyBatches"/>,
    /// <see cref="LayerMeasurement.InputInformationBatches"/>, <see cref="LayerMeasurement.TargetInformationBatches"/>)
    /// and its record a 95 % prediction band of each (<see cref="InformationBand"/>). The measured values themselves still
    /// come from the whole probe.
    /// </summary>
    /// <remarks>
    /// <para>Disjoint parts, not bootstrap resamples: a duplicated observation makes two identical Gram rows and a k-NN
    /// distance of 0, which biases Gram-based and k-NN estimates (see <see cref="InformationBand"/>).</para>
    /// <para>Each part has N/B observations, and estimates depend on N (a matrix-Rényi entropy is at most log N): the
    /// parts' estimates give the spread only; the band is centred on the whole-probe value.</para>
    /// <para>Cost: B estimates on N/B observations each. The matrix-Rényi eigen-decomposition is O(N³), so the B parts
    /// add about 1/B² of it each, 1/B in all; the Gram matrices are O(N²·d), so the parts add 1/B of them in all.
    /// Measured (deep-ae, N = 1,000, 21 measurements of 6 layers, 2 cores): 31.0 s without bands, 36.7 s with B = 5 and
    /// 35.7 s with B = 10 (docs/estimators/matrix-renyi.md). PID proxies, the error chain and divergences get no band.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int ProbeBatches
    {
        get => _probeBatches;
        init => _probeBatches = value >= 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(ProbeBatches), value, $"ProbeBatches = {value}; give 1 for no bands or B ≥ 2 disjoint probe batches for bands.");
    }

    /// <summary>The number of classes for one-hot labels; null (default) for the largest label + 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int? Classes
    {
        get => _classes;
        init => _classes = value is < 1 ? throw new ArgumentOutOfRangeException(nameof(Classes), value, "Classes must be at least 1.") : value;
    }
}
