using System.Runtime.InteropServices;

namespace InfoTheory;

/// <summary>
/// N observations of a d-dimensional variable: a row-major view over contiguous memory, one row per observation.
/// Wraps a <see cref="double"/> or <see cref="float"/> buffer without copying it.
/// </summary>
/// <remarks>
/// <para>Row <c>i</c> starts at <c>offset + i·stride</c>; a plain matrix has stride = <see cref="Dimensions"/>. Views with a
/// larger stride (one feature map of a layer, see <see cref="FeatureMaps"/>) share the caller's buffer.</para>
/// <para>A feature map of H×W values is one observation of dimension H·W: kernels use the Frobenius norm of the whole map,
/// which is the Euclidean norm of its rastered values, so nothing is lost by the flat layout.</para>
/// <para>The struct only describes memory: estimators validate it (finite values, enough observations) and throw
/// <see cref="ArgumentException"/> that names the parameter and the offending value.</para>
/// </remarks>
public readonly struct Samples
{
    private readonly ReadOnlyMemory<double> _doubles;
    private readonly ReadOnlyMemory<float> _singles;
    private readonly int _offset;
    private readonly int _stride;

    /// <summary>Wraps row-major <see cref="double"/> values: <c>values.Length / dimensions</c> observations.</summary>
    /// <param name="values">Row-major values, observation after observation.</param>
    /// <param name="dimensions">Values per observation (d ≥ 1); must divide <c>values.Length</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The length of <paramref name="values"/> is not a multiple of <paramref name="dimensions"/>.</exception>
    public Samples(ReadOnlyMemory<double> values, int dimensions)
        : this(values, default, CountOf(values.Length, dimensions), dimensions, 0, dimensions)
    {
    }

    /// <summary>Wraps row-major <see cref="float"/> values without copying: <c>values.Length / dimensions</c> observations.</summary>
    /// <param name="values">Row-major values, observation after observation.</param>
    /// <param name="dimensions">Values per observation (d ≥ 1); must divide <c>values.Length</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The length of <paramref name="values"/> is not a multiple of <paramref name="dimensions"/>.</exception>
    public Samples(ReadOnlyMemory<float> values, int dimensions)
        : this(default, values, CountOf(values.Length, dimensions), dimensions, 0, dimensions)
    {
    }

    internal Samples(ReadOnlyMemory<double> doubles, ReadOnlyMemory<float> singles, int count, int dimensions, int offset, int stride)
    {
        _doubles = doubles;
        _singles = singles;
        Count = count;
        Dimensions = dimensions;
        _offset = offset;
        _stride = stride;
    }

    /// <summary>Number of observations N.</summary>
    public int Count { get; }

    /// <summary>Dimension d of one observation.</summary>
    public int Dimensions { get; }

    /// <summary>True when the view wraps a <see cref="float"/> buffer.</summary>
    public bool IsSinglePrecision => !_singles.IsEmpty;

    /// <summary>Value <paramref name="dimension"/> of observation <paramref name="observation"/>.</summary>
    public double this[int observation, int dimension]
    {
        get
        {
            if ((uint)observation >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(observation), observation, $"There are {Count} observations.");
            }

            if ((uint)dimension >= (uint)Dimensions)
            {
                throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"There are {Dimensions} dimensions.");
            }

            int at = _offset + observation * _stride + dimension;
            return IsSinglePrecision ? _singles.Span[at] : _doubles.Span[at];
        }
    }

    /// <summary>A one-dimensional variable: one observation per value.</summary>
    public static Samples FromColumn(ReadOnlyMemory<double> values) => new(values, 1);

    /// <summary>Copies a matrix (rows = observations, columns = dimensions).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="matrix"/> has no columns.</exception>
    public static Samples FromMatrix(double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.GetLength(0), d = matrix.GetLength(1);
        if (d == 0)
        {
            throw new ArgumentException("matrix has no columns; each observation needs at least one value.", nameof(matrix));
        }

        if (n == 0)
        {
            throw new ArgumentException($"matrix has no rows (0 × {d}); give one row per observation.", nameof(matrix));
        }

        var values = new double[(long)n * d > Array.MaxLength ? throw new ArgumentException($"matrix has {(long)n * d} values, more than one array can hold.", nameof(matrix)) : n * d];
        MemoryMarshal.CreateReadOnlySpan(ref matrix[0, 0], n * d).CopyTo(values);
        return new Samples(values, d);
    }

    /// <summary>Copies jagged rows (one array per observation); all rows must have the same length.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or one of its rows is null.</exception>
    /// <exception cref="ArgumentException">The rows differ in length, or are empty.</exception>
    public static Samples FromRows(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("rows is empty; give at least one observation.", nameof(rows));
        }

        int d = rows[0]?.Length ?? throw new ArgumentNullException(nameof(rows), "Row 0 is null.");
        if (d == 0)
        {
            throw new ArgumentException("Row 0 is empty; each observation needs at least one value.", nameof(rows));
        }

        var values = new double[rows.Count * d];
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i] ?? throw new ArgumentNullException(nameof(rows), $"Row {i} is null.");
            if (row.Length != d)
            {
                throw new ArgumentException(
                    $"rows is ragged: row {i} has {row.Length} values but row 0 has {d}; every observation must have the same dimension.",
                    nameof(rows));
            }

            row.CopyTo(values, i * d);
        }

        return new Samples(values, d);
    }

    /// <summary>
    /// Observation <paramref name="observation"/> as a span over the caller's buffer. Only for double-precision views;
    /// use <see cref="CopyRowTo"/> for either precision.
    /// </summary>
    /// <exception cref="InvalidOperationException">The view wraps a <see cref="float"/> buffer.</exception>
    public ReadOnlySpan<double> Row(int observation)
    {
        if (IsSinglePrecision)
        {
            throw new InvalidOperationException("These samples wrap a float buffer; use CopyRowTo or ToDouble() to read rows as double.");
        }

        if ((uint)observation >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(observation), observation, $"There are {Count} observations.");
        }

        return _doubles.Span.Slice(_offset + observation * _stride, Dimensions);
    }

    /// <summary>Copies observation <paramref name="observation"/> into <paramref name="destination"/>, widening floats.</summary>
    public void CopyRowTo(int observation, Span<double> destination)
    {
        if ((uint)observation >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(observation), observation, $"There are {Count} observations.");
        }

        int start = _offset + observation * _stride;
        if (IsSinglePrecision)
        {
            var src = _singles.Span.Slice(start, Dimensions);
            for (int k = 0; k < src.Length; k++)
            {
                destination[k] = src[k];
            }
        }
        else
        {
            _doubles.Span.Slice(start, Dimensions).CopyTo(destination);
        }
    }

    /// <summary>A row-major copy of all values as <see cref="double"/> (N·d values).</summary>
    public double[] ToArray()
    {
        var result = new double[Count * Dimensions];
        for (int i = 0; i < Count; i++)
        {
            CopyRowTo(i, result.AsSpan(i * Dimensions, Dimensions));
        }

        return result;
    }

    /// <summary>
    /// These samples as a double-precision view: itself when it already is one, else a widened copy.
    /// </summary>
    public Samples ToDouble() => IsSinglePrecision ? new Samples(ToArray(), Dimensions) : this;

    /// <summary>The observations at the given indices, copied in that order (for permutations and resampling).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, <see cref="Count"/>).</exception>
    public Samples Select(ReadOnlySpan<int> observations)
    {
        var result = new double[observations.Length * Dimensions];
        for (int r = 0; r < observations.Length; r++)
        {
            CopyRowTo(observations[r], result.AsSpan(r * Dimensions, Dimensions));
        }

        return new Samples(result, Dimensions);
    }

    /// <summary>
    /// The buffer, the first row index and the row stride; only for double-precision views (internal fast paths).
    /// </summary>
    internal (ReadOnlyMemory<double> Data, int Offset, int Stride) Layout
    {
        get
        {
            if (IsSinglePrecision)
            {
                throw new InvalidOperationException("Internal error: Layout is for double-precision views; call ToDouble() first.");
            }

            return (_doubles, _offset, _stride);
        }
    }

    private static int CountOf(int length, int dimensions)
    {
        if (dimensions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "dimensions must be at least 1.");
        }

        if (length % dimensions != 0)
        {
            throw new ArgumentException(
                $"values has {length} elements, which is not a multiple of dimensions = {dimensions}; the buffer must hold whole observations.",
                "values");
        }

        return length / dimensions;
    }
}
