namespace InfoTheory;

/// <summary>Settings of the Kolchinsky–Tracey bounds (<see cref="KolchinskyTracey"/>). Immutable.</summary>
public sealed record KolchinskyTraceyOptions
{
    /// <summary>Bounds for additive noise N(0, σ²·I) of the given variance σ².</summary>
    /// <param name="noiseVariance">σ² &gt; 0, in the squared units of the layer's activations.</param>
    /// <exception cref="ArgumentOutOfRangeException">σ² is not a finite number greater than 0.</exception>
    public KolchinskyTraceyOptions(double noiseVariance) => NoiseVariance = noiseVariance;

    /// <summary>The noise variance σ² &gt; 0 (Saxe et al. used 10⁻¹ to 10⁻³ relative to activations in [−1, 1]).</summary>
    /// <exception cref="ArgumentOutOfRangeException">σ² is not a finite number greater than 0.</exception>
    public double NoiseVariance
    {
        get;
        init => field = value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(NoiseVariance), value,
                $"noiseVariance = {value}: the variance σ² of the added Gaussian noise must be a finite number greater than 0, e.g. 0.1.");
    }

    /// <summary>Use several cores (results do not depend on it beyond rounding).</summary>
    public bool Parallel { get; init; } = true;
}
