using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// Measures the information plane of a TorchSharp model on a probe batch: per layer T, H(T), I(X;T), I(T;Y), and for
/// convolutional layers the MMI and partial-information proxies (RST, WNRI, RST%, WNRI%) with respect to X (and, with
/// <see cref="InformationPlaneOptions.TargetPid"/>, with respect to Y), with matrix-based Rényi
/// entropies by default (Yu, Wickstrøm, Jenssen &amp; Príncipe, IEEE TNNLS 32(1) 2021, doi:10.1109/TNNLS.2020.2968509).
/// </summary>
/// <remarks>
/// <para><b>Y.</b> With no targets the model is taken as an autoencoder and Y = X′, its output (the reconstruction) on
/// the probe batch: the plane is I(X;T) against I(T;X′). Integer targets are class labels, one-hot encoded; floating
/// targets are used as given. See <see cref="TargetKind"/>.</para>
/// <para><b>Layers.</b> Every layer is one variable of dimension (product of all but the first size) for H(T), I(X;T),
/// I(T;Y); 4-D layers (N×C×H×W) are also seen as C feature maps for MMI and the pair proxies. X is the probe batch
/// flattened per observation.</para>
/// <para><b>Layer divergences.</b> With <see cref="InformationPlaneOptions.LayerDivergence"/> set, each layer's input is
/// captured too and the k-NN divergence D(input‖output) of Wang, Kulkarni &amp; Verdú is estimated between the layer's
/// input and output distributions on the probe batch (rows of the input as samples of P, rows of the output as samples
/// of Q, coordinate by coordinate). It is defined only where input and output have the same number of values per
/// observation (the blocks of an invertible network); other layers are refused with an <see cref="ArgumentException"/>,
/// as are distributions the estimator cannot compare (a coordinate constant in one and not the other: D = +∞). With
/// <see cref="InformationPlaneOptions.ReconstructionDivergence"/> set, D(X‖X̂) of the input against the reconstruction is
/// estimated the same way (autoencoders only: no targets, and an output of the input's size). With
/// <see cref="InformationPlaneOptions.DivergenceSmoothing"/> σ &gt; 0 both samples get independent seeded N(0, σ²) noise
/// in every coordinate first, so the divergence of the smoothed distributions is finite even where a coordinate is
/// constant (a zero-padded code, a pass-through border pixel).</para>
/// <para><b>Side effects.</b> None on the model: it runs in eval mode under <c>torch.no_grad()</c> (with gradients
/// only for the error chain, through <c>torch.autograd.grad</c>, which leaves the parameters' <c>.grad</c> alone),
/// every module's training flag is restored, hooks are attached only for the one forward pass, and every temporary tensor is
/// freed by a dispose scope — also when a measurement fails or is cancelled. A model whose eval pass is random
/// (<see cref="IStochasticEvaluation"/>) draws from its eval stream as it stands; call
/// <see cref="IStochasticEvaluation.SetEvaluationKey"/> first for a draw that does not depend on the passes before (the
/// monitors key it on the iteration).</para>
/// <para><b>Progress and cancellation.</b> A measurement reports the stage <c>layers</c> (one unit per layer measured) and
/// passes its token to every estimate, so it stops within one Gram row or reduction panel of the matrix-Rényi work (or
/// one estimate of a custom estimator that only checks the token before it starts).</para>
/// </remarks>
public static class InformationPlane
{
    /// <summary>Measures every requested layer of <paramref name="model"/> on the probe batch.</summary>
    /// <param name="model">The model (any <c>Module&lt;Tensor, Tensor&gt;</c>; hooked layers must be invoked with <c>call</c>).</param>
    /// <param name="probeX">The probe inputs, first dimension = N observations (N ≥ 2).</param>
    /// <param name="targets">Null for autoencoders (Y = the reconstruction), integer class labels (N) or floating targets (N × …).</param>
    /// <param name="layers">Layer names as in <c>named_modules()</c>, in processing order; null for every leaf module.</param>
    /// <param name="options">Estimators and settings (defaults: matrix Rényi α = 1.01, Silverman h = 5).</param>
    /// <param name="progress">Receives the stage <c>layers</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the measurement (see the remarks); the model is left as it was.</param>
    /// <returns>One measurement per layer, in layer order.</returns>
    /// <exception cref="ArgumentException">Unknown layers, a targets count different from N, or unusable activations.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static IReadOnlyList<LayerMeasurement> Measure(nn.Module<Tensor, Tensor> model, Tensor probeX, Tensor? targets = null,
        IReadOnlyList<string>? layers = null, InformationPlaneOptions? options = null, IProgress<EstimationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(probeX);
        options ??= InformationPlaneOptions.Default;
        if (probeX.Dimensions == 0 || probeX.shape[0] < 2)
        {
            throw new ArgumentException($"probeX has shape [{string.Join(", ", probeX.shape)}]; give a batch of at least 2 observations.", nameof(probeX));
        }

