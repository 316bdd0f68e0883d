using System.Runtime.CompilerServices;

namespace InfoTheory.Internal;

/// <summary>
/// Refuses enum values outside the enum (<c>(KnnNorm)9</c>), which a <c>switch</c> would otherwise send to its default
/// branch without a word. Linked into each package that takes enums (internal in each).
/// </summary>
internal static class EnumGuard
{
    /// <summary>Returns <paramref name="value"/> when it is a defined member of <typeparamref name="TEnum"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not; the message lists the members.</exception>
    public static TEnum Defined<TEnum>(TEnum value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value,
                $"{name} = {value} is not a {typeof(TEnum).Name}; use one of {string.Join(", ", Enum.GetNames<TEnum>().Select(n => $"{typeof(TEnum).Name}.{n}"))}.");
}
