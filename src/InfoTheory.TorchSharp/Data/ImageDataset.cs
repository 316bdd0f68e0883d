using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// A labelled set of grey-level images held in managed memory: <see cref="Pixels"/> are
/// <see cref="Count"/> × <see cref="Rows"/> × <see cref="Columns"/> values in [0, 1] (raw byte / 255), row-major,
/// image after image; <see cref="Labels"/> holds one class byte per image.
/// </summary>
/// <remarks>
/// Tensors made by <see cref="ToTensor"/>, <see cref="ToImageTensor"/> and <see cref="LabelsTensor"/> are copies
/// that the caller owns and disposes (or creates inside a <c>torch.NewDisposeScope()</c>).
/// </remarks>
public sealed class ImageDataset
{
    /// <summary>Creates a data set from pixels already scaled to [0, 1].</summary>
    /// <param name="pixels">Count × rows × columns values (kept, not copied).</param>
    /// <param name="labels">One label per image (kept, not copied).</param>
    /// <param name="rows">Rows per image (&gt; 0).</param>
    /// <param name="columns">Columns per image (&gt; 0).</param>
    /// <exception cref="ArgumentException">The lengths do not agree with the shape, or a pixel is NaN or ±∞.</exception>
    public ImageDataset(float[] pixels, byte[] labels, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        long expected = (long)labels.Length * rows * columns;
        if (pixels.Length != expected)
        {
            throw new ArgumentException(
                $"{labels.Length} labels of {rows}×{columns} images need {expected} pixels, but {pixels.Length} were given.",
                nameof(pixels));
        }

        int bad = Array.FindIndex(pixels, p => !float.IsFinite(p));
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"pixels contains {pixels[bad]} at image {bad / ((long)rows * columns)}, pixel {bad % ((long)rows * columns)}; " +
                "replace or drop that image before training.", nameof(pixels));
        }

        Pixels = pixels;
        Labels = labels;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Rows per image.</summary>
    public int Rows { get; }

    /// <summary>Columns per image.</summary>
    public int Columns { get; }

    /// <summary>Pixels per image (<see cref="Rows"/> × <see cref="Columns"/>).</summary>
    public int PixelsPerImage => Rows * Columns;

    /// <summary>All pixels in [0, 1], <see cref="Count"/> × <see cref="Rows"/> × <see cref="Columns"/>, row-major.</summary>
    public float[] Pixels { get; }

    /// <summary>The class label of each image.</summary>
    public byte[] Labels { get; }

    /// <summary>Creates a data set from raw grey levels (scaled by 1/255).</summary>
    /// <param name="pixels">Count × rows × columns bytes.</param>
    /// <param name="labels">One label per image.</param>
    /// <param name="rows">Rows per image.</param>
    /// <param name="columns">Columns per image.</param>
    /// <returns>The data set.</returns>
    public static ImageDataset FromBytes(byte[] pixels, byte[] labels, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var f = new float[pixels.Length];
        for (int i = 0; i < f.Length; i++)
        {
            f[i] = pixels[i] / 255f;
        }

        return new ImageDataset(f, labels, rows, columns);
    }

    /// <summary>The images as a float32 tensor of shape N × (rows·cols), the input of the dense models. The caller disposes it.</summary>
    /// <returns>A new tensor.</returns>
    public Tensor ToTensor() => torch.tensor(Pixels, new long[] { Count, PixelsPerImage });

    /// <summary>The images as a float32 tensor of shape N × 1 × rows × cols, the input of the convolutional models. The caller disposes it.</summary>
    /// <returns>A new tensor.</returns>
    public Tensor ToImageTensor() => torch.tensor(Pixels, new long[] { Count, 1, Rows, Columns });

    /// <summary>The labels as an int64 tensor of shape N (the target of cross-entropy losses). The caller disposes it.</summary>
    /// <returns>A new tensor.</returns>
    public Tensor LabelsTensor()
    {
        var l = new long[Count];
        for (int i = 0; i < l.Length; i++)
        {
            l[i] = Labels[i];
        }

        return torch.tensor(l);
    }

    /// <summary>A copy of <paramref name="count"/> consecutive images starting at <paramref name="start"/>.</summary>
    /// <param name="start">First image.</param>
    /// <param name="count">Number of images.</param>
    /// <returns>The slice (its own arrays).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the data set.</exception>
    public ImageDataset Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start > Count - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Slice [{start}, {start}+{count}) is outside a data set of {Count} images.");
        }

        int n = PixelsPerImage;
        return new ImageDataset(
            Pixels.AsSpan(start * n, count * n).ToArray(),
            Labels.AsSpan(start, count).ToArray(),
            Rows,
            Columns);
    }

    /// <summary>Splits into the first <paramref name="trainCount"/> images and the rest (copies, in order).</summary>
    /// <param name="trainCount">Size of the first part, 0 ≤ trainCount ≤ <see cref="Count"/>.</param>
    /// <returns>The two parts.</returns>
    public (ImageDataset Train, ImageDataset Test) Split(int trainCount)
    {
        if (trainCount < 0 || trainCount > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(trainCount), $"trainCount {trainCount} is outside [0, {Count}].");
        }

        return (Slice(0, trainCount), Slice(trainCount, Count - trainCount));
    }

    /// <summary>Number of images per label value (index = label, length = max label + 1).</summary>
    /// <returns>The class counts.</returns>
    public int[] ClassCounts()
    {
        int max = 0;
        foreach (var l in Labels)
        {
            max = Math.Max(max, l);
        }

        var counts = new int[Count == 0 ? 0 : max + 1];
        foreach (var l in Labels)
        {
            counts[l]++;
        }

        return counts;
    }
}
