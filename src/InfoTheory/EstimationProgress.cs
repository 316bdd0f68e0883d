using System.Globalization;

namespace InfoTheory;

/// <summary>
/// Progress of a long operation, as reported to the <see cref="IProgress{T}"/> that the operation was given: the stage
/// it is in and how many of the stage's units are done.
/// </summary>
/// <remarks>
/// <para>Each stage is reported from 0 to <see cref="Total"/>, its units never decreasing, about a hundred times at most
/// (whenever another 1% is done) and always at its start and at its end; a new stage starts again from 0. Reports are
/// made one at a time, synchronously on a thread doing the work, so a handler must be quick; note that
/// <see cref="Progress{T}"/> posts each report to the captured synchronisation context (or the thread pool when there
/// is none), where reports may arrive out of order. An operation that fails or is cancelled stops reporting.</para>
/// <para>The stages and their units: <c>gram</c> — rows of kernel (Gram) matrices built or streamed, over all
/// variables; <c>eigenvalues</c> — columns of the tridiagonal reductions, over all spectra (N per spectrum);
/// <c>spectra</c> — whole spectra of a batch (the partial-information proxies); <c>replicates</c> and
/// <c>permutations</c> — resamples; <c>steps</c> — optimiser steps of a neural estimator; <c>epochs</c> — passes over
/// the data; <c>layers</c> — layers measured by the information plane.</para>
/// </remarks>
/// <param name="Stage">The stage's name (see the remarks), e.g. <c>eigenvalues</c>.</param>
/// <param name="Completed">Units of the stage done so far, 0 ≤ Completed ≤ Total.</param>
/// <param name="Total">Units of the stage in all.</param>
public readonly record struct EstimationProgress(string Stage, long Completed, long Total)
{
    /// <summary>Completed/Total, in [0, 1] (1 for a stage with no units).</summary>
    public double Fraction => Total > 0 ? (double)Completed / Total : 1;

    /// <summary>The stage and its count, e.g. <c>eigenvalues 1024/4096 (25%)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Stage} {Completed}/{Total} ({Math.Floor(100 * Fraction):0}%)");
}
