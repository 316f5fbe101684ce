using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using SdeAlm.Model;

namespace SdeAlm.Settings;

/// <summary>
/// What a secret turns into when a connector or ALM connection leaves PowerShell's objects, since
/// SdeAlm never writes a secret's text out: ConvertTo-Json writes a SecureString as <c>{"Length": 17}</c>
/// (read back as a dictionary or an object with one Length property, or as that text), Export-Csv and
/// a ConvertTo-Json past its -Depth as the type name <c>System.Security.SecureString</c>, and views as
/// <see cref="DisplayText.SecretMask"/>. Given back as a setting, such a stand-in would be stored as the
/// password: it is refused, by name, whatever the validation. (Export-Clixml keeps the SecureString
/// itself, so its round trip gives the real secret back.)
/// </summary>
internal static class SecretStandIn
{
    private const string TypeName = "System.Security.SecureString";

    // {"Length":17} as JSON text, or @{Length=17} as PowerShell shows the object ConvertFrom-Json makes of it.
    private static readonly Regex s_lengthText = new(@"^\s*(\{\s*""Length""\s*:\s*\d+\s*\}|@\{\s*Length\s*=\s*\d+\s*\})\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// Why <paramref name="value"/> is a stand-in for a secret rather than a value; null when it is not
    /// one. The JSON forms and the type name are stand-ins wherever they appear; the mask only in a
    /// field that holds a secret (<paramref name="secretField"/>).
    /// </summary>
    public static string? Describe(object? value, bool secretField)
    {
        var form = Form(SettingValue.Unwrap(value), secretField);
        return form is null
            ? null
            : $"The value is {form}, not a secret: SdeAlm never writes a secret's text out. "
                + "Give the secret as a SecureString (Read-Host -AsSecureString, Get-Secret), leave the key out of Set-'s -Setting to keep the one the server has, "
                + "or pipe the connector or ALM connection itself to New- to copy it.";
    }

    private static string? Form(object? value, bool secretField) =>
        value switch
        {
            IDictionary { Count: 1 } map when map.Cast<DictionaryEntry>().All(entry => IsLength(SettingKeys.Text(entry.Key), entry.Value)) =>
                "what ConvertTo-Json writes for a SecureString ({\"Length\": …})",
            PSObject { BaseObject: PSCustomObject } custom when custom.Properties.Count() == 1 && custom.Properties.All(property => IsLength(property.Name, property.Value)) =>
                "what ConvertTo-Json writes for a SecureString ({\"Length\": …}), read back by ConvertFrom-Json",
            string text when s_lengthText.IsMatch(text) =>
                "the text of what ConvertTo-Json writes for a SecureString ({\"Length\": …})",
            string text when string.Equals(text.Trim(), TypeName, StringComparison.OrdinalIgnoreCase) =>
                $"the type name '{TypeName}' that Export-Csv (and ConvertTo-Json past its -Depth) writes for a SecureString",
            string text when secretField && text.Trim() == DisplayText.SecretMask =>
                $"the mask {DisplayText.SecretMask} that SdeAlm shows for every secret",
            _ => null,
        };

    /// <summary>An entry named Length (in any case) holding a whole number: the only property of a SecureString.</summary>
    private static bool IsLength(string name, object? value) =>
        string.Equals(name, "Length", StringComparison.OrdinalIgnoreCase) && SettingValue.IsWholeNumber(value);
}
