using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The diagnostics of a <see cref="CompressedMutualInformation"/> estimate: the code sizes, what the compression may have
/// lost, what the PCA kept, and the inner estimator's own diagnostics on the codes.
/// </summary>
/// <param name="XCodeDimensions">n′ of X (its width when X was not compressed).</param>
/// <param name="YCodeDimensions">n′ of Y.</param>
/// <param name="LossBound">
/// For PCA with a noise variance: the sum over the compressed variables of the Corollary-4 bound on
/// I(X + Z; Y) − I(E(X + Z); Y) (Butakov et al., ICLR 2024); null otherwise.
/// </param>
/// <param name="Inner">The inner estimator's diagnostics (e.g. <see cref="KnnDiagnostics"/>), or null when it gives none.</param>
public sealed record CompressionDiagnostics(int XCodeDimensions, int YCodeDimensions, Information? LossBound, EstimateDiagnostics? Inner) : EstimateDiagnostics
{
    /// <summary>λ₁ ≥ … ≥ λₙ of X's PCA (see <see cref="PcaCompression.ExplainedVariances"/>), when X was compressed by PCA; else null.</summary>
    public IReadOnlyList<double>? XExplainedVariances { get => _xExplained; init => _xExplained = ValueList<double>.Of(value); }

    /// <summary>λ₁ ≥ … ≥ λₙ of Y's PCA, when Y was compressed by PCA; else null.</summary>
    public IReadOnlyList<double>? YExplainedVariances { get => _yExplained; init => _yExplained = ValueList<double>.Of(value); }

    private readonly IReadOnlyList<double>? _xExplained;
    private readonly IReadOnlyList<double>? _yExplained;
}
