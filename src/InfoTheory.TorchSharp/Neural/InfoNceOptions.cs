using InfoTheory.Internal;
namespace InfoTheory.TorchSharp;

/// <summary>The form of the InfoNCE critic f(x, y).</summary>
public enum InfoNceCritic
{
    /// <summary>Separable (the default): the joint critic costs B² network evaluations per batch, ~100× slower at B = 128 on a CPU.</summary>
    Auto,

    /// <summary>f(x, y) = MLP([x, y]) on every pair of the batch (B² evaluations; the most expressive).</summary>
    Joint,

    /// <summary>f(x, y) = g(x)ᵀh(y) with two MLPs (B evaluations each and one B×B product; Poole et al. 2019, §2.3).</summary>
    Separable,
}

/// <summary>
/// Settings of <see cref="InfoNceEstimator"/>. The estimate can never exceed ln B for batch size B (4.85 nats for the default
/// 128): pick B with ln B well above the information you expect.
/// </summary>
public sealed record InfoNceOptions : NeuralEstimatorOptions
{
    private readonly int _embeddingSize = 32;

    /// <summary>The default settings (batch 128).</summary>
    public InfoNceOptions()
        : base(defaultBatchSize: 128)
    {
    }

    /// <summary>The default settings.</summary>
    public static InfoNceOptions Default { get; } = new();

    /// <summary>Width of g(x) and h(y) for the separable critic (default 32).</summary>
    public int EmbeddingSize { get => _embeddingSize; init => _embeddingSize = NeuralData.AtLeast(value, 1, nameof(EmbeddingSize), "use e.g. 32."); }

    /// <summary>The critic's form (default <see cref="InfoNceCritic.Auto"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined critic.</exception>
    public InfoNceCritic Critic { get; init => field = EnumGuard.Defined(value, nameof(Critic)); }
}
