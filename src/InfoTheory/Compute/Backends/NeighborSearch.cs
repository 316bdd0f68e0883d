namespace InfoTheory;

/// <summary>How neighbors are found. The result is the same either way (exact search); only the speed differs.</summary>
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
