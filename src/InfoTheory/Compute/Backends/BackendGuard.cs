using System.Globalization;

namespace InfoTheory;

/// <summary>Argument checks shared by the compute backends (messages name the parameter, the value and the fix).</summary>
internal static class BackendGuard
{
    public static void Output(int length, long needed, string name)
    {
        if (length < needed)
        {
            throw new ArgumentException($"{name} has length {length} but {needed} values will be written; pass a span of at least {needed}.", name);
        }
    }

    public static void Matrix(int length, int n, string name)
    {
        if (n < 1)
        {
            throw new ArgumentException($"n = {n} must be at least 1; pass the order of the matrices.", nameof(n));
        }

        if (length < (long)n * n)
        {
            throw new ArgumentException($"{name} has {length} values but an {n}×{n} matrix needs {(long)n * n}; pass N² values, row-major.", name);
        }
    }

    public static void Subset(IReadOnlyList<double[]> matrices, ReadOnlySpan<int> subset, int n, string name)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        if (subset.IsEmpty)
        {
            throw new ArgumentException($"{name} is empty; name at least one matrix.", name);
        }

        foreach (int p in subset)
        {
            if ((uint)p >= (uint)matrices.Count)
            {
                throw new ArgumentException($"{name} names matrix {p} but there are {matrices.Count}; use indices 0..{matrices.Count - 1}.", name);
            }

            Matrix(matrices[p]?.Length ?? 0, n, $"matrices[{p}]");
        }
    }

    public static void Neighbours(int count, int k, string name)
    {
        if (k < 1 || k >= count)
        {
            throw new ArgumentException($"k = {k} is out of range for {count} observations; use 1 ≤ k < N (e.g. k = 3).", name);
        }
    }

    public static void CrossNeighbours(Samples queries, Samples reference, int k)
    {
        if (queries.Dimensions != reference.Dimensions)
        {
            throw new ArgumentException(
                $"queries have dimension {queries.Dimensions} but reference has {reference.Dimensions}; distances need points of the same dimension.",
                nameof(reference));
        }

        if (k < 1 || k > reference.Count)
        {
            throw new ArgumentException($"k = {k} is out of range for a reference set of {reference.Count} observations; use 1 ≤ k ≤ N.", nameof(k));
        }
    }

    public static void Radii(ReadOnlySpan<double> radii, int count)
    {
        if (radii.Length != count)
        {
            throw new ArgumentException($"radii has {radii.Length} values for {count} observations; pass one radius per observation.", nameof(radii));
        }

        for (int i = 0; i < radii.Length; i++)
        {
            if (!(radii[i] >= 0) || double.IsPositiveInfinity(radii[i]))
            {
                throw new ArgumentException($"radii[{i}] = {radii[i]}; a radius must be finite and ≥ 0.", nameof(radii));
            }
        }
    }

    public static void Metric(NeighbourMetric metric)
    {
        if (metric is not (NeighbourMetric.SquaredEuclidean or NeighbourMetric.Chebyshev))
        {
            throw new ArgumentException($"metric = {metric} is not a neighbour metric; use NeighbourMetric.SquaredEuclidean or NeighbourMetric.Chebyshev.", nameof(metric));
        }
    }

    public static void Trace(double trace, string name)
    {
        if (!(trace > 0) || !double.IsFinite(trace))
        {
            throw new ArgumentException(
                $"The Hadamard product named by {name} has trace {trace.ToString(CultureInfo.InvariantCulture)}; trace normalisation needs a finite positive diagonal (Gram matrices have one).",
                name);
        }
    }

    public static void Finite(Samples samples, string name) => Internal.Guard.Finite(samples, name);

    public static double FiniteSum(double sum, string name) => double.IsFinite(sum) ? sum : throw new ArgumentException(
        $"{name} gives a sum of squares of {sum.ToString(CultureInfo.InvariantCulture)}: it holds NaN or ±∞, or values beyond ±1e154 whose squares overflow; pass finite values of moderate size.",
        name);

    public static void FiniteValue(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{name} contains {value.ToString(CultureInfo.InvariantCulture)}; pass finite values.", name);
        }
    }

    /// <summary>κ(0) of a radial kernel, checked: the unit-diagonal Gram divides by it.</summary>
    public static double KernelAtZero(IKernel kernel, double width)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (!(width > 0) || !double.IsFinite(width))
        {
            throw new ArgumentException($"width = {width.ToString(CultureInfo.InvariantCulture)} must be a finite σ > 0; give the kernel width in the units of the data.", nameof(width));
        }

        double k0 = kernel.Evaluate(0, width);
        if (!(k0 > 0) || !double.IsFinite(k0))
        {
            throw new ArgumentException(
                $"The kernel '{kernel.Name}' gives κ(x, x) = {k0.ToString(CultureInfo.InvariantCulture)} at σ = {width.ToString(CultureInfo.InvariantCulture)}; a positive-definite kernel needs a finite κ(x, x) > 0.",
                nameof(kernel));
        }

        return k0;
    }
}
