namespace InfoTheory.Compute;

/// <summary>
/// An exact neighbor search over a fixed point set (the CPU backend's). Distances are in the norm's units (max-norm, or
/// squared Euclidean). Implementations are immutable after construction and safe to query from many threads.
/// </summary>
internal abstract class NeighborIndex
{
    protected NeighborIndex(Samples points, KnnNorm norm)
    {
        Points = points;
        Norm = norm;
    }

    /// <summary>The stored points (a double-precision view).</summary>
    public Samples Points { get; }

    public KnnNorm Norm { get; }

    /// <summary>
    /// The k = <c>distances.Length</c> nearest stored points to <paramref name="query"/>, ascending, skipping the stored
    /// point with index <paramref name="exclude"/> (−1: none). Fills the metric distances and the points' indices.
    /// </summary>
    public abstract void Nearest(ReadOnlySpan<double> query, int exclude, Span<double> distances, Span<int> indices);

    /// <summary>
    /// The number of stored points with metric distance &lt; <paramref name="radius"/> (or ≤ when
    /// <paramref name="inclusive"/>) from <paramref name="query"/>, the query itself included when it is stored.
    /// </summary>
    public abstract int CountWithin(ReadOnlySpan<double> query, double radius, bool inclusive);

    /// <summary>
    /// A good order in which to query every stored point (neighbors in space close in the order, for the caches), or
    /// null for the natural order.
    /// </summary>
    public virtual int[]? QueryOrder => null;

    /// <summary>
    /// The index the search setting asks for; see <see cref="NeighborSearch.Auto"/> for the rule. One-dimensional data
    /// use a sorted array under Auto and KdTree (a 1-D tree is a sorted array).
    /// </summary>
    public static NeighborIndex Create(Samples points, KnnNorm norm, NeighborSearch search) =>
        !UseTree(points.Count, points.Dimensions, search) ? new BruteForceIndex(points, norm)
        : points.Dimensions == 1 ? new SortedIndex(points, norm)
        : new KdTree(points, norm);

    /// <summary>The <see cref="NeighborSearch.Auto"/> rule: a tree (sorted array in 1-D) when d = 1, or N &gt; 512 and d ≤ 1 + log₂(N)/2.</summary>
    internal static bool UseTree(int n, int d, NeighborSearch search) => search switch
    {
        NeighborSearch.KdTree => true,
        NeighborSearch.BruteForce => false,
        _ => d == 1 || (n > 512 && d <= 1 + Math.Log2(n) / 2),
    };

    /// <summary>Inserts (distance, index) into the ascending list of the best <c>count</c> so far (capacity = length).</summary>
    internal static void Insert(Span<double> best, Span<int> ids, ref int count, double distance, int index)
    {
        int k = best.Length;
        int at = count < k ? count : k - 1;
        if (count < k)
        {
            count++;
        }

        while (at > 0 && best[at - 1] > distance)
        {
            best[at] = best[at - 1];
            ids[at] = ids[at - 1];
            at--;
        }

        best[at] = distance;
        ids[at] = index;
    }
}

/// <summary>Runs per-point work over all points in parallel chunks, one scratch state per worker.</summary>
internal static class ParallelQueries
{
    private const int Chunk = 256;

    /// <summary>Runs <paramref name="body"/> for i = order[p], p = 0..count − 1 (or i = p when order is null).</summary>
    public static void For<TState>(int count, Func<TState> create, Action<int, TState> body, int[]? order = null)
    {
        if (order is not null)
        {
            var inner = body;
            body = (p, state) => inner(order[p], state);
        }

        if (count <= 2 * Chunk || Environment.ProcessorCount == 1)
        {
            var state = create();
            for (int i = 0; i < count; i++)
            {
                body(i, state);
            }

            return;
        }

        int chunks = (count + Chunk - 1) / Chunk;
        Parallel.For(0, chunks, create, (c, _, state) =>
        {
            int end = Math.Min(count, (c + 1) * Chunk);
            for (int i = c * Chunk; i < end; i++)
            {
                body(i, state);
            }

            return state;
        }, _ => { });
    }
}
