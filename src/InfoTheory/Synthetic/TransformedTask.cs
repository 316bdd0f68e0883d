namespace InfoTheory;

/// <summary>
/// A task seen through injective maps: (f(X), g(Y)) with f, g from <see cref="InjectiveMap"/>. The mutual information
/// is that of the base task (injective maps keep it), while the marginals become non-Gaussian — BMI's transformed tasks
/// ("half-cube", "asinh", "normal CDF", "spiral" of Czyż et al., NeurIPS 2023).
/// </summary>
public sealed class TransformedTask : ISyntheticTask
{
    /// <summary>The base task seen through <paramref name="xMap"/> on X and <paramref name="yMap"/> on Y (null: left alone).</summary>
    /// <exception cref="ArgumentException">Neither map is given, or the spiral is asked of a 1-dimensional variable.</exception>
    public TransformedTask(ISyntheticTask baseTask, InjectiveMap? xMap, InjectiveMap? yMap, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(baseTask);
        if (xMap is null && yMap is null)
        {
            throw new ArgumentException("Give a map for X, for Y or for both; with neither the task is the base task.", nameof(yMap));
        }

        if ((xMap?.Name == "spiral" && baseTask.XDimensions < 2) || (yMap?.Name == "spiral" && baseTask.YDimensions < 2))
        {
            throw new ArgumentException($"The spiral needs a variable of dimension ≥ 2; {baseTask.Name} is {baseTask.XDimensions}×{baseTask.YDimensions}.", nameof(baseTask));
        }

        BaseTask = baseTask;
        XMap = xMap;
        YMap = yMap;
        Name = name ?? (xMap is not null && yMap is not null && xMap.Name == yMap.Name
            ? $"{xMap.Name}({baseTask.Name})"
            : $"{xMap?.Name ?? "id"}|{yMap?.Name ?? "id"}({baseTask.Name})");
    }

    /// <summary>Both variables through the same map.</summary>
    public TransformedTask(ISyntheticTask baseTask, InjectiveMap map)
        : this(baseTask, map, map)
    {
    }

    /// <summary>The untransformed task.</summary>
    public ISyntheticTask BaseTask { get; }

    /// <summary>The map applied to X, or null.</summary>
    public InjectiveMap? XMap { get; }

    /// <summary>The map applied to Y, or null.</summary>
    public InjectiveMap? YMap { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int XDimensions => BaseTask.XDimensions;

    /// <inheritdoc />
    public int YDimensions => BaseTask.YDimensions;

    /// <inheritdoc />
    public Information TrueMutualInformation => BaseTask.TrueMutualInformation;

    /// <inheritdoc />
    public SyntheticSample Sample(int count, int seed)
    {
        var s = BaseTask.Sample(count, seed);
        return new SyntheticSample(XMap?.Apply(s.X) ?? s.X, YMap?.Apply(s.Y) ?? s.Y, TrueMutualInformation);
    }
}
