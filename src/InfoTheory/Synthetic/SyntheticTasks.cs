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

    /// <summary>Every task of the suite: <see cref="Bmi"/> then <see cref="Images"/>.</summary>
    public static IReadOnlyList<ISyntheticTask> All() => [.. Bmi(), .. Images()];

    /// <summary>The task called <paramref name="name"/> in <see cref="All"/>.</summary>
    /// <exception cref="ArgumentException">No task has that name.</exception>
    public static ISyntheticTask Find(string name)
    {
        var all = All();
        return all.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException(
            $"No synthetic task is called '{name}'; the tasks are {string.Join(", ", all.Select(t => t.Name))}.", nameof(name));
    }
}
