using System;
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

    /// <summary>
    /// The items as a read-only list; a list that is already one of these is kept. A new list may wrap an
    /// array that other lists wrap too (nothing can change it), but each wrapper is an object of its own,
    /// so a note added to one with Add-Member stays on that one.
    /// </summary>
    internal static ReadOnlyJoinedList<T> Of(IList<T>? items) => items as ReadOnlyJoinedList<T> ?? new(items ?? Array.Empty<T>());

    /// <summary>The number of items, as on the arrays these lists replace, so scripts that read <c>.Length</c> keep working.</summary>
    public int Length => Count;

    public override string ToString() => DisplayText.Join(this);
}
