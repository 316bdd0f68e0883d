using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// An <see cref="InformationMonitor"/> for several estimators at once: each measurement runs the model once on the probe
/// batch and measures the <b>same</b> captured activations with every named <see cref="InformationPlaneOptions"/>
/// (matrix Rényi, KSG, KDE, … through <see cref="InformationPlaneOptions.MutualInformationEstimator"/>), appending to one
/// <see cref="InformationSeries"/> per estimator. <see cref="Agreement"/> then says, per layer and pair of estimators,
/// whether they rank the run's steps alike (<see cref="EstimatorAgreement"/>).
/// </summary>
/// <remarks>
/// <para>One forward pass per measurement, not one per estimator: the estimators see identical activations (this matters
/// for a stochastic layer such as a VAE's sampled code, which a second pass would draw anew), and the cost of a
/// measurement is one forward pass plus the estimators' own work. Such a model (<see cref="IStochasticEvaluation"/>) has
/// its eval noise keyed on the iteration before the pass, as <see cref="InformationMonitor"/> does, so an
/// <see cref="InformationMonitor"/> measuring the same iteration sees the same draw.</para>
/// <para>Only the plane is compared: H(T), I(X;T), I(T;Y) and, where the options ask for them, the PID proxies. Options
/// with the error chain or a divergence are refused (those quantities do not depend on the plane's estimator); measure
/// them with an <see cref="InformationMonitor"/>. Side effects on the model are those of <see cref="InformationPlane.Measure"/>:
/// none. A cancelled measurement appends nothing to any series.</para>
/// </remarks>
public sealed class MultiEstimatorMonitor : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly Tensor _probe;
    private readonly Tensor? _targets;
    private readonly Dictionary<string, InformationPlaneOptions> _options;
    private readonly Dictionary<string, InformationSeries> _series;
    private int _lastIteration = -1;
    private bool _disposed;

    /// <summary>Attaches a monitor of several estimators to <paramref name="model"/> (nothing is hooked until a measurement).</summary>
    /// <param name="model">The model.</param>
    /// <param name="probeX">The fixed probe batch (copied).</param>
    /// <param name="estimators">Each estimator's name (e.g. <c>renyi</c>, <c>ksg</c>) and settings, in the order of the
    /// series and the agreement table: at least 2, names unique.</param>
    /// <param name="targets">Null for autoencoders (Y = reconstruction), integer labels or floating targets (copied).</param>
    /// <param name="schedule">When to measure (default: every epoch).</param>
    /// <param name="layers">Layer names in processing order; null for every leaf module.</param>
    /// <exception cref="ArgumentException">Fewer than 2 estimators, an empty or repeated name, options with the error
    /// chain or a divergence, different <see cref="InformationPlaneOptions.Classes"/>, unknown layers, a probe of fewer
    /// than 2 observations, or a targets count different from the probe's.</exception>
    public MultiEstimatorMonitor(nn.Module<Tensor, Tensor> model, Tensor probeX, IEnumerable<KeyValuePair<string, InformationPlaneOptions>> estimators,
        Tensor? targets = null, Schedule? schedule = null, IReadOnlyList<string>? layers = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(probeX);
        ArgumentNullException.ThrowIfNull(estimators);
        if (probeX.Dimensions == 0 || probeX.shape[0] < 2)
        {
            throw new ArgumentException($"probeX has shape [{string.Join(", ", probeX.shape)}]; give a batch of at least 2 observations.", nameof(probeX));
        }

        if (targets is not null && (targets.Dimensions == 0 || targets.shape[0] != probeX.shape[0]))
        {
            throw new ArgumentException(
                $"targets has shape [{string.Join(", ", targets.shape)}] but probeX has {probeX.shape[0]} observations; give one target per observation.", nameof(targets));
        }

        var list = estimators.ToList();
        Validate(list);
        _model = model;
        Layers = LayerCapture.ResolveLayers(model, layers);
        Schedule = schedule ?? Schedule.Epochs(1);
        Estimators = [.. list.Select(e => e.Key)];
        _options = list.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var kind = InformationPlane.TargetKindOf(targets);
        _series = list.ToDictionary(e => e.Key, _ => new InformationSeries(kind), StringComparer.Ordinal);
        _probe = probeX.detach().clone().DetachFromDisposeScope();
        _targets = targets?.detach().clone().DetachFromDisposeScope();
    }

    /// <summary>The estimators' names, in the order given.</summary>
    public IReadOnlyList<string> Estimators { get; }

    /// <summary>The measured layers, in processing order.</summary>
    public IReadOnlyList<string> Layers { get; }

    /// <summary>When measurements are due.</summary>
    public Schedule Schedule { get; }

    /// <summary>Each estimator's settings, by name.</summary>
    public IReadOnlyDictionary<string, InformationPlaneOptions> Options => _options;

    /// <summary>Each estimator's records so far, by name: every series has the same layers at the same steps.</summary>
    public IReadOnlyDictionary<string, InformationSeries> Series => _series;

    /// <summary>How many measurements have been taken (each with every estimator).</summary>
    public int MeasurementCount { get; private set; }

    /// <summary>Call after each training iteration: measures when <see cref="Schedule"/> is due at <paramref name="iteration"/>.</summary>
    /// <param name="epoch">The current epoch.</param>
    /// <param name="iteration">The iteration (a global count across epochs is best).</param>
    /// <param name="loss">The training loss to store with the records, if any.</param>
    /// <param name="cancellationToken">Stops a due measurement (see <see cref="MeasureNow"/>).</param>
    /// <returns>True when a measurement was taken.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled during a measurement.</exception>
    public bool Step(int epoch, int iteration, double? loss = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _lastIteration = iteration;
        if (!Schedule.IsDueAtIteration(iteration))
        {
            return false;
        }

        MeasureNow(epoch, iteration, loss, cancellationToken);
        return true;
    }

    /// <summary>Call after each epoch: measures when <see cref="Schedule"/> is due at <paramref name="epoch"/>. Records carry the last iteration given to <see cref="Step"/> (−1 if none).</summary>
    /// <param name="epoch">The epoch that ended.</param>
    /// <param name="loss">The training loss to store with the records, if any.</param>
    /// <param name="cancellationToken">Stops a due measurement (see <see cref="MeasureNow"/>).</param>
    /// <returns>True when a measurement was taken.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled during a measurement.</exception>
    public bool EpochEnd(int epoch, double? loss = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!Schedule.IsDueAtEpochEnd(epoch))
        {
            return false;
        }

        MeasureNow(epoch, _lastIteration, loss, cancellationToken);
        return true;
    }

    /// <summary>Measures now, whatever the schedule: one forward pass, then every estimator on its activations; appends the records.</summary>
    /// <param name="epoch">The epoch to store with the records.</param>
    /// <param name="iteration">The iteration to store with the records.</param>
    /// <param name="loss">The training loss to store with the records, if any.</param>
    /// <param name="cancellationToken">Stops the measurement; nothing is then appended to any series and the model is left as it was.</param>
    /// <returns>Each estimator's measurement, by name.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IReadOnlyDictionary<string, IReadOnlyList<LayerMeasurement>> MeasureNow(int epoch, int iteration, double? loss = null,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        (_model as IStochasticEvaluation)?.SetEvaluationKey(iteration);
        var (x, y, outputs) = Capture();
        // Every estimator first, then the records: a cancellation half-way leaves all series as they were.
        var measured = Estimators.ToDictionary(name => name,
            name => InformationPlane.Compute(x, y, outputs, null, _options[name], cancellationToken: cancellationToken), StringComparer.Ordinal);
        foreach (var name in Estimators)
        {
            _series[name].AddRange(measured[name].Select(m => m.ToRecord(epoch, iteration, loss)));
        }

        MeasurementCount++;
        return measured;
    }

    /// <summary>The agreement table of the series so far (<see cref="EstimatorAgreement.Of"/>): per layer and pair of estimators, Spearman's ρ over the steps.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 measurements (a rank correlation needs 2 steps).</exception>
    public IReadOnlyList<EstimatorAgreement> Agreement() => EstimatorAgreement.Of(Estimators.Select(n => KeyValuePair.Create(n, _series[n])));

    /// <summary>Frees the probe copies. The series stay readable.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _probe.Dispose();
        _targets?.Dispose();
        _disposed = true;
    }

    /// <summary>X, Y and every layer's output from one forward pass in eval mode without gradients, every module's training flag restored.</summary>
    private (Samples X, Samples Y, IReadOnlyList<CapturedTensor> Outputs) Capture()
    {
        using var scope = NewDisposeScope();
        var flags = _model.named_modules().Select(m => (m.module, m.module.training)).Prepend((_model, _model.training)).ToList();
        _model.eval();
        try
        {
            using var capture = new LayerCapture(_model, Layers);
            using var noGrad = no_grad();
            var output = _model.call(_probe);
            var outputs = capture.Outputs();
            var x = CapturedTensor.From("input", _probe).AsSamples();
            var y = InformationPlane.TargetKindOf(_targets) switch
            {
                TargetKind.Reconstruction => CapturedTensor.From("output", output).AsSamples(),
                TargetKind.Labels => InformationPlane.OneHot(_targets!, _options[Estimators[0]].Classes),
                _ => CapturedTensor.From("targets", _targets!).AsSamples(),
            };
            return (x, y, outputs);
        }
        finally
        {
            foreach (var (module, training) in flags)
            {
                module.train(training);
            }
        }
    }

    private static void Validate(List<KeyValuePair<string, InformationPlaneOptions>> estimators)
    {
        const string Name = "estimators";
        if (estimators.Count < 2)
        {
            throw new ArgumentException($"estimators has {estimators.Count} entry(ies); compare at least 2, or use InformationMonitor for one estimator.", Name);
        }

        foreach (var (name, options) in estimators)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Contains('\n') || name.Contains('\r'))
            {
                throw new ArgumentException($"Estimator name '{name}' is empty or spans lines; name each estimator with one short word such as 'ksg'.", Name);
            }

            ArgumentNullException.ThrowIfNull(options, $"{Name}[{name}]");
            if (options.ErrorChain || options.LayerDivergence is not null || options.ReconstructionDivergence is not null)
            {
                throw new ArgumentException(
                    $"The options of '{name}' ask for the error chain or a divergence, which do not depend on the plane's estimator; set ErrorChain = false, " +
                    "LayerDivergence = null and ReconstructionDivergence = null, and measure those with an InformationMonitor.", Name);
            }
        }

        var repeated = estimators.GroupBy(e => e.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"Estimator name '{repeated.Key}' is given {repeated.Count()} times; give each estimator once, under its own name.", Name);
        }

        if (estimators.Select(e => e.Value.Classes).Distinct().Count() > 1)
        {
            throw new ArgumentException(
                $"The estimators' options set different Classes ({string.Join(", ", estimators.Select(e => $"{e.Key}: {e.Value.Classes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}"))}); " +
                "Y is encoded once for all of them: give every estimator the same Classes.", Name);
        }
    }
}
