using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Errors;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Commands;

/// <summary>
/// What New- and Set- of connectors and ALM connections share: the settings check before anything is
/// sent, the -WhatIf/-Confirm text (secrets never shown), and errors that concern one piped record
/// being reported for that record while the pipeline goes on.
/// </summary>
public abstract class SdeAlmWriteCmdlet : SdeAlmResourceCmdlet
{
    /// <summary>What a 403 on a write adds: the permission SD Elements' documentation names for these resources.</summary>
    internal const string EditPermissionHint = "SD Elements requires the \"Edit ALM connections\" permission for this.";

    /// <summary>Send the settings without checking them against the catalog; the server judges them.</summary>
    [Parameter]
    public SwitchParameter SkipValidation { get; set; }

    /// <summary>
    /// Runs one record's work. Errors about the record itself (invalid settings, an unknown id, a 400)
    /// are written as non-terminating errors so that the other records are still written; anything
    /// else (not connected, authentication, the server down) stops the pipeline.
    /// </summary>
    internal void InvokeForRecord(Action work) => InvokeMappingErrors(() =>
    {
        try
        {
            work();
        }
        catch (SdeApiException ex) when (ex.Category is ErrorCategory.InvalidArgument || (ex.Category is ErrorCategory.ObjectNotFound && ex.ErrorId != SdeErrorIds.AlmApiNotFound))
        {
            WriteError(ex.ToErrorRecord());
        }
    });

    /// <summary>
    /// Spells the settings the catalog's way and, unless -SkipValidation, checks them against the
    /// plugin's fields of <paramref name="scope"/>: any error stops the write before a request, with
    /// every problem in the message; warnings (such as a key of the other scope) are written and the
    /// key is sent as given. <paramref name="warnFor"/> limits warnings to the keys the user named.
    /// </summary>
    internal IDictionary CheckSettings(AlmPlugin? plugin, string? pluginId, IDictionary settings, string scope, string what, string server, ICollection<string>? warnFor = null)
    {
        if (plugin is null && !SkipValidation)
        {
            throw new SdeApiException(
                $"Cannot check the settings of {what}: {server} has no ALM plugin '{pluginId}' in its catalog. Run Get-SdeAlmPlugin to list the ids, or pass -SkipValidation to send the settings unchecked.",
                SdeErrorIds.PluginNotFound,
                ErrorCategory.ObjectNotFound,
                pluginId);
        }

        var check = ResourceSettingCheck.Run(plugin, settings, scope, validate: !SkipValidation);
        var errors = check.Errors.ToList();
        if (errors.Count > 0)
        {
            throw new SdeApiException(
                $"The settings of {what} do not fit plugin '{plugin!.Id}' ({scope} scope) on {server}, so nothing was sent:{Environment.NewLine}"
                + string.Join(Environment.NewLine, errors.Select(problem => $"  {problem.Field}: {problem.Message}"))
                + $"{Environment.NewLine}Correct the settings (Get-SdeAlmPluginField -PluginId {plugin.Id} -Scope {scope} lists the fields), or pass -SkipValidation to let the server judge them.",
                SdeErrorIds.AlmSettingInvalid,
                ErrorCategory.InvalidArgument,
                what);
        }

        foreach (var warning in check.Warnings)
        {
            if (warnFor is null || warnFor.Contains(warning.Field))
            {
                WriteWarning($"{what}: {warning.Field}: {warning.Message}");
            }
        }

        return check.Spelled;
    }

    /// <summary>
    /// What Set- would change in the settings: <paramref name="requested"/> spelt the catalog's way and
    /// merged into <paramref name="current"/>, the merge checked as a whole (so a partial update of a
    /// valid resource passes), and the differences key by key. Null merged settings when none were requested.
    /// </summary>
    internal (IDictionary? Merged, IReadOnlyList<SettingChange> Changes) PlanSettings(
        AlmPlugin? plugin,
        string? pluginId,
        IDictionary current,
        IDictionary? requested,
        string scope,
        string what,
        string server,
        ICollection<string> secretKeys)
    {
        if (requested is null)
        {
            return (null, []);
        }

        var spelled = ResourceSettingCheck.Run(plugin, requested, scope, validate: false).Spelled;
        var merged = SettingMerge.Merge(current, spelled);
        CheckSettings(plugin, pluginId, merged, scope, what, server, new HashSet<string>(spelled.Keys.Cast<string>(), StringComparer.OrdinalIgnoreCase));
        return (merged, SettingMerge.Compare(current, merged, secretKeys));
    }

    /// <summary>-WhatIf/-Confirm for a write described by a heading and one line per field.</summary>
    internal bool ShouldWrite(string heading, IEnumerable<string> lines, string action)
    {
        var text = heading + string.Concat(lines.Select(line => Environment.NewLine + "  " + line));
        return ShouldProcess(text, text + Environment.NewLine + "Continue?", action);
    }

    /// <summary>The settings of a new resource as -WhatIf shows them: values quoted, secrets as (secret).</summary>
    internal static IEnumerable<string> DescribeSettings(IDictionary settings, ICollection<string> secretKeys)
    {
        foreach (DictionaryEntry entry in settings)
        {
            var key = SettingValue.AsText(entry.Key) ?? string.Empty;
            var change = new SettingChange(key, null, entry.Value, secretKeys.Contains(key));
            yield return change.IsSecret ? $"{key} = (secret)" : $"{key} = {SettingChange.Show(entry.Value)}";
        }
    }
}
