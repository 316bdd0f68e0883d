namespace InfoTheory;

/// <summary>
/// The named tasks of the accuracy suite: BMI's Gaussian, Student-t and transformed tasks (Czyż et al., NeurIPS 2023,
/// arXiv:2306.11078; MI values in nats as in their Table/README) and the image tasks of Butakov et al. (ICLR 2024).
/// </summary>
public static class SyntheticTasks
{
    /// <summary>The low-dimensional BMI tasks: 1v1 normal ρ = 0.75 (0.4133), dense 2×2/3×3/5×5 (0.2939/0.4133/0.5928),
    /// Student-t dof 1 1×1 (0.2242), and half-cube, asinh, normal-CDF and spiral transforms of them.</summary>
    public static IReadOnlyList<ISyntheticTask> Bmi()
    {
        var oneVsOne = GaussianTask.OneVsOne(0.75);
        var dense2 = GaussianTask.Dense(2, 2);
        var dense3 = GaussianTask.Dense(3, 3);
        var dense5 = GaussianTask.Dense(5, 5);
        var student = StudentTTask.Identity(1, 1, 1);
        return
        [
            oneVsOne, dense2, dense3, dense5, student,
            new TransformedTask(oneVsOne, InjectiveMap.HalfCube),
            new TransformedTask(dense3, InjectiveMap.HalfCube),
            new TransformedTask(oneVsOne, InjectiveMap.Asinh),
            new TransformedTask(student, InjectiveMap.Asinh),
            new TransformedTask(dense3, InjectiveMap.NormalCdf),
            new TransformedTask(dense3, InjectiveMap.Spiral()),
        ];
    }

    /// <summary>The image tasks: 16×16 and 32×32 Gaussian blobs and rectangles, each with I = <paramref name="nats"/>.</summary>
    public static IReadOnlyList<ISyntheticTask> Images(double nats = 1.0) =>
    [
        new ImageTask(ImageShape.GaussianBlob, 16, nats),
        new ImageTask(ImageShape.Rectangle, 16, nats),
        new ImageTask(ImageShape.GaussianBlob, 32, nats),
        new ImageTask(ImageShape.Rectangle, 32, nats),
    ];

    /// <summary>
    /// One image task per value of <paramref name="nats"/> (the estimated-vs-true sweep of Butakov et al., ICLR 2024,
    /// §6, whose code sweeps 0 … 10 nats): the same shape and side, I(X; Y) set exactly to each value (see
    /// <see cref="ImageTask"/>). The marginal distribution of X (and of Y) is the same for every value: only the
    /// dependence changes, so a compressor fitted on one task's X serves them all.
    /// </summary>
    /// <param name="shape">Blobs or rectangles.</param>
    /// <param name="side">The image side in pixels.</param>
    /// <param name="nats">The true MI values, each &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite and positive, or the side is out of range.</exception>
    public static IReadOnlyList<ImageTask> ImageSweep(ImageShape shape, int side, IEnumerable<double> nats)
    {
        ArgumentNullException.ThrowIfNull(nats);
        return [.. nats.Select(v => new ImageTask(shape, side, v))];
    }

    /// <summary>Every task of the suite: <see cref="Bmi"/> then <see cref="Images"/>.</summary>
    public static IReadOnlyList<ISyntheticTask> All() => [.. Bmi(), .. Images()];

    /// <summary>
    /// The task called <paramref name="name"/> in <see cref="All"/>, or an image task at any true MI named like
    /// <c>blobs-16x16-2.5nats</c> or <c>rects-32x32-0.25nats</c> (shape, side × side, I in nats).
    /// </summary>
    /// <exception cref="ArgumentException">No task has that name.</exception>
    public static ISyntheticTask Find(string name)
    {
        var all = All();
        return all.FirstOrDefault(t => t.Name == name) ?? ParseImage(name) ?? throw new ArgumentException(
            $"No synthetic task is called '{name}'; the tasks are {string.Join(", ", all.Select(t => t.Name))}, " +
            "and image tasks at any MI named like blobs-16x16-2.5nats or rects-32x32-0.5nats.", nameof(name));
    }

    /// <summary>An image task from a name <c>{blobs|rects}-{S}x{S}-{I}nats</c>, or null when the name is not of that form.</summary>
    private static ImageTask? ParseImage(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var m = System.Text.RegularExpressions.Regex.Match(name, @"^(blobs|rects)-(\d{1,3})x(\d{1,3})-([0-9]*\.?[0-9]+)nats$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (!m.Success || m.Groups[2].Value != m.Groups[3].Value)
        {
            return null;
        }

        int side = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        double nats = double.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (side < 8 || side > 256 || !(nats > 0))
        {
            throw new ArgumentException($"Image task '{name}': the side must lie in 8 … 256 pixels and the MI must be > 0 nats.", nameof(name));
        }

        return new ImageTask(m.Groups[1].Value == "blobs" ? ImageShape.GaussianBlob : ImageShape.Rectangle, side, nats);
    }
}
