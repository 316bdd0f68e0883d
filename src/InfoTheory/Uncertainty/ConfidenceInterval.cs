namespace InfoTheory;

/// <summary>A two-sided confidence interval for an information quantity.</summary>
/// <param name="Low">The lower end.</param>
/// <param name="High">The upper end.</param>
/// <param name="Level">The nominal coverage, e.g. 0.95.</param>
public readonly record struct ConfidenceInterval(Information Low, Information High, double Level)
{
    /// <summary>Whether <paramref name="value"/> lies in [Low, High].</summary>
    public bool Contains(Information value) => value >= Low && value <= High;

    /// <summary>High − Low.</summary>
    public Information Width => High - Low;
}
