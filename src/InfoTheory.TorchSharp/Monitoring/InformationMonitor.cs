using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// Follows a model's information plane during training: call <see cref="Step"/> after each iteration and
/// <see cref="EpochEnd"/> after each epoch; when the <see cref="Schedule"/> says so it measures the fixed probe batch
/// with <see cref="InformationPlane.Measure"/> and appends one <see cref="InformationRecord"/> per layer to
/// <see cref="Series"/>.
/// </summary>
/// <remarks>
/// Between measurements nothing is attached to the model (hooks live only inside a measurement), so training runs at
/// full speed; a step that is not due costs one integer test. The monitor keeps its own detached copies of the probe
/// batch and targets (freed by <see cref="Dispose"/>); the model stays the caller's. A cancelled measurement appends
/// nothing and leaves the model and the monitor as they were, so training and monitoring can go on. With
/// <see cref="InformationPlaneOptions.ProbeBatches"/> B ≥ 2 every record carries 95 % bands from B disjoint parts of the
/// probe (the same parts at every measurement), and <see cref="InformationPhases"/> can test each layer's fall
/// (<see cref="FallTest"/>). A model whose eval pass is random (<see cref="IStochasticEvaluation"/>, e.g. a VAE measured on
/// sampled codes) has its eval noise keyed on the iteration before each measurement, so every monitor measuring that
/// iteration sees the same draw.
/// </remarks>
public sealed class InformationMonitor : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly Tensor _probe;
    private readonly Tensor? _targets;
    private int _lastIteration = -1;
    private bool _disposed;

    /// <summary>Attaches a monitor to <paramref name="model"/> (nothing is hooked until a measurement).</summary>
    /// <param name="model">The model.</param>
    /// <param name="probeX">The fixed probe batch (copied).</param>
    /// <param name="targets">Null for autoencoders (Y = reconstruction), integer labels or floating targets (copied).</param>
    /// <param name="schedule">When to measure (default: every epoch).</param>
    /// <param name="layers">Layer names in processing order; null for every leaf module.</param>
    /// <param name="options">Estimator settings.</param>
    /// <exception cref="ArgumentException">Unknown layers.</exception>
    public InformationMonitor(nn.Module<Tensor, Tensor> model, Tensor probeX, Tensor? targets = null, Schedule? schedule = null,
        IReadOnlyList<string>? layers = null, InformationPlaneOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(probeX);
        _model = model;
        Layers = LayerCapture.ResolveLayers(model, layers);
        Schedule = schedule ?? Schedule.Epochs(1);
        Options = options ?? InformationPlaneOptions.Default;
        Series = new InformationSeries(InformationPlane.TargetKindOf(targets));
        _probe = probeX.detach().clone().DetachFromDisposeScope();
        _targets = targets?.detach().clone().DetachFromDisposeScope();
    }

    /// <summary>The measured layers, in processing order.</summary>
    public IReadOnlyList<string> Layers { get; }

    /// <summary>When measurements are due.</summary>
    public Schedule Schedule { get; }

    /// <summary>The estimator settings.</summary>
    public InformationPlaneOptions Options { get; }

    /// <summary>Every record so far.</summary>
    public InformationSeries Series { get; }

    /// <summary>How many measurements have been taken.</summary>
    public int MeasurementCount { get; private set; }

    /// <summary>The last measurement, or null before the first.</summary>
    public IReadOnlyList<LayerMeasurement>? Last { get; private set; }

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

        MeasureNow(epoch, iteration, loss, cancellationToken: cancellationToken);
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

        MeasureNow(epoch, _lastIteration, loss, cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>Measures now, whatever the schedule, and appends the records.</summary>
    /// <param name="epoch">The epoch to store with the records.</param>
    /// <param name="iteration">The iteration to store with the records.</param>
    /// <param name="loss">The training loss to store with the records, if any.</param>
    /// <param name="progress">Receives the stage <c>layers</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the measurement (see <see cref="InformationPlane"/>); nothing is then
    /// appended and the model is left as it was.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IReadOnlyList<LayerMeasurement> MeasureNow(int epoch, int iteration, double? loss = null, IProgress<EstimationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        (_model as IStochasticEvaluation)?.SetEvaluationKey(iteration);
        var measured = InformationPlane.Measure(_model, _probe, _targets, Layers, Options, progress, cancellationToken);
        Series.AddRange(measured.Select(m => m.ToRecord(epoch, iteration, loss)));
        MeasurementCount++;
        Last = measured;
        return measured;
    }

    /// <summary>Saves <see cref="Series"/> (CSV or JSON by extension).</summary>
    public void Save(string path) => Series.Save(path);

    /// <summary>Frees the probe copies. The series stays readable.</summary>
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
}
