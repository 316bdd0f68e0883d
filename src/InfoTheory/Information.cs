using System.Globalization;
using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>The unit in which an <see cref="Information"/> is written out.</summary>
public enum InformationUnit
{
    /// <summary>Bits (shannons): logarithms to base 2.</summary>
    Bits,

    /// <summary>Nats: natural logarithms.</summary>
    Nats,
}

/// <summary>
/// An amount of information (an entropy, a mutual information, a divergence). Stored in nats; read it as
/// <see cref="Nats"/> or <see cref="Bits"/>, so a value can never be taken in the wrong unit.
/// </summary>
/// <remarks>
/// 1 bit = ln 2 nats ≈ 0.693147 nats. Arithmetic is unit-safe: sums and differences of two amounts, and
/// scaling by a plain number. Amounts may be negative (a difference of estimates can be).
/// </remarks>
public readonly struct Information : IEquatable<Information>, IComparable<Information>, IComparable, IFormattable
{
    /// <summary>ln 2: the number of nats in one bit.</summary>
    public const double NatsPerBit = 0.69314718055994530942;

    private Information(double nats) => Nats = nats;

    /// <summary>No information.</summary>
    public static Information Zero => default;

    /// <summary>The amount in nats (natural logarithm).</summary>
    public double Nats { get; }

    /// <summary>The amount in bits (base-2 logarithm).</summary>
    public double Bits => Nats / NatsPerBit;

    /// <summary>An amount given in nats.</summary>
    /// <param name="nats">The amount in nats; must be finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nats"/> is NaN or infinite.</exception>
    public static Information FromNats(double nats)
    {
        if (!double.IsFinite(nats))
        {
            throw new ArgumentOutOfRangeException(nameof(nats), nats, "An amount of information must be finite.");
        }

        return new Information(nats);
    }

    /// <summary>An amount given in bits.</summary>
    /// <param name="bits">The amount in bits; must be finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is NaN or infinite.</exception>
    public static Information FromBits(double bits)
    {
        if (!double.IsFinite(bits))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "An amount of information must be finite.");
        }

        return new Information(bits * NatsPerBit);
    }

    /// <summary>The amount in the given unit.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined unit.</exception>
    public double In(InformationUnit unit) => EnumGuard.Defined(unit) == InformationUnit.Bits ? Bits : Nats;

    /// <summary>The larger of two amounts.</summary>
    public static Information Max(Information a, Information b) => a.Nats >= b.Nats ? a : b;

    /// <summary>The smaller of two amounts.</summary>
    public static Information Min(Information a, Information b) => a.Nats <= b.Nats ? a : b;

    /// <summary>Sum of two amounts.</summary>
    public static Information operator +(Information a, Information b) => new(a.Nats + b.Nats);

    /// <summary>Difference of two amounts.</summary>
    public static Information operator -(Information a, Information b) => new(a.Nats - b.Nats);

    /// <summary>Negation.</summary>
    public static Information operator -(Information a) => new(-a.Nats);

    /// <summary>Scaling by a plain number.</summary>
    public static Information operator *(Information a, double factor) => new(a.Nats * factor);

    /// <summary>Scaling by a plain number.</summary>
    public static Information operator *(double factor, Information a) => new(a.Nats * factor);

    /// <summary>Division by a plain number.</summary>
    public static Information operator /(Information a, double divisor) => new(a.Nats / divisor);

    /// <summary>The ratio of two amounts: a plain number, unit-free.</summary>
    public static double operator /(Information a, Information b) => a.Nats / b.Nats;

    /// <summary>Equality.</summary>
    public static bool operator ==(Information a, Information b) => a.Nats.Equals(b.Nats);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Information a, Information b) => !a.Nats.Equals(b.Nats);

    /// <summary>Ordering.</summary>
    public static bool operator <(Information a, Information b) => a.Nats < b.Nats;

    /// <summary>Ordering.</summary>
    public static bool operator >(Information a, Information b) => a.Nats > b.Nats;

    /// <summary>Ordering.</summary>
    public static bool operator <=(Information a, Information b) => a.Nats <= b.Nats;

    /// <summary>Ordering.</summary>
    public static bool operator >=(Information a, Information b) => a.Nats >= b.Nats;

    /// <inheritdoc />
    public bool Equals(Information other) => Nats.Equals(other.Nats);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Information other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Nats.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(Information other) => Nats.CompareTo(other.Nats);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Information other => CompareTo(other),
        _ => throw new ArgumentException($"Cannot compare an Information with a {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>Writes the amount in bits, e.g. <c>1.2345 bits</c>.</summary>
    public override string ToString() => ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Writes the amount in the given unit with its unit name, e.g. <c>0.8557 nats</c>.</summary>
    public string ToString(InformationUnit unit, string? format = "G6", IFormatProvider? provider = null) =>
        In(unit).ToString(format, provider ?? CultureInfo.InvariantCulture) + " " + UnitName(unit);

    /// <summary>
    /// Formats the amount. A format ending in <c>n</c> writes nats, in <c>b</c> (or nothing) bits; what precedes
    /// is a standard numeric format for the number, e.g. <c>"F3n"</c> → <c>0.693 nats</c>.
    /// </summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        var (unit, number) = ParseFormat(format);
        return ToString(unit, number ?? "G6", formatProvider);
    }

    /// <summary>
    /// Splits a format of the <see cref="ToString(string?, IFormatProvider?)"/> convention into its unit (trailing
    /// <c>n</c> nats, <c>b</c> or nothing bits) and its numeric format (null when none is given).
    /// </summary>
    internal static (InformationUnit Unit, string? NumberFormat) ParseFormat(string? format)
    {
        format ??= string.Empty;
        var unit = InformationUnit.Bits;
        if (format.EndsWith('n') || format.EndsWith('N'))
        {
            unit = InformationUnit.Nats;
            format = format[..^1];
        }
        else if (format.EndsWith('b') || format.EndsWith('B'))
        {
            format = format[..^1];
        }

        return (unit, format.Length == 0 ? null : format);
    }

    /// <summary>The unit's name as written after a number: <c>bits</c> or <c>nats</c>.</summary>
    internal static string UnitName(InformationUnit unit) => unit == InformationUnit.Bits ? "bits" : "nats";
}
