namespace InfoTheory.Cli.Output;

/// <summary>A single-value matrix-Rényi estimate (entropy, MI, MMI) with what the output needs to describe it.</summary>
/// <param name="Command">The command that produced it.</param>
/// <param name="Symbol">The quantity as written in the text line, e.g. <c>H(X)</c>.</param>
/// <param name="Estimate">The library's estimate (with <see cref="RenyiDiagnostics"/>).</param>
/// <param name="Count">The number of observations N.</param>
internal sealed record EstimateReport(string Command, string Symbol, InformationEstimate Estimate, int Count)
{
    /// <summary>The estimate's α, widths, clipped mass and saturation.</summary>
    public RenyiDiagnostics Diagnostics => Estimate.Diagnostics as RenyiDiagnostics
        ?? throw new InvalidOperationException("A matrix-Rényi estimate carries RenyiDiagnostics.");

    /// <summary>True to write σ as an array, one per variable (mi, mmi); false for a single number (entropy).</summary>
    public bool WidthsAsArray { get; init; }

    /// <summary>How the layer entered (mmi only).</summary>
    public string? Representation { get; init; }

    /// <summary>The number of feature maps (mmi only).</summary>
    public int? Maps { get; init; }

    /// <summary>The estimates of <c>--width-factors</c>, or null when it was not given.</summary>
    public WidthScan? Scan { get; init; }
}

/// <summary>The estimate again at each width factor of <c>--width-factors</c> (every kernel width times the factor).</summary>
/// <param name="Factors">The factors, in the order given.</param>
/// <param name="Estimates">One estimate per factor, whose diagnostics carry the scaled widths and their checks.</param>
internal sealed record WidthScan(IReadOnlyList<double> Factors, IReadOnlyList<InformationEstimate> Estimates);

/// <summary>The PID proxies with the sizes of the input.</summary>
/// <param name="Result">The library's result.</param>
/// <param name="Count">The number of observations N.</param>
/// <param name="Maps">The number of feature maps C.</param>
internal sealed record PidReport(PidResult Result, int Count, int Maps)
{
    /// <summary>The pass's α, widths (σ_X, then each map), clipped mass and saturation: the MMI's diagnostics.</summary>
    public RenyiDiagnostics Diagnostics => Result.Mmi.Diagnostics as RenyiDiagnostics
        ?? throw new InvalidOperationException("The PID proxies carry RenyiDiagnostics.");

    /// <summary>The number of map pairs there are, C(C−1)/2.</summary>
    public long AllPairs => (long)Maps * (Maps - 1) / 2;
}
