using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// How one <see cref="ComputeBackend"/> operation runs: the token that stops it, where it counts its progress, and
/// whether it may use several host threads. The estimators make one per call from their progress sink, cancellation
/// token and <c>MatrixRenyiOptions.Parallel</c>; an operation given none runs uncancellable, uncounted and parallel.
/// </summary>
/// <remarks>
/// An operation calls <see cref="Advance"/> as its units are done (each operation documents its unit: rows of a matrix,
/// columns of a reduction, whole spectra of a batch), which is also where it is stopped once the token is cancelled; a
/// backend that cannot interrupt its device work counts all units when it returns. Safe to use from several threads.
/// </remarks>
public sealed class ComputeContext
{
    private readonly WorkTracker? _work;
    private ComputeContext? _withoutProgress;
    private ComputeContext? _serial;

    /// <summary>A context with a token and no progress sink.</summary>
    /// <param name="parallel">Whether the operation may use several host threads (results do not depend on it beyond rounding).</param>
    /// <param name="cancellationToken">Stops the operation (checked as its units are done).</param>
    public ComputeContext(bool parallel = true, CancellationToken cancellationToken = default)
        : this(WorkTracker.Create(null, cancellationToken), parallel)
    {
    }

    internal ComputeContext(WorkTracker? work, bool parallel)
    {
        _work = work;
        Parallel = parallel;
    }

    /// <summary>Uncancellable, uncounted, parallel: the context of an operation called without one.</summary>
    public static ComputeContext Default { get; } = new(null, parallel: true);

    /// <summary>The token that stops the operation.</summary>
    public CancellationToken CancellationToken => _work?.Token ?? default;

    /// <summary>Whether the operation may use several host threads.</summary>
    public bool Parallel { get; }

    /// <summary>The estimator's tracker (the CPU backend's loops count to it and take their parallel options from it).</summary>
    internal WorkTracker? Work => _work;

    /// <summary>The same token, counting nothing: for work whose units the caller has counted already.</summary>
    internal ComputeContext WithoutProgress => _work is null ? this : _withoutProgress ??= new ComputeContext(_work.CancellationOnly, Parallel);

    /// <summary>The same token and progress on one host thread: for operations the caller runs in its own parallel loop.</summary>
    internal ComputeContext Serial => !Parallel ? this : _serial ??= new ComputeContext(_work, parallel: false);

    /// <summary>Counts <paramref name="units"/> more done; throws <see cref="OperationCanceledException"/> once the token is cancelled.</summary>
    /// <param name="units">Units done since the last call (see the operation's documentation).</param>
    public void Advance(long units) => _work?.Advance(units);

    /// <summary>Throws <see cref="OperationCanceledException"/> when the token is cancelled.</summary>
    public void ThrowIfCancellationRequested() => _work?.ThrowIfCancellationRequested();
}
