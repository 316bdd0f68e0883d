namespace InfoTheory;

/// <summary>A two-sided confidence interval for an information quantity.</summary>
/// <param name="Low">The lower end.</param>
/// <param name="High">The upper end.</param>
/// <param name="Level">The nominal coverage, e.g. 0.95.</param>
public readonly record struct ConfidenceInterval(Information Low, Information High, double Level) : IFormattable
{
    /// <summary>Whether <paramref name="value"/> lies in [Low, High].</summary>
    public bool Contains(Information value) => value >= Low && value <= High;

    /// <summary>High − Low.</summary>
    public Information Width => High - Low;

    /// <summary>Writes the interval in bits with its level, e.g. <c>[0.0631, 0.913] bits (95%)</c>.</summary>
    public override string ToString() => ToString(null, null);

    /// <summary>
    /// Formats the interval in one unit, with the format convention of
    /// <see cref="Information.ToString(string?, IFormatProvider?)"/> (a trailing <c>n</c> writes nats, <c>b</c> or
    /// nothing bits; what precedes is a numeric format for both ends, three significant digits by default).
    /// </summary>
    /// <param name="format">The format, or null.</param>
    /// <param name="formatProvider">The culture, or null for the invariant culture.</param>
    /// <returns>The text.</returns>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        var (unit, number) = Information.ParseFormat(format);
        var provider = formatProvider ?? System.Globalization.CultureInfo.InvariantCulture;
        number ??= "G3";
        return $"[{Low.In(unit).ToString(number, provider)}, {High.In(unit).ToString(number, provider)}] {Information.UnitName(unit)} " +
            $"({(100 * Level).ToString("G4", provider)}%)";
    }
}
