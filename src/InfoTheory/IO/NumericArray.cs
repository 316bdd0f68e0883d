using System.Globalization;

namespace InfoTheory;

/// <summary>
/// A dense array of numbers read from a file (see <see cref="NumericFile"/>): the values in C (row-major) order and
/// the shape. Axis 0 is always the observations.
/// </summary>
/// <remarks>
/// <see cref="ToSamples"/> reads every observation as one flat vector (all axes after the first flattened);
/// <see cref="ToFeatureMaps"/> reads axis 1 as the feature maps of a layer. Neither copies <see cref="Values"/>.
/// </remarks>
public sealed class NumericArray
{
    private readonly int[] _shape;

    /// <summary>Wraps row-major values with their shape (not copied).</summary>
    /// <param name="values">The values in C order.</param>
    /// <param name="shape">The size of each axis; at least one axis, every size ≥ 1, product = <c>values.Length</c>.</param>
    /// <param name="source">Where the values came from (a path), used in error messages; optional.</param>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> or <paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape is empty, has a size below 1, or does not match the number of values.</exception>
    public NumericArray(double[] values, int[] shape, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(shape);
        Source = source;
        if (shape.Length == 0)
        {
            throw new ArgumentException($"{Name} has no axes (a scalar); give an array with at least one axis (axis 0 = observations).", nameof(shape));
        }

        if (Array.Exists(shape, size => size < 1))
        {
            throw new ArgumentException($"{Name} has shape {FormatShape(shape)}; every axis needs at least one element.", nameof(shape));
        }

        long? product = ElementCount(shape);
        if (product != values.Length)
        {
            throw new ArgumentException(
                $"{Name} has {values.Length} values but shape {FormatShape(shape)} needs {(product is { } p ? p.ToString(CultureInfo.InvariantCulture) : $"more than {Array.MaxLength}")}; pass the shape the values really have.",
                nameof(values));
        }

        Values = values;
        _shape = (int[])shape.Clone();
    }

    /// <summary>The values in C (row-major) order.</summary>
    public double[] Values { get; }

    /// <summary>The size of each axis (a copy); axis 0 is the observations.</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>The number of axes.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of observations (the size of axis 0).</summary>
    public int Count => _shape[0];

    /// <summary>The file or stream the values were read from, if known.</summary>
    public string? Source { get; }

    private string Name => Source ?? "the array";

    /// <summary>
    /// The array as <see cref="Samples"/>: axis 0 = observations, every other axis flattened into one observation
    /// vector (rank 1 = N observations of one value). No copy.
    /// </summary>
    public Samples ToSamples() => new(Values, Values.Length / _shape[0]);

    /// <summary>
    /// The array as the activations of a layer: axis 0 = N observations, axis 1 = C feature maps, the remaining axes
    /// one map (H×W for rank 4; rank 3 gives H×1; axes after the fourth are folded into W). For rank 2 each column is a
    /// map of size 1×1 (a dense layer: one neuron per map). No copy.
    /// </summary>
    /// <exception cref="ArgumentException">The array has rank 1 (no feature-map axis).</exception>
    public FeatureMaps ToFeatureMaps()
    {
        if (_shape.Length < 2)
        {
            throw new ArgumentException(
                $"{Name} has shape {FormatShape(_shape)}, but a layer needs at least two axes: N observations × C feature maps [× H × W]. "
                + "Save the layer as N×C (dense) or N×C×H×W (convolutional).",
                "layer");
        }

        int height = _shape.Length > 2 ? _shape[2] : 1;
        int width = 1;
        for (int axis = 3; axis < _shape.Length; axis++)
        {
            width *= _shape[axis];
        }

        return new FeatureMaps(Values, _shape[0], _shape[1], height, width);
    }

    /// <summary>The shape written as a tuple, e.g. <c>(100, 3)</c>.</summary>
    public string ShapeText => FormatShape(_shape);

    /// <inheritdoc />
    public override string ToString() => $"{Name}: shape {ShapeText}";

    /// <summary>
    /// The product of the sizes (each ≥ 1), or null when it exceeds <see cref="Array.MaxLength"/>: checked at each
    /// factor, so a shape whose product passes 2⁶⁴ cannot wrap around to a small count.
    /// </summary>
    internal static long? ElementCount(IReadOnlyList<int> shape)
    {
        long product = 1;
        foreach (int size in shape)
        {
            if (size > Array.MaxLength / product)
            {
                return null;
            }

            product *= size;
        }

        return product;
    }

    internal static string FormatShape(IReadOnlyList<int> shape) =>
        shape.Count == 1
            ? $"({shape[0].ToString(CultureInfo.InvariantCulture)},)"
            : "(" + string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + ")";
}
