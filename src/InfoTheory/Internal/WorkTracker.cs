using System.Diagnostics;

namespace InfoTheory.Internal;

/// <summary>
/// The cancellation token and progress sink of one long operation, passed down its internal calls. Work loops call
/// <see cref="Advance"/> after each coarse unit (a Gram row, a panel of a tridiagonal reduction, a replicate): it throws
/// <see cref="OperationCanceledException"/> once the token is cancelled, and reports to the sink whenever another 1% of
/// the stage is done (a bounded rate whatever the unit), always at the stage's start and end (see
/// <see cref="EstimationProgress"/>). Safe to advance from several threads; reports are made one at a time, never go
/// backwards, and none follows the one during which the token was cancelled.
/// </summary>
internal sealed class WorkTracker
{
    private readonly IProgress<EstimationProgress>? _progress;
    private readonly Lock _gate = new();
    private string _stage = "";
    private long _total;
    private long _done;
    private long _reported;
    private long _next;
    private long _step;
    private WorkTracker? _cancellationOnly;

    private WorkTracker(IProgress<EstimationProgress>? progress, CancellationToken cancellationToken)
    {
        _progress = progress;
        Token = cancellationToken;
        ParallelOptions = new ParallelOptions { CancellationToken = cancellationToken };
    }

    /// <summary>The operation's token.</summary>
    public CancellationToken Token { get; }

    /// <summary>
    /// Options for the operation's parallel loops: with the token in them, a loop whose bodies throw on it ends with one
    /// <see cref="OperationCanceledException"/> (not an <see cref="AggregateException"/>) and starts no further bodies.
    /// </summary>
    public ParallelOptions ParallelOptions { get; }

    /// <summary>The same token without the progress sink: for inner work whose units a caller counts coarser.</summary>
    public WorkTracker CancellationOnly => _progress is null ? this : _cancellationOnly ??= new WorkTracker(null, Token);

    /// <summary>A tracker for the caller's sink and token, or null when there is neither (then nothing is checked).</summary>
    public static WorkTracker? Create(IProgress<EstimationProgress>? progress, CancellationToken cancellationToken) =>
        progress is null && !cancellationToken.CanBeCanceled ? null : new WorkTracker(progress, cancellationToken);

    /// <summary>Throws <see cref="OperationCanceledException"/> when the token is cancelled.</summary>
    public void ThrowIfCancellationRequested() => Token.ThrowIfCancellationRequested();

    /// <summary>Starts a stage of <paramref name="total"/> units and reports it at 0 (after checking the token).</summary>
    public void Begin(string stage, long total)
    {
        Token.ThrowIfCancellationRequested();
        if (_progress is null)
        {
            return;
        }

        lock (_gate)
        {
            _stage = stage;
            _total = total;
            _step = Math.Max(1, (total + 99) / 100); // ⌈1%⌉: at most 100 reports after the start
            _reported = 0;
            Volatile.Write(ref _done, 0);
            Volatile.Write(ref _next, _step);
            _progress.Report(new EstimationProgress(stage, 0, total));
        }

        Token.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Counts <paramref name="units"/> more done in the current stage, reporting when another 1% (or the end) is reached;
    /// throws <see cref="OperationCanceledException"/> when the token is cancelled, before and after the report (so a
    /// handler that cancels stops the work at once).
    /// </summary>
    public void Advance(long units)
    {
        Token.ThrowIfCancellationRequested();
        if (_progress is null)
        {
            return;
        }

        long done = Interlocked.Add(ref _done, units);
        if (done >= Volatile.Read(ref _next) || done >= _total)
        {
            lock (_gate)
            {
                Debug.Assert(done <= _total, $"stage {_stage} advanced to {done} of {_total}");
                done = Math.Min(done, _total);

                // Checked again under the lock: a handler that cancelled (on any thread) is the last report, and a
                // thread that read the threshold before another one reported it does not report a second time.
                Token.ThrowIfCancellationRequested();
                if (done > _reported && (done >= _next || done == _total))
                {
                    _reported = done;
                    Volatile.Write(ref _next, (done / _step + 1) * _step);
                    _progress.Report(new EstimationProgress(_stage, done, _total));
                }
            }
        }

        Token.ThrowIfCancellationRequested();
    }
}

/// <summary>The stage names of <see cref="EstimationProgress"/> (documented there).</summary>
internal static class EstimationStages
{
    public const string Gram = "gram";
    public const string Eigenvalues = "eigenvalues";
    public const string Spectra = "spectra";
    public const string Replicates = "replicates";
    public const string Permutations = "permutations";
    public const string Densities = "densities";
}
