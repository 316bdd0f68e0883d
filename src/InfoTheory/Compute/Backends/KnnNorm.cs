namespace InfoTheory;

/// <summary>The norm in which the k-NN estimators measure distances between observations.</summary>
public enum KnnNorm
{
    /// <summary>
    /// The maximum norm ‖v‖∞ = maxₖ |vₖ| (Chebyshev). Its unit ball is the cube [−1, 1]^d of volume 2^d. KSG (Kraskov et
    /// al. 2004) and NPEET use it in the joint space, so that the joint distance is the larger of the marginal ones.
    /// </summary>
    Max,

    /// <summary>The Euclidean norm ‖v‖₂. Its unit ball has volume π^(d/2)/Γ(d/2 + 1).</summary>
    Euclidean,
}
