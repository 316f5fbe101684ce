namespace SdeAlm.Planning;

/// <summary>
/// One property of a connector or ALM connection outside its settings (its name, alias, frequency,
/// connector, …) as a write would set it: how -WhatIf and plans name it, its name in the API, the value
/// to send, and, for an update, the value the server has now.
/// </summary>
internal sealed class PropertyEdit
{
    /// <param name="label">The name users see: the property of the object, such as Name or Frequency.</param>
    /// <param name="wireName">The property of the request body, such as <c>name</c> or <c>system</c>.</param>
    /// <param name="value">What is sent; a dictionary becomes a JSON object (<c>system: {id}</c>).</param>
    /// <param name="shown">What is compared and shown, when it differs from what is sent (the plugin id for <c>system</c>).</param>
    public PropertyEdit(string label, string wireName, object? value, object? shown = null)
    {
        Label = label;
        WireName = wireName;
        Value = value;
        Shown = shown ?? value;
    }

    public string Label { get; }

    public string WireName { get; }

    public object? Value { get; }

    public object? Shown { get; }
}
