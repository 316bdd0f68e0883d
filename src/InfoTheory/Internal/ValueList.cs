using System.Collections;
using System.Globalization;
using System.Text;

namespace InfoTheory.Internal;

/// <summary>
/// The list members of the public result and options records: an immutable copy with value equality and a readable
/// <see cref="ToString"/> (<c>[0.5, 1.25, 2]</c>; long lists are shortened: <c>[1, 2, 3, …, 200] (200 items)</c>).
/// A record's generated <c>ToString</c> and <c>Equals</c> call the members' own, so with a plain array a record printed
/// <c>Widths = System.Double[]</c> and two equal results compared unequal.
/// </summary>
/// <remarks>
/// The source file is linked into each package that needs it (internal in each), so the packages share no internals.
/// </remarks>
internal sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private const int Shown = 8;

    private readonly T[] _items;

    private ValueList(T[] items) => _items = items;

    /// <summary>The empty list.</summary>
    public static ValueList<T> Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <summary>An immutable copy of <paramref name="items"/> (the same instance when it already is one; null stays null).</summary>
    public static ValueList<T>? Of(IEnumerable<T>? items) => items switch
    {
        null => null,
        ValueList<T> list => list,
        _ => new ValueList<T>(items.ToArray()),
    };

    /// <summary>As <see cref="Of"/>, for a member that must not be null.</summary>
    public static ValueList<T> Require(IEnumerable<T>? items, string name) => Of(items) ?? throw new ArgumentNullException(name);

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc />
    public bool Equals(ValueList<T>? other) => other is not null && _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_items.Length);
        foreach (var item in _items.AsSpan(0, Math.Min(_items.Length, Shown)))
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>The items in brackets, invariant culture; more than eight are shortened to the first seven and the last.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < _items.Length; i++)
        {
            if (_items.Length > Shown && i == Shown - 1)
            {
                text.Append("…, ");
                i = _items.Length - 1;
            }

            text.Append(Format(_items[i]));
            if (i < _items.Length - 1)
            {
                text.Append(", ");
            }
        }

        text.Append(']');
        return _items.Length > Shown ? text.Append(CultureInfo.InvariantCulture, $" ({_items.Length} items)").ToString() : text.ToString();
    }

    private static string? Format(T item) => item is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : item?.ToString();
}
