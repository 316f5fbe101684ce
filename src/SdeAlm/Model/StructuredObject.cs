using System;
using System.Collections.Specialized;
using System.Diagnostics.CodeAnalysis;

namespace SdeAlm.Model;

/// <summary>
/// An object inside a field's default: an ordered, case-insensitive dictionary like <c>[ordered]@{}</c>,
/// read as <c>key=value; …</c> where only text fits (Export-Csv, <c>[string]</c>).
/// </summary>
[SuppressMessage("Design", "CA1010", Justification = "It is PowerShell's [ordered] dictionary, which scripts already know; a generic interface adds nothing for them.")]
public sealed class StructuredObject : OrderedDictionary
{
    internal StructuredObject()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    public override string ToString() => DisplayText.Entries(this);
}
