namespace InfoTheory;

/// <summary>
/// The activations of a layer, N × C × H × W in row-major (NCHW, PyTorch's) order, seen as C variables: one per feature
/// map, each observation an H·W tensor. Views share the caller's buffer; nothing is copied per map.
/// </summary>
/// <remarks>
/// Map <c>c</c> of observation <c>i</c> is the contiguous block starting at <c>(i·C + c)·H·W</c>, so
/// <see cref="this[int]"/> is a strided <see cref="Samples"/> view. Dense layers are N × C × 1 × 1 (each neuron a map).
/// </remarks>
public readonly struct FeatureMaps
{
    private readonly ReadOnlyMemory<double> _doubles;
    private readonly ReadOnlyMemory<float> _singles;

    /// <summary>Wraps N × C × H × W double values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="ArgumentException">The buffer length is not N·C·H·W.</exception>
    public FeatureMaps(ReadOnlyMemory<double> values, int count, int channels, int height, int width)
    {
        Check(values.Length, count, channels, height, width);
        _doubles = values;
        (Count, Channels, Height, Width) = (count, channels, height, width);
    }

    /// <summary>Wraps N × C × H × W float values without copying.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="ArgumentException">The buffer length is not N·C·H·W.</exception>
    public FeatureMaps(ReadOnlyMemory<float> values, int count, int channels, int height, int width)
    {
        Check(values.Length, count, channels, height, width);
        _singles = values;
        (Count, Channels, Height, Width) = (count, channels, height, width);
    }

    /// <summary>Number of observations N.</summary>
    public int Count { get; }

    /// <summary>Number of feature maps C.</summary>
    public int Channels { get; }

    /// <summary>Height H of one map.</summary>
    public int Height { get; }

    /// <summary>Width W of one map.</summary>
    public int Width { get; }

    /// <summary>Values in one map, H·W.</summary>
    public int MapSize => Height * Width;

    /// <summary>Feature map <paramref name="channel"/> as a variable of dimension H·W (a strided view, no copy).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is outside [0, C).</exception>
    public Samples this[int channel]
    {
        get
        {
            if ((uint)channel >= (uint)Channels)
            {
                throw new ArgumentOutOfRangeException(nameof(channel), channel, $"The layer has {Channels} feature maps (0 to {Channels - 1}).");
            }

            return new Samples(_doubles, _singles, Count, MapSize, channel * MapSize, Channels * MapSize);
        }
    }

    /// <summary>The whole layer as one variable of dimension C·H·W (one tensor per observation; no copy).</summary>
    public Samples Flatten() => new(_doubles, _singles, Count, Channels * MapSize, 0, Channels * MapSize);

    private static void Check(int length, int count, int channels, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        long expected = (long)count * channels * height * width;
        if (expected != length)
        {
            throw new ArgumentException(
                $"values has {length} elements but N×C×H×W = {count}×{channels}×{height}×{width} = {expected}; pass the shape the buffer really has.",
                "values");
        }
    }
}
