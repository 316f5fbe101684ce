using System;
using System.Collections;
using System.Collections.Specialized;
using System.Diagnostics.CodeAnalysis;

namespace SdeAlm.Model;

/// <summary>
/// The settings (params) of a connector or an ALM connection: read-only, in the server's order, keys
/// compared without regard to case, indexed and enumerated like a hashtable (<c>$c.Settings['alm_pass']</c>,
/// <c>$c.Settings.alm_server</c>, <c>GetEnumerator()</c>), and read as <c>key=value; …</c> with every
/// secret as ******** where only text fits (Export-Csv, <c>[string]</c>), instead of a type name.
/// </summary>
[SuppressMessage("Design", "CA1010", Justification = "Scripts use it as PowerShell uses any IDictionary (keys as properties, Name/Value rows); a generic interface adds nothing for them.")]
public sealed class AlmSettingsDictionary : IDictionary
{
    private readonly OrderedDictionary _entries;

    /// <summary>Wraps <paramref name="entries"/>, which the caller made with the key rule of settings and no longer changes.</summary>
    internal AlmSettingsDictionary(OrderedDictionary entries)
    {
        _entries = entries.IsReadOnly ? entries : entries.AsReadOnly();
    }

    public int Count => _entries.Count;

    public ICollection Keys => _entries.Keys;

    public ICollection Values => _entries.Values;

    public bool IsReadOnly => true;

    public bool IsFixedSize => true;

    bool ICollection.IsSynchronized => false;

    object ICollection.SyncRoot => _entries;

    /// <summary>The value of a key (any case); null when there is no such key, as with a hashtable.</summary>
    public object? this[object key]
    {
        get => _entries[key];
        set => throw ReadOnly();
    }

    /// <summary>The value at a position, as an OrderedDictionary gives it (<c>$c.Settings[0]</c>): setting keys are never numbers.</summary>
    public object? this[int index] => _entries[index];

    public bool Contains(object key) => _entries.Contains(key);

    public IDictionaryEnumerator GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void CopyTo(Array array, int index) => _entries.CopyTo(array, index);

    void IDictionary.Add(object key, object? value) => throw ReadOnly();

    void IDictionary.Clear() => throw ReadOnly();

    void IDictionary.Remove(object key) => throw ReadOnly();

    public override string ToString() => DisplayText.Entries(this);

    private static NotSupportedException ReadOnly() =>
        new("The settings of a connector or an ALM connection are read-only: change them with Set-SdeAlmConnector or Set-SdeAlmConnection -Setting.");
}
