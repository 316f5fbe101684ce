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

    /// <summary>The number of items, as on the arrays these lists replace, so scripts that read <c>.Length</c> keep working.</summary>
    public int Length => Count;

    public override string ToString() => string.Join(", ", this);
}
