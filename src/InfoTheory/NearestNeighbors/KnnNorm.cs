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

/// <summary>How neighbours are found. The result is the same either way (exact search); only the speed differs.</summary>
public enum NeighborSearch
{
    /// <summary>
    /// Decided per space (the joint space and each marginal separately): one-dimensional data use a sorted array
    /// (binary-search counts); otherwise a k-d tree when N &gt; 512 and d ≤ 1 + log₂(N)/2 (a tree prunes well only when N
    /// is far above 2^d; the KSG radius counts, whose balls hold tens of points, favour brute force earlier than k-NN
    /// queries do), else brute force. When the KSG joint space falls to brute force, its
    /// marginal counts reuse the same vectorised distance rows (one pass over the data per point).
    /// </summary>
    Auto,

    /// <summary>A k-d tree (median splits on the widest coordinate, leaves of up to 16 points), queried in parallel.</summary>
    KdTree,

    /// <summary>Exact brute force over all points, vectorised with <see cref="System.Numerics.Vector{T}"/>, queried in parallel; O(N) memory per thread.</summary>
    BruteForce,
}

/// <summary>Which of the two KSG estimators (Kraskov, Stögbauer &amp; Grassberger, PRE 69, 066138, 2004).</summary>
public enum KsgVariant
{
    /// <summary>
    /// Estimator 1 (their eq. 8): I = ψ(k) + ψ(N) − ⟨ψ(nₓ + 1) + ψ(n_y + 1)⟩ with nₓ the number of other points strictly
    /// closer in X than the k-th joint neighbour. The one NPEET and scikit-learn implement.
    /// </summary>
    One = 1,

    /// <summary>
    /// Estimator 2 (their eq. 9): I = ψ(k) − 1/k + ψ(N) − ⟨ψ(nₓ) + ψ(n_y)⟩ with nₓ the number of other points within
    /// (≤) εₓ, the largest X-distance among the k joint neighbours.
    /// </summary>
    Two = 2,
}
