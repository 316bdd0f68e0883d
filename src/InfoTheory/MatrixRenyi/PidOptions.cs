namespace InfoTheory;

/// <summary>Settings of the partial-information proxies (<see cref="PartialInformationProxies"/>).</summary>
public sealed record PidOptions
{
    private readonly MatrixRenyiOptions _renyi = MatrixRenyiOptions.Default;
    private readonly int? _pairs;

    /// <summary>The defaults: all pairs, matrix-Rényi defaults.</summary>
    public static PidOptions Default { get; } = new();

    /// <summary>Matrix-Rényi settings for every entropy in the pass.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public MatrixRenyiOptions Renyi
    {
        get => _renyi;
        init => _renyi = value ?? throw new ArgumentNullException(nameof(Renyi), "Give matrix-Rényi options, e.g. MatrixRenyiOptions.Default.");
    }

    /// <summary>
    /// How many map pairs to evaluate: null (default) for all C(C−1)/2, else that many distinct pairs drawn at random
    /// with <see cref="Seed"/> (all pairs when it is at least C(C−1)/2).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int? Pairs
    {
        get => _pairs;
        init
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(Pairs), value, "Pairs must be at least 1, or null for all pairs.");
            }

            _pairs = value;
        }
    }

    /// <summary>The seed of the pair sample (only used when <see cref="Pairs"/> is set).</summary>
    public int Seed { get; init; }
}
