using System.Globalization;
using System.Numerics.Tensors;

namespace InfoTheory;

/// <summary>The argument checks of <see cref="ComputeBackend"/>'s public operations (messages name the parameter, the value and the fix).</summary>
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

    public static void Neighbors(int count, int k, string name)
    {
        if (k < 1 || k >= count)
        {
            throw new ArgumentException($"k = {k} is out of range for {count} observations; use 1 ≤ k < N (e.g. k = 3).", name);
        }
    }

    public static void CrossNeighbors(Samples queries, Samples reference, int k)
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

    public static void Finite(Samples samples, string name) => Internal.Guard.Finite(samples, name);

    public static double FiniteSum(double sum, string name) => double.IsFinite(sum) ? sum : throw new ArgumentException(
        $"{name} gives a sum of squares of {sum.ToString(CultureInfo.InvariantCulture)}: it holds NaN or ±∞, or values beyond ±1e154 whose squares overflow; pass finite values of moderate size.",
        name);

    /// <summary>count matrices of order n in <paramref name="length"/> values.</summary>
    public static void Batch(int length, int n, int count, string name)
    {
        Matrix(int.MaxValue, n, name);
        if (count < 0)
        {
            throw new ArgumentException($"count = {count} must be at least 0; pass the number of matrices.", nameof(count));
        }

        if (length < (long)n * n * count)
        {
            throw new ArgumentException($"{name} has {length} values but {count} matrices of {n}×{n} need {(long)n * n * count}; pass count·n² values.", name);
        }
    }

    /// <summary>The lower triangle of an n×n matrix finite (what an eigenvalue solver reads).</summary>
    public static void FiniteLower(ReadOnlySpan<double> matrix, int n, string name, int batchIndex)
    {
        for (int r = 0; r < n; r++)
        {
            var row = matrix.Slice(r * n, r + 1);
            // The sum is finite unless some entry is NaN/∞ (or it overflows); look closer only then.
            if (!double.IsFinite(TensorPrimitives.Sum(row)))
            {
                for (int j = 0; j <= r; j++)
                {
                    if (!double.IsFinite(row[j]))
                    {
                        string which = batchIndex >= 0 ? $"matrix {batchIndex}, " : string.Empty;
                        throw new ArgumentException(
                            $"{name} contains {row[j].ToString(CultureInfo.InvariantCulture)} at {which}row {r}, column {j}; eigenvalues need finite entries: remove or impute non-finite values first.",
                            name);
                    }
                }
            }
        }
    }

    /// <summary>Every value finite.</summary>
    public static void FiniteAll(ReadOnlySpan<double> values, string name)
    {
        if (double.IsFinite(TensorPrimitives.Sum(values)))
        {
            return;
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name} contains {values[i].ToString(CultureInfo.InvariantCulture)} at index {i}; pass finite values.", name);
            }
        }
    }

    /// <summary>A non-null list of non-empty index lists into <paramref name="count"/> items.</summary>
    public static void Subsets(IReadOnlyList<int[]> subsets, int count, string name)
    {
        ArgumentNullException.ThrowIfNull(subsets, name);
        for (int s = 0; s < subsets.Count; s++)
        {
            if (subsets[s] is not { Length: > 0 } subset)
            {
                throw new ArgumentException($"{name}[{s}] is empty; each subset names at least one item.", name);
            }

            foreach (int p in subset)
            {
                if ((uint)p >= (uint)count)
                {
                    throw new ArgumentException($"{name}[{s}] names item {p} but there are {count}; use indices 0..{count - 1}.", name);
                }
            }
        }
    }

    /// <summary>Variables for the kernel pair sums: at least one, the same N, finite, each with a usable width.</summary>
    public static void Variables(IReadOnlyList<Samples> variables, ReadOnlySpan<double> widths, IKernel kernel, string name)
    {
        ArgumentNullException.ThrowIfNull(variables, name);
        if (variables.Count == 0)
        {
            throw new ArgumentException($"{name} is empty; pass at least one variable.", name);
        }

        if (widths.Length != variables.Count)
        {
            throw new ArgumentException($"widths has {widths.Length} values for {variables.Count} variables; pass one width per variable.", nameof(widths));
        }

        for (int p = 0; p < variables.Count; p++)
        {
            if (variables[p].Count != variables[0].Count)
            {
                throw new ArgumentException(
                    $"{name}[{p}] has {variables[p].Count} observations but {name}[0] has {variables[0].Count}; all must describe the same observations.", name);
            }

            Finite(variables[p], $"{name}[{p}]");
            KernelAtZero(kernel, widths[p]);
        }
    }

    /// <summary>Column ranges of a d-dimensional space, each non-empty; returned as (start, length).</summary>
    public static (int Start, int Length)[] Subspaces(ReadOnlySpan<Range> subspaces, int dimensions, string name)
    {
        if (subspaces.IsEmpty)
        {
            throw new ArgumentException($"{name} is empty; name at least one column range of the joint space.", name);
        }

        var ranges = new (int, int)[subspaces.Length];
        for (int s = 0; s < subspaces.Length; s++)
        {
            int start = subspaces[s].Start.GetOffset(dimensions), end = subspaces[s].End.GetOffset(dimensions);
            if (start < 0 || end > dimensions || end <= start)
            {
                throw new ArgumentException(
                    $"{name}[{s}] = {subspaces[s]} is not a non-empty column range of the {dimensions} joint columns; use start..end with 0 ≤ start < end ≤ {dimensions}.",
                    name);
            }

            ranges[s] = (start, end - start);
        }

        return ranges;
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
