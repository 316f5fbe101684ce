using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace SdeAlm.Model;

/// <summary>
/// A read-only list that scripts index and enumerate like an array, and whose text form (what
/// Export-Csv and <c>[string]</c> write) is its items joined by ", " instead of the type name.
/// </summary>
public sealed class ReadOnlyJoinedList<T> : ReadOnlyCollection<T>
{
    internal ReadOnlyJoinedList(IList<T> items)
        : base(items)
    {
    }

    internal static ReadOnlyJoinedList<T> Empty { get; } = new([]);

    /// <summary>
    /// The items as a read-only list. No items share the one empty list, and a list that is already one
    /// of these is kept as it is.
    /// </summary>
    internal static ReadOnlyJoinedList<T> Of(IList<T>? items) =>
        items is null || items.Count == 0 ? Empty : items as ReadOnlyJoinedList<T> ?? new(items);

    /// <summary>The number of items, as on the arrays these lists replace, so scripts that read <c>.Length</c> keep working.</summary>
    public int Length => Count;

    public override string ToString() => string.Join(", ", this);
}
