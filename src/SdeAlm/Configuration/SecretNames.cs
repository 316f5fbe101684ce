using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SdeAlm.Configuration;

/// <summary>
/// The names Export-SdeAlmConfiguration gives the secrets a document refers to, the same for the same
/// server every time: SDE_, the connector's name and the field, in upper snake case (connector "Jira
/// Cloud", field alm_pass: SDE_JIRA_CLOUD_ALM_PASS); an ALM connection's secret as SDE_PROJECT_42_,
/// its alias and the field. Letters lose their accents, anything but A-Z and 0-9 becomes one
/// underscore, and a name already given to an earlier secret gets _2, _3 …
/// </summary>
internal sealed class SecretNames
{
    private readonly HashSet<string> _given = new(StringComparer.Ordinal);

    public string ForConnector(string connectorName, string field) =>
        Unique($"SDE_{Part(connectorName, "CONNECTOR")}_{Part(field, "FIELD")}");

    public string ForConnection(int projectId, string alias, string field) =>
        Unique($"SDE_PROJECT_{projectId.ToString(CultureInfo.InvariantCulture)}_{Part(alias, "CONNECTION")}_{Part(field, "FIELD")}");

    /// <summary>Text in upper snake case: accents dropped, runs of other characters one underscore, none at the ends.</summary>
    internal static string UpperSnake(string text)
    {
        var builder = new StringBuilder(text.Length);
        var separate = false;
        foreach (var character in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (character is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9')
            {
                if (separate && builder.Length > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToUpperInvariant(character));
                separate = false;
            }
            else
            {
                separate = true;
            }
        }

        return builder.ToString();
    }

    private static string Part(string text, string fallback) => UpperSnake(text) is { Length: > 0 } part ? part : fallback;

    private string Unique(string name)
    {
        var candidate = name;
        for (var suffix = 2; !_given.Add(candidate); suffix++)
        {
            candidate = $"{name}_{suffix.ToString(CultureInfo.InvariantCulture)}";
        }

        return candidate;
    }
}
