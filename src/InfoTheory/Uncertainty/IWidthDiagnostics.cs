namespace InfoTheory;

/// <summary>
/// The diagnostics of a kernel estimate that can say how each kernel width compares with its data: one
/// <see cref="WidthCheck"/> per variable or density. Implemented by <see cref="RenyiDiagnostics"/> (σ against the median
/// distance) and <see cref="KdeDiagnostics"/> (the bandwidth factor h against the median whitened distance), so that code
/// reading width checks needs one path, e.g. <c>if (estimate.Diagnostics is IWidthDiagnostics { WidthDominated: true }) …</c>.
/// </summary>
public interface IWidthDiagnostics
{
    /// <summary>One check per variable (or density) of the estimate, in the order its diagnostics document.</summary>
    IReadOnlyList<WidthCheck> WidthChecks { get; }

    /// <summary>True when any check's <see cref="WidthCheck.WidthDominated"/> is: the width, not the data, decides the value.</summary>
    bool WidthDominated { get; }
}
