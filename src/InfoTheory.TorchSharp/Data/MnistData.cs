namespace InfoTheory.TorchSharp;

/// <summary>
/// MNIST-format data: the embedded 10,000-digit subset (<see cref="LoadEmbedded"/>) and folders holding the
/// standard MNIST, Fashion-MNIST or EMNIST files (<see cref="Load(string, string?)"/>).
/// </summary>
/// <remarks>
/// The embedded subset (files <c>images-idx3-ubyte.gz</c> and <c>labels-idx1-ubyte.gz</c>; provenance and sha256 in
/// <c>Data/mnist-10k/README.md</c> of the source) holds 10,000 MNIST digits (LeCun, Cortes &amp; Burges), 28 × 28,
/// shuffled with a fixed seed so that any prefix is close to class-balanced. Class counts: 0:1001 1:1127 2:991 3:1032
/// 4:980 5:863 6:1014 7:1070 8:944 9:978.
/// </remarks>
public static class MnistData
{
    /// <summary>Manifest resource name of the embedded image file (gzip-compressed IDX, 10000 × 28 × 28).</summary>
    public const string EmbeddedImagesResource = "InfoTheory.TorchSharp.Data.mnist-10k.images-idx3-ubyte.gz";

    /// <summary>Manifest resource name of the embedded label file (gzip-compressed IDX, 10000 labels 0–9).</summary>
    public const string EmbeddedLabelsResource = "InfoTheory.TorchSharp.Data.mnist-10k.labels-idx1-ubyte.gz";

    /// <summary>Opens an embedded resource of this package (<see cref="EmbeddedImagesResource"/> or <see cref="EmbeddedLabelsResource"/>) as a read-only stream; the caller disposes it.</summary>
    /// <param name="resourceName">The manifest resource name.</param>
    /// <returns>The stream of the (gzip-compressed) file.</returns>
    /// <exception cref="ArgumentException">No such resource.</exception>
    public static Stream OpenEmbedded(string resourceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceName);
        return typeof(MnistData).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new ArgumentException($"No embedded resource '{resourceName}' in {typeof(MnistData).Assembly.GetName().Name}.", nameof(resourceName));
    }

    /// <summary>Loads the embedded 10,000-digit MNIST subset (pixels scaled to [0, 1]); each call returns new arrays.</summary>
    /// <returns>10000 images of 28 × 28 with labels 0–9.</returns>
    public static ImageDataset LoadEmbedded()
    {
        using var images = OpenEmbedded(EmbeddedImagesResource);
        using var labels = OpenEmbedded(EmbeddedLabelsResource);
        return IdxReader.ReadDataset(images, labels, EmbeddedImagesResource, EmbeddedLabelsResource);
    }

    /// <summary>
    /// Loads MNIST-format files from a folder. The training pair is <c>[prefix]train-images-idx3-ubyte</c> +
    /// <c>[prefix]train-labels-idx1-ubyte</c>, the test pair <c>[prefix]t10k-images-idx3-ubyte</c> +
    /// <c>[prefix]t10k-labels-idx1-ubyte</c> (EMNIST: <c>[prefix]test-…</c>); each name may end in <c>.gz</c> and may
    /// use <c>.idx</c> for <c>-idx</c>. A folder with only <c>images-idx3-ubyte[.gz]</c> +
    /// <c>labels-idx1-ubyte[.gz]</c> (the embedded subset's names) loads as the training part with no test part.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="prefix">
    /// A file-name prefix, e.g. <c>"emnist-balanced-"</c>; when null, a single prefix is inferred from the
    /// <c>*train-images*</c> file in the folder (an error if there are several).
    /// </param>
    /// <returns>The training part and the test part (null when the folder has no test files).</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">No matching files; the message lists the names looked for.</exception>
    /// <exception cref="IdxFormatException">A file is invalid, or image and label counts differ.</exception>
    public static (ImageDataset Train, ImageDataset? Test) Load(string directory, string? prefix = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"MNIST folder '{directory}' does not exist.");
        }

        prefix ??= InferPrefix(directory);
        var looked = new List<string>();
        string? trainImages = Find(directory, prefix + "train-images", "idx3-ubyte", looked);
        string? trainLabels = Find(directory, prefix + "train-labels", "idx1-ubyte", looked);
        if (trainImages is null || trainLabels is null)
        {
            string? images = Find(directory, prefix + "images", "idx3-ubyte", looked);
            string? labels = Find(directory, prefix + "labels", "idx1-ubyte", looked);
            if (images is not null && labels is not null)
            {
                return (IdxReader.ReadDataset(images, labels), null);
            }

            throw new FileNotFoundException(
                $"No MNIST-format image/label pair in '{directory}'. Looked for (each also with .gz): {string.Join(", ", looked.Distinct())}.");
        }

        var train = IdxReader.ReadDataset(trainImages, trainLabels);
        ImageDataset? test = null;
        foreach (var testName in new[] { "t10k", "test" })
        {
            string? ti = Find(directory, prefix + testName + "-images", "idx3-ubyte", looked);
            string? tl = Find(directory, prefix + testName + "-labels", "idx1-ubyte", looked);
            if (ti is not null && tl is not null)
            {
                test = IdxReader.ReadDataset(ti, tl);
                break;
            }
        }

        return (train, test);
    }

    private static string InferPrefix(string directory)
    {
        var prefixes = Directory.EnumerateFiles(directory, "*train-images*")
            .Select(Path.GetFileName)
            .Select(n => n![..n!.IndexOf("train-images", StringComparison.Ordinal)])
            .Distinct()
            .ToList();
        if (prefixes.Count > 1)
        {
            throw new ArgumentException(
                $"MNIST folder '{directory}' holds training files with several prefixes ({string.Join(", ", prefixes.Select(p => "'" + p + "'"))}); pass the prefix to use.",
                nameof(directory));
        }

        return prefixes.Count == 1 ? prefixes[0] : string.Empty;
    }

    private static string? Find(string directory, string stem, string suffix, List<string> looked)
    {
        foreach (var sep in new[] { "-", "." })
        {
            string name = stem + sep + suffix;
            looked.Add(name);
            foreach (var candidate in new[] { name, name + ".gz" })
            {
                string path = Path.Combine(directory, candidate);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }
}
