namespace InfoTheory;

/// <summary>Settings of <see cref="PcaCompressor"/>.</summary>
public sealed record PcaOptions
{
    private readonly int _components = 8;
    private readonly double? _noiseVariance;

    /// <summary>n′, the number of principal components kept (≥ 1; default 8; at most the data's width).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int Components
    {
        get => _components;
        init
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(Components), value, $"Components = {value}; keep at least 1 principal component.");
            }

            _components = value;
        }
    }

    /// <summary>
    /// Whether to divide each coordinate by its standard deviation before PCA (default false: PCA of the covariance, the
    /// form for which Corollary 4 of Butakov et al. bounds the loss).
    /// </summary>
    public bool Standardize { get; init; }

    /// <summary>
    /// σ², the variance of isotropic Gaussian noise Z assumed added to the data (X + Z), for the Corollary-4 bound on the
    /// information lost; null (default) reports no bound.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite or not &gt; 0.</exception>
    public double? NoiseVariance
    {
        get => _noiseVariance;
        init
        {
            if (value is { } v)
            {
                Internal.Guard.Positive(v, "give the variance σ² of the isotropic Gaussian noise added to the data, or null for no bound.", nameof(NoiseVariance));
            }

            _noiseVariance = value;
        }
    }
}
