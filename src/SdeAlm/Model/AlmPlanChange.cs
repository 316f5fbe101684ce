namespace SdeAlm.Model;

/// <summary>
/// One field of a configuration plan entry that would change: a property of the document (name,
/// plugin, inaccessible, fieldsEditableOnProject, project, alias, connector, frequency) or a setting.
/// A secret's values are never held here: Before and After read "(secret)", or are null when unset.
/// </summary>
public sealed class AlmPlanChange
{
    /// <summary>What a secret's Before and After show instead of its value.</summary>
    public const string SecretPlaceholder = "(secret)";

    private readonly string _text;

    internal AlmPlanChange(string field, object? before, object? after, bool isSecret, string text)
    {
        Field = field;
        Before = before;
        After = after;
        IsSecret = isSecret;
        _text = text;
    }

    /// <summary>The document property or the setting key, spelt as the server's catalog spells it.</summary>
    public string Field { get; }

    /// <summary>The server's value now; null for a resource to be created, or a field it does not have.</summary>
    public object? Before { get; }

    /// <summary>The document's value; null when the document clears the field.</summary>
    public object? After { get; }

    /// <summary>True for a masked_string field: Before and After show only "(secret)".</summary>
    public bool IsSecret { get; }

    /// <summary>The change as -WhatIf shows it: <c>alm_server: 'old' -> 'new'</c>, <c>alm_pass: (secret) changed</c>.</summary>
    public override string ToString() => _text;
}
