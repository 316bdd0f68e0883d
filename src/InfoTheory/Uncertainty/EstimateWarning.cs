namespace InfoTheory;

/// <summary>
/// Something the caller should know about an estimate that was still returned: the data are degenerate for the
/// estimator (ties, a constant variable, shared observations, columns of very different scales), so the number may
/// not mean what it usually means. Each warning says what was found, how many observations it touches, and what to do.
/// </summary>
/// <param name="Code">A short stable identifier: <c>ties</c> (exact duplicates reach the k-th neighbor),
/// <c>constant</c> (a constant variable; the estimate is the exact limit), <c>anisotropic</c> (column scales differ by more
/// than the estimator's norm can see), <c>shared-observations</c> (a divergence's two samples share rows).</param>
/// <param name="Message">One line for a person: the finding, the counts and the remedy.</param>
public sealed record EstimateWarning(string Code, string Message)
{
    /// <summary>"code: message".</summary>
    public override string ToString() => $"{Code}: {Message}";
}
