using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace LookoutSim.Scenarios;

/// <summary>
/// An immutable, ordered list with value equality, so that scenario records compare equal when
/// their lists hold equal items in the same order (<see cref="ImmutableArray{T}"/> alone compares
/// by reference). Converts implicitly to and from <see cref="ImmutableArray{T}"/>.
/// </summary>
/// <typeparam name="T">Item type; compared with <see cref="EqualityComparer{T}.Default"/>.</typeparam>
[CollectionBuilder(typeof(EquatableArray), nameof(EquatableArray.Create))]
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly ImmutableArray<T> items;

    /// <summary>Wraps <paramref name="items"/> (a default array is treated as empty).</summary>
    public EquatableArray(ImmutableArray<T> items) => this.items = items.IsDefault ? [] : items;

    /// <summary>An empty list.</summary>
    public static EquatableArray<T> Empty => new([]);

    /// <summary>The items as an <see cref="ImmutableArray{T}"/>.</summary>
    public ImmutableArray<T> AsImmutableArray() => items.IsDefault ? [] : items;

    /// <summary>Number of items.</summary>
    public int Length => items.IsDefault ? 0 : items.Length;

    /// <inheritdoc/>
    public int Count => Length;

    /// <summary>True when there are no items.</summary>
    public bool IsEmpty => Length == 0;

    /// <inheritdoc/>
    public T this[int index] => AsImmutableArray()[index];

    public static implicit operator EquatableArray<T>(ImmutableArray<T> items) => new(items);

    public static implicit operator ImmutableArray<T>(EquatableArray<T> array) => array.AsImmutableArray();

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(EquatableArray<T> other) => AsImmutableArray().SequenceEqual(other.AsImmutableArray());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (T item in AsImmutableArray())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>A struct enumerator over the items.</summary>
    public ImmutableArray<T>.Enumerator GetEnumerator() => AsImmutableArray().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)AsImmutableArray()).GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", AsImmutableArray()) + "]";
}

/// <summary>Builds <see cref="EquatableArray{T}"/> values.</summary>
public static class EquatableArray
{
    /// <summary>Copies <paramref name="items"/> into a new list.</summary>
    public static EquatableArray<T> From<T>(IEnumerable<T> items) => new([.. items]);

    /// <summary>A list of the given items (used by collection expressions).</summary>
    public static EquatableArray<T> Create<T>(ReadOnlySpan<T> items) => new([.. items]);

    /// <summary>A list of the given items.</summary>
    public static EquatableArray<T> Of<T>(params T[] items) => new([.. items]);
}
