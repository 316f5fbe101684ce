using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace SdeAlm.Model;

/// <summary>
/// A list inside a field's default (a checkbox's choices, a future type's structured value): indexed
/// like an array, read as its items joined by ", " where only text fits (Export-Csv, <c>[string]</c>).
/// </summary>
public sealed class StructuredList : ReadOnlyCollection<object?>
{
    internal StructuredList(IList<object?> items)
        : base(items)
    {
    }

    public override string ToString() => DisplayText.Join(this);
}
