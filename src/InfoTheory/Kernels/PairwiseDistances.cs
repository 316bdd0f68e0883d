using System.Numerics;
using System.Numerics.Tensors;

namespace InfoTheory;

/// <summary>
/// Squared Euclidean distances between the observations of one variable, row by row of the lower triangle.
/// </summary>
/// <remarks>
/// Low dimension (d ≤ 32): the differences are formed directly from a transposed copy (d × N), vectorised across
/// observations: exact, no cancellation. High dimension: ‖xᵢ‖² + ‖xⱼ‖² − 2·xᵢ·xⱼ with vectorised dot products,
/// clamped at 0 (the cancellation error is far below any kernel width in use).
/// </remarks>
internal sealed class PairwiseDistances
{
    private const int DirectMaxDimensions = 32;
    private readonly double[] _data;   // d × N (direct) or N × d (dot form)
    private readonly double[] _norms;  // ‖xᵢ‖², dot form only
    private readonly int _dimensions;

    public PairwiseDistances(Samples samples)
    {
        Count = samples.Count;
        _dimensions = samples.Dimensions;
        int n = Count, d = _dimensions;
        if (d <= DirectMaxDimensions)
        {
            _data = new double[d * n];
            _norms = [];
            var row = new double[d];
            for (int i = 0; i < n; i++)
            {
                samples.CopyRowTo(i, row);
                for (int k = 0; k < d; k++)
                {
                    _data[k * n + i] = row[k];
                }
            }
        }
        else
        {
            _data = samples.ToArray();
            _norms = new double[n];
            for (int i = 0; i < n; i++)
            {
                var xi = _data.AsSpan(i * d, d);
                _norms[i] = TensorPrimitives.Dot(xi, xi);
            }
        }
    }

    /// <summary>Number of observations N.</summary>
    public int Count { get; }

    /// <summary>The full N×N matrix of squared distances (zero diagonal, symmetric).</summary>
    public static double[] Squared(Samples samples, bool parallel)
    {
        var distances = new PairwiseDistances(samples);
        int n = distances.Count;
        var result = new double[(long)n * n];
        Rows(n, parallel, i => distances.LowerRow(i, result.AsSpan(i * n, i)));
        MirrorLower(result, n);
        return result;
    }

    /// <summary>D[i, 0..i): the squared distances of observation i to every earlier one.</summary>
    public void LowerRow(int i, Span<double> destination)
    {
        int n = Count, d = _dimensions;
        if (_norms.Length == 0)
        {
            destination.Clear();
            for (int k = 0; k < d; k++)
            {
                var column = _data.AsSpan(k * n, i);
                double c = _data[k * n + i];
                AddSquaredDifferences(column, c, destination);
            }

            return;
        }

        var xi = _data.AsSpan(i * d, d);
        double ni = _norms[i];
        for (int j = 0; j < i; j++)
        {
            double dot = TensorPrimitives.Dot(xi, _data.AsSpan(j * d, d));
            destination[j] = Math.Max(0, ni + _norms[j] - 2 * dot);
        }
    }

    /// <summary>Runs <paramref name="row"/> for every i in [0, n), rows interleaved across cores to balance the triangle.</summary>
    internal static void Rows(int n, bool parallel, Action<int> row)
    {
        if (!parallel || n < 256)
        {
            for (int i = 0; i < n; i++)
            {
                row(i);
            }

            return;
        }

        int workers = Math.Min(Environment.ProcessorCount * 4, n);
        Parallel.For(0, workers, w =>
        {
            for (int i = w; i < n; i += workers)
            {
                row(i);
            }
        });
    }

    /// <summary>Copies the strict lower triangle onto the upper one, in cache-sized tiles.</summary>
    internal static void MirrorLower(Span<double> matrix, int n)
    {
        const int Tile = 64;
        for (int bi = 0; bi < n; bi += Tile)
        {
            int iEnd = Math.Min(bi + Tile, n);
            for (int bj = bi; bj < n; bj += Tile)
            {
                int jEnd = Math.Min(bj + Tile, n);
                for (int i = bi; i < iEnd; i++)
                {
                    for (int j = Math.Max(bj, i + 1); j < jEnd; j++)
                    {
                        matrix[i * n + j] = matrix[j * n + i];
                    }
                }
            }
        }
    }

    private static void AddSquaredDifferences(ReadOnlySpan<double> column, double c, Span<double> destination)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vc = new Vector<double>(c);
            for (; j <= column.Length - Vector<double>.Count; j += Vector<double>.Count)
            {
                var diff = new Vector<double>(column[j..]) - vc;
                var acc = new Vector<double>(destination[j..]);
                (acc + diff * diff).CopyTo(destination[j..]);
            }
        }

        for (; j < column.Length; j++)
        {
            double diff = column[j] - c;
            destination[j] += diff * diff;
        }
    }
}
