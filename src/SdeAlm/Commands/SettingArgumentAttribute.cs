using System;
using System.Collections;
using System.Management.Automation;
using SdeAlm.Settings;

namespace SdeAlm.Commands;

/// <summary>
/// Lets -Setting take, besides any dictionary, the object ConvertFrom-Json makes of a JSON object (a
/// PSCustomObject: Windows PowerShell's ConvertFrom-Json has no -AsHashtable), as a dictionary of its
/// properties in their order. Anything else is refused with what to pass instead, naming its type but
/// never its value, which may hold a secret (PowerShell's own "Cannot convert" would print it).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SettingArgumentAttribute : ArgumentTransformationAttribute
{
    /// <summary>
    /// -Setting shares its position with a parameter of another parameter set (Test-SdeAlmPluginSetting
    /// jira $s: 'jira' is first tried as -Setting), so a value that is not settings may be meant for that
    /// one. It is then handed back as a value PowerShell cannot convert, which lets the binder try the
    /// other set (an exception here would end the binding), and whose text is the refusal.
    /// </summary>
    public bool SharesPosition { get; set; }

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : inputData;
        return value switch
        {
            null => null,
            IDictionary dictionary => dictionary,
            PSObject custom => SettingKeys.FromProperties(custom),
            _ when SharesPosition => new RefusedSetting(Refusal(value)),
            _ => throw new ArgumentTransformationMetadataException(Refusal(value)),
        };
    }

    /// <summary>Why a value is not settings, and what to pass instead; the value itself is never shown.</summary>
    internal static string Refusal(object value)
    {
        var what = value switch
        {
            string => "text (a String)",
            IEnumerable => $"a list ({value.GetType().Name})",
            _ => $"a {value.GetType().FullName}",
        };
        var hint = value switch
        {
            string => " Text, such as a CSV column or what a view shows, holds no settings to write back (and a secret reads as ********): build a hashtable from it.",
            IEnumerable => " Give one dictionary per command, or pipe objects that each have a Setting property.",
            _ => string.Empty,
        };
        return "-Setting takes a dictionary of settings (a hashtable such as @{ alm_server = 'jira.example.com' }, an [ordered] dictionary, "
            + "the result of New-SdeAlmPluginSetting, or the Settings of a connector or ALM connection) or an object from ConvertFrom-Json, "
            + $"not {what}.{hint}";
    }

    /// <summary>A value refused as settings, which no conversion turns into a dictionary; it reads as the refusal, not as the value.</summary>
    private sealed class RefusedSetting(string refusal)
    {
        public override string ToString() => refusal;
    }
}