        if (targets is not null && (targets.Dimensions == 0 || targets.shape[0] != probeX.shape[0]))
        {
            throw new ArgumentException(
                $"targets has shape [{string.Join(", ", targets.shape)}] but probeX has {probeX.shape[0]} observations; give one target per observation.", nameof(targets));
        }

        var kind = TargetKindOf(targets);
        if (options.ReconstructionDivergence is not null && kind != TargetKind.Reconstruction)
        {
            throw new ArgumentException(
                "ReconstructionDivergence compares the input with the model's reconstruction, but targets were given (the model is not measured as an autoencoder). Pass no targets, or set ReconstructionDivergence = null.",
                nameof(targets));
        }

        using var scope = NewDisposeScope();
        // Every module's own flag: train(bool) recurses, and a model may mix modes (e.g. a frozen BatchNorm in eval).
        var flags = model.named_modules().Select(m => (m.module, m.module.training)).Prepend((model, model.training)).ToList();
        model.eval();
        try
        {
            IReadOnlyList<CapturedTensor> outputs;
            IReadOnlyList<CapturedTensor>? errors = null;
            IReadOnlyList<CapturedTensor>? inputs = null;
            CapturedTensor reconstruction;
            using (var capture = new LayerCapture(model, layers, options.ErrorChain, captureInputs: options.LayerDivergence is not null))
            {
                if (options.ErrorChain)
                {
                    using var grad = enable_grad();
                    var input = probeX.detach().requires_grad_(true);
                    var output = model.call(input);
                    var lossTarget = targets ?? probeX;
                    var loss = options.Loss is { } custom ? custom(output, lossTarget) : DefaultLoss(output, lossTarget, kind);
                    reconstruction = CapturedTensor.From("output", output);
                    outputs = capture.Outputs();
                    errors = capture.Gradients(loss);
                }
                else
                {
                    using var noGrad = no_grad();
                    var output = model.call(probeX);
                    reconstruction = CapturedTensor.From("output", output);
                    outputs = capture.Outputs();
                }

                if (options.LayerDivergence is not null)
                {
                    inputs = capture.Inputs();
                }
            }

            var x = CapturedTensor.From("input", probeX).AsSamples();
            var y = kind switch
            {
                TargetKind.Reconstruction => reconstruction.AsSamples(),
                TargetKind.Labels => OneHot(targets!, options.Classes),
                _ => CapturedTensor.From("targets", targets!).AsSamples(),
            };
            if (options.LayerDivergence is null && options.ReconstructionDivergence is null)
            {
                return Compute(x, y, outputs, errors, options, progress, cancellationToken);
            }

            // Checked before the (costly) plane, so that a request that is not defined fails at once.
            if (inputs is not null)
            {
                for (int k = 0; k < outputs.Count; k++)
                {
                    RequireSameSpace(inputs[k], outputs[k]);
                }
            }

            if (options.ReconstructionDivergence is not null)
            {
                if (reconstruction.Dimensions != x.Dimensions)
                {
                    throw new ArgumentException(
                        $"The model maps {x.Dimensions} input values per observation to {reconstruction.Dimensions} output values; D(X‖X̂) needs a reconstruction of the input's size. Set ReconstructionDivergence = null for this model.",
                        nameof(model));
                }
            }

            var measured = Compute(x, y, outputs, errors, options, progress, cancellationToken);
            InformationEstimate? rec = options.ReconstructionDivergence is { } recKnn
                ? Divergence(new KnnKullbackLeiblerDivergence(recKnn), x, reconstruction.AsSamples(), options.DivergenceSmoothing, "D(X‖X̂) of the input against the reconstruction", cancellationToken)
                : null;
            var layerKl = options.LayerDivergence is { } knn ? new KnnKullbackLeiblerDivergence(knn) : null;
            var result = new LayerMeasurement[measured.Count];
            for (int k = 0; k < measured.Count; k++)
            {
                var io = layerKl is null ? null
                    : Divergence(layerKl, inputs![k].AsSamples(), outputs[k].AsSamples(), options.DivergenceSmoothing, $"D(input‖output) of layer '{outputs[k].Layer}'", cancellationToken);
                result[k] = measured[k] with { InputOutputDivergence = io, ReconstructionDivergence = rec };
            }

            return result;
        }
        finally
        {
            // named_modules() lists parents before children, so each module ends with its own flag.
            foreach (var (module, training) in flags)
            {
                module.train(training);
            }
        }
    }

    /// <summary>The kind of Y that <paramref name="targets"/> gives: null → reconstruction, integer → labels, floating → values.</summary>
    public static TargetKind TargetKindOf(Tensor? targets) => targets is null ? TargetKind.Reconstruction
        : IsIntegral(targets.dtype) ? TargetKind.Labels : TargetKind.Values;

    /// <summary>
    /// The measures for already captured activations: X, Y and each layer's output (and optionally error signals,
    /// same order; the last one is δ_K). What <see cref="Measure"/> computes after its forward pass.
    /// </summary>
    /// <param name="x">The probe inputs, one row per observation.</param>
    /// <param name="y">Y for the same observations (targets or the reconstruction).</param>
    /// <param name="outputs">Each layer's output, in processing order.</param>
    /// <param name="errors">Each layer's error signal, same order, or null.</param>
    /// <param name="options">Estimators and settings (defaults: matrix Rényi α = 1.01, Silverman h = 5).</param>
    /// <param name="progress">Receives the stage <c>layers</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the measurement (passed to every estimate).</param>
    /// <exception cref="ArgumentException">Different observation counts or unusable values.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static IReadOnlyList<LayerMeasurement> Compute(Samples x, Samples y, IReadOnlyList<CapturedTensor> outputs,
        IReadOnlyList<CapturedTensor>? errors = null, InformationPlaneOptions? options = null, IProgress<EstimationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        options ??= InformationPlaneOptions.Default;
        if (errors is not null && errors.Count != outputs.Count)
        {
            throw new ArgumentException($"errors has {errors.Count} layers but outputs has {outputs.Count}.", nameof(errors));
        }

        if (options.TargetPid && !options.ComputePid)
        {
            throw new ArgumentException("options.TargetPid needs options.ComputePid: the proxies with respect to Y are computed beside those with respect to X; set ComputePid = true or TargetPid = false.", nameof(options));
        }

        int n = x.Count, parts = options.ProbeBatches;
        if (parts >= 2 && n / parts < 2)
        {
            throw new ArgumentException(
                $"options.ProbeBatches = {parts} splits the {n} probe observations into parts of {n / parts}; give at most {n / 2} batches (parts of at least 2 observations, better 10 or more), or a larger probe.",
                nameof(options));
        }

        var measured = new StepProgress(progress, "layers", outputs.Count);
        var layers = outputs.Select(o => o.AsSamples()).ToList();
        var plane = PlaneOf(x, y, layers, options, cancellationToken);
        (InformationEstimate[][] Entropy, InformationEstimate[][] Input, InformationEstimate[][] Target)? bands = parts >= 2 ? Bands(x, y, layers, options, cancellationToken) : null;
        var errorMi = options.ErrorEstimator ?? new MatrixRenyiMutualInformation(options.ErrorRenyi);
        var result = new LayerMeasurement[outputs.Count];
        for (int k = 0; k < outputs.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var layer = outputs[k];
            var (h, ixt, ity) = plane(k);
            var m = new LayerMeasurement(layer.Layer, layer.Shape, h, ixt, ity)
            {
                EntropyBatches = bands?.Entropy[k],
                InputInformationBatches = bands?.Input[k],
                TargetInformationBatches = bands?.Target[k],
            };
            if (options.ComputePid && layer.IsFeatureMaps)
            {
                var maps = layer.AsFeatureMaps();
                var pidOptions = new PidOptions { Renyi = options.Renyi, Pairs = options.Pairs, Seed = options.Seed };
                if (maps.Channels >= 2)
                {
                    var pid = PartialInformation.Proxies(x, maps, pidOptions, cancellationToken: cancellationToken);
                    m = m with { Mmi = pid.Mmi, Pid = pid };
                    if (options.TargetPid)
                    {
                        // The same proxies with Y in X's place: the second axis of the modified plane (Yu et al. 2021).
                        var target = PartialInformation.Proxies(y, maps, pidOptions, cancellationToken: cancellationToken);
                        m = m with { TargetMmi = target.Mmi, TargetPid = target };
                    }
                }
                else
                {
                    m = m with { Mmi = MutualInformation.MatrixRenyiMultivariate(x, maps, options.Renyi, cancellationToken: cancellationToken) };
                    if (options.TargetPid)
                    {
                        m = m with { TargetMmi = MutualInformation.MatrixRenyiMultivariate(y, maps, options.Renyi, cancellationToken: cancellationToken) };
                    }
                }
            }

            if (errors is not null)
            {
                m = m with { ErrorInformation = errorMi.Estimate(errors[^1].AsSamples(), errors[k].AsSamples(), cancellationToken) };
            }

            result[k] = m;
            measured.Report(k + 1);
        }

        return result;
    }

    /// <summary>
    /// H(T), I(X;T) and I(T;Y) of layer k on one probe. The default (matrix-Rényi) path shares the Grams: S(X) and S(Y)
    /// once, then S(T), S(X,T), S(T,Y) per layer in one pass (run here), instead of recomputing S(X), S(Y) and S(T) inside
    /// every separate MI; plug-in estimators run layer by layer when asked, so progress moves per layer.
    /// </summary>
    private static Func<int, (InformationEstimate H, InformationEstimate Input, InformationEstimate Target)> PlaneOf(Samples x, Samples y,
        List<Samples> layers, InformationPlaneOptions options, CancellationToken cancellationToken)
    {
        var renyiH = new MatrixRenyiEntropy(options.Renyi);
        if (options.EntropyEstimator is not null || options.MutualInformationEstimator is not null)
        {
            var mi = options.MutualInformationEstimator ?? new MatrixRenyiMutualInformation(options.Renyi);
            return k =>
            {
                var t = layers[k];
                var h = options.EntropyEstimator is { } he ? he.Estimate(t, cancellationToken) : renyiH.Estimate(t, cancellationToken: cancellationToken);
                return (h, mi.Estimate(x, t, cancellationToken), mi.Estimate(t, y, cancellationToken));
            };
        }

        var variables = new List<Samples> { x, y };
        List<int[]> subsets = [[0], [1]];
        for (int k = 0; k < layers.Count; k++)
        {
            variables.Add(layers[k]);
            subsets.AddRange([[k + 2], [0, k + 2], [k + 2, 1]]);
        }

        // With the approximate method an MI of the pass combines three entropies' intervals: they share the tolerance, as
        // in MatrixRenyiMutualInformation, so that every measure's interval is within it where the rank allows.
        var renyi = options.Renyi;
        var shared = new MatrixRenyiEntropy(renyi with { Tolerance = Information.FromNats(renyi.Tolerance.Nats / 3) })
            .EstimateSubsets(variables, subsets, cancellationToken: cancellationToken);
        var widths = ((RenyiDiagnostics)shared[0].Diagnostics!).Widths;
        int n = x.Count;

        // A measure of the shared pass, with the widths and width checks of its own variables (X = 0, Y = 1, layer
        // k = k + 2), its saturation and, with the approximate method, its certified interval (the value is its midpoint);
        // the pass does not attribute clipped eigenvalue mass to single measures.
        var pass = (RenyiDiagnostics)shared[0].Diagnostics!;
        InformationEstimate Shared(Information value, bool saturated, (Information Lower, Information Upper)? interval, params int[] of)
        {
            var diagnostics = new RenyiDiagnostics(renyi.Alpha, [.. of.Select(v => widths[v])], 0, saturated)
            {
                WidthChecks = [.. of.Select(v => pass.WidthChecks[v])],
            };
            return new(value, null, n)
            {
                Diagnostics = interval is not { } bounds ? diagnostics : diagnostics with
                {
                    Lower = bounds.Lower,
                    Upper = bounds.Upper,
                    FactorRank = pass.FactorRank,
                    ToleranceMissed = (bounds.Upper - bounds.Lower).Nats > renyi.Tolerance.Nats,
                },
            };
        }

        static (Information Lower, Information Upper)? Interval(InformationEstimate e) =>
            e.Diagnostics is RenyiDiagnostics { Lower: { } lower, Upper: { } upper } ? (lower, upper) : null;

        // I(A;B) of the pass from S(A), S(B), S(A,B), saturated by the library's rule; its interval from theirs.
        InformationEstimate SharedMi(InformationEstimate a, InformationEstimate b, InformationEstimate joint, int va, int vb) =>
            Shared(MatrixRenyiMutualInformation.FromEntropies(a.Value, b.Value, joint.Value, n),
                RenyiDiagnostics.LimitedByCeiling(a.Value + b.Value, joint.Value, n),
                (Interval(a), Interval(b), Interval(joint)) is ({ } ia, { } ib, { } ij) ? (ia.Lower + ib.Lower - ij.Upper, ia.Upper + ib.Upper - ij.Lower) : null,
                va, vb);

        return k =>
        {
            int at = 2 + 3 * k;
            return (Shared(shared[at].Value, shared[at].Diagnostics is RenyiDiagnostics { Saturated: true }, Interval(shared[at]), k + 2),
                SharedMi(shared[0], shared[at], shared[at + 1], 0, k + 2),
                SharedMi(shared[at], shared[1], shared[at + 2], k + 2, 1));
        };
    }

    /// <summary>
    /// H(T), I(X;T) and I(T;Y) of every layer on each of <see cref="InformationPlaneOptions.ProbeBatches"/> disjoint parts
    /// of the probe (rows by a permutation seeded with <see cref="InformationPlaneOptions.Seed"/>): [layer][part].
    /// </summary>
    private static (InformationEstimate[][] Entropy, InformationEstimate[][] Input, InformationEstimate[][] Target) Bands(Samples x, Samples y, List<Samples> layers,
        InformationPlaneOptions options, CancellationToken cancellationToken)
    {
        int parts = options.ProbeBatches, size = x.Count / parts;
        var order = Enumerable.Range(0, x.Count).ToArray();
        new Random(options.Seed).Shuffle(order);
        var entropy = layers.Select(_ => new InformationEstimate[parts]).ToArray();
        var input = layers.Select(_ => new InformationEstimate[parts]).ToArray();
        var target = layers.Select(_ => new InformationEstimate[parts]).ToArray();
        for (int b = 0; b < parts; b++)
        {
            var rows = order[(b * size)..((b + 1) * size)];
            var plane = PlaneOf(x.Select(rows), y.Select(rows), [.. layers.Select(t => t.Select(rows))], options, cancellationToken);
            for (int k = 0; k < layers.Count; k++)
            {
                (entropy[k][b], input[k][b], target[k][b]) = plane(k);
            }
        }

        return (entropy, input, target);
    }

    /// <summary>A layer's input and output must live in one space (the same values per observation) for D(input‖output).</summary>
    private static void RequireSameSpace(CapturedTensor input, CapturedTensor output)
    {
        if (input.Dimensions != output.Dimensions)
        {
            throw new ArgumentException(
                $"Layer '{output.Layer}' maps [{string.Join(", ", input.Shape)}] to [{string.Join(", ", output.Shape)}] ({input.Dimensions} to {output.Dimensions} values per observation): " +
                "D(input‖output) compares two distributions on one space, so it is defined only for layers that keep the dimension " +
                "(e.g. the coupling blocks enc1 … encB of InvertibleAutoencoder). Measure only such layers with LayerDivergence on, or set LayerDivergence = null.",
                "layers");
        }
    }

    /// <summary>The k-NN divergence, with the estimator's refusal (e.g. D = +∞ for a constant column) naming what was compared.</summary>
    private static InformationEstimate Divergence(KnnKullbackLeiblerDivergence kl, Samples p, Samples q, double smoothing, string what,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return smoothing > 0
                ? kl.Estimate(Smoothed(p, smoothing, kl.Options.Seed), Smoothed(q, smoothing, unchecked(kl.Options.Seed + 1)))
                : kl.Estimate(p, q);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{what} cannot be estimated: {e.Message}", "layers", e);
        }
    }

    /// <summary>A copy of <paramref name="samples"/> plus independent N(0, σ²) noise in every coordinate (Box–Muller, seeded).</summary>
    internal static Samples Smoothed(Samples samples, double sigma, int seed)
    {
        var values = samples.ToArray();
        var random = new Random(seed);
        for (int i = 0; i < values.Length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double r = sigma * Math.Sqrt(-2.0 * Math.Log(u1));
            values[i] += r * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < values.Length)
            {
                values[i + 1] += r * Math.Sin(2 * Math.PI * u2);
            }
        }

        return new Samples(values, samples.Dimensions);
    }

    /// <summary>One-hot rows (N × classes) for integer labels.</summary>
    internal static Samples OneHot(Tensor labels, int? classes)
    {
        var raw = CapturedTensor.From("targets", labels).Values;
        if (raw.Length != labels.shape[0])
        {
            throw new ArgumentException($"Integer targets must be one label per observation (shape [N]); got [{string.Join(", ", labels.shape)}].", nameof(labels));
        }

        int c = classes ?? (int)raw.Max() + 1;
        var values = new double[raw.Length * c];
        for (int i = 0; i < raw.Length; i++)
        {
            int label = (int)raw[i];
            if (label < 0 || label >= c)
            {
                throw new ArgumentException($"Label {label} at observation {i} is outside [0, {c}).", nameof(labels));
            }

            values[i * c + label] = 1;
        }

        return new Samples(values, c);
    }

    private static Tensor DefaultLoss(Tensor output, Tensor target, TargetKind kind) => kind switch
    {
        TargetKind.Labels => nn.functional.cross_entropy(output, target, reduction: nn.Reduction.Sum),
        _ => (output - target.reshape(output.shape)).square().sum() * 0.5,
    };

    private static bool IsIntegral(ScalarType type) => type is ScalarType.Byte or ScalarType.Int8 or ScalarType.Int16
        or ScalarType.Int32 or ScalarType.Int64 or ScalarType.Bool;
}
