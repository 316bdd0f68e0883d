namespace InfoTheory;

/// <summary>The distance the neighbour searches of a <see cref="ComputeBackend"/> rank neighbours by.</summary>
public enum NeighbourMetric
{
    /// <summary>‖x − y‖₂² = Σₖ (xₖ − yₖ)² (the Kozachenko–Leonenko entropy estimator's Euclidean ball, squared).</summary>
    SquaredEuclidean,

    /// <summary>‖x − y‖∞ = maxₖ |xₖ − yₖ| (the max-norm of the KSG mutual-information estimator; Kraskov, Stögbauer &amp;
    /// Grassberger, Phys. Rev. E 69, 066138, 2004, doi:10.1103/PhysRevE.69.066138).</summary>
    Chebyshev,
}
