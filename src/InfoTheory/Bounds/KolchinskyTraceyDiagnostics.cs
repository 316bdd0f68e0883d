namespace InfoTheory;

/// <summary>The pairwise distance between mixture components that a Kolchinsky–Tracey bound uses.</summary>
public enum PairwiseDistance
{
    /// <summary>The Bhattacharyya distance ‖hᵢ − hⱼ‖²/(8σ²): the lower bound.</summary>
    Bhattacharyya,

    /// <summary>The Kullback–Leibler divergence ‖hᵢ − hⱼ‖²/(2σ²): the upper bound.</summary>
    KullbackLeibler,
}

/// <summary>The diagnostics of a Kolchinsky–Tracey bound (<see cref="KolchinskyTracey"/>): the noise and the distance used.</summary>
/// <param name="NoiseVariance">σ², the variance of the Gaussian noise added to the layer.</param>
/// <param name="Distance">The pairwise distance: Bhattacharyya for the lower bound, Kullback–Leibler for the upper.</param>
public sealed record KolchinskyTraceyDiagnostics(double NoiseVariance, PairwiseDistance Distance) : EstimateDiagnostics;
