using InfoTheory.Internal;

namespace InfoTheory.Compute;

/// <summary>
/// The columns of one n×n tridiagonal reduction, counted to a <see cref="WorkTracker"/>: the reductions advance it per
/// panel (or per few steps), which is also where they check for cancellation; <see cref="Finish"/> tops the count up to
/// exactly n when the spectrum is done, so a stage of S spectra ends at S·n.
/// </summary>
internal sealed class ReductionProgress(WorkTracker work, int n)
{
    private int _done;

    /// <summary>Counts up to <paramref name="columns"/> more (never beyond n); throws once cancelled.</summary>
    public void Advance(int columns)
    {
        int k = Math.Min(columns, n - _done);
        _done += k;
        work.Advance(k);
    }

    /// <summary>Throws <see cref="OperationCanceledException"/> when the operation is cancelled.</summary>
    public void ThrowIfCancellationRequested() => work.ThrowIfCancellationRequested();

    /// <summary>Counts the rest of the n columns.</summary>
    public void Finish() => Advance(n - _done);
}
