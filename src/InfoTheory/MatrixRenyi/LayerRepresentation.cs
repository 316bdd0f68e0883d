namespace InfoTheory;

/// <summary>How a layer of C feature maps enters a multivariate mutual information.</summary>
public enum LayerRepresentation
{
    /// <summary>
    /// Each feature map is a variable with its own Gram matrix; the layer is their trace-normalised Hadamard product
    /// (Yu et al., IEEE TNNLS 32(1) 2021, eq. 5). Products of many maps saturate towards diag(1/N): check
    /// <see cref="RenyiDiagnostics.Saturated"/>.
    /// </summary>
    FeatureMaps,

    /// <summary>The whole layer as one tensor per observation: a single Gram matrix on the Frobenius norm over C·H·W.</summary>
    WholeTensor,
}
