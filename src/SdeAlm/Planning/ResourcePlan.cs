using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Errors;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Planning;

/// <summary>
/// What a write would do to one connector or ALM connection, worked out before anything is sent: the
/// action, each change field by field (secrets never shown), what the request would carry, and the
/// problems that forbid sending it. Made by <see cref="ResourcePlanner"/>; sent by the Api layer.
/// </summary>
internal sealed class ResourcePlan
{
    internal ResourcePlan(ResourceEdit edit, PlanAction action, int? id, string? pluginId, AlmPlugin? plugin, ISet<string> secretKeys)
    {
        Kind = edit.Kind;
        Action = action;
        Id = id;
        Name = edit.Name;
        ProjectId = edit.ProjectId;
        PluginId = pluginId;
        Plugin = plugin;
        SecretKeys = secretKeys;
        Via = edit.Via;
    }

    public AlmResourceKind Kind { get; }

    /// <summary>What -WhatIf adds to the heading of a create, such as "for plugin 'jira'".</summary>
    public string? Via { get; }

    public PlanAction Action { get; internal set; }

    /// <summary>The server's id of the resource; null for one to be created.</summary>
    public int? Id { get; }

    /// <summary>The connector's name or the ALM connection's alias.</summary>
    public string? Name { get; }

    /// <summary>The ALM connection's project; null for a connector.</summary>
    public int? ProjectId { get; }

    public string? PluginId { get; }

    /// <summary>The plugin the settings are checked against; null when the catalog does not list it.</summary>
    public AlmPlugin? Plugin { get; }

    /// <summary>The setting keys that hold secrets (the plugin's masked_string fields).</summary>
    public ISet<string> SecretKeys { get; }

    /// <summary>The resource as the server has it now; null for one to be created.</summary>
    public object? Current { get; internal set; }

    /// <summary>The properties the request sets: all given for a create, those that differ for an update.</summary>
    public IReadOnlyList<PropertyEdit> PropertiesToSend { get; internal set; } = [];

    /// <summary>The whole params to send (the server replaces them whole); null when the settings do not change.</summary>
    public OrderedDictionary? SettingsToSend { get; internal set; }

    /// <summary>Every difference, properties first, then settings in their order.</summary>
    public IReadOnlyList<SettingChange> Changes { get; internal set; } = [];

    /// <summary>Problems with the settings; any error means nothing may be sent.</summary>
    public IReadOnlyList<AlmPluginSettingProblem> Problems { get; internal set; } = [];

    /// <summary>The errors among <see cref="Problems"/> that no -SkipValidation lets through (a key given twice, a secret's stand-in).</summary>
    public IReadOnlyCollection<AlmPluginSettingProblem> AlwaysRefused { get; internal set; } = [];

    /// <summary>What -Verbose tells about the settings: each name or option value translated to this server's generation of names, each key left out of a copy.</summary>
    public IReadOnlyList<string> Notes { get; internal set; } = [];

    /// <summary>The setting keys the write named, spelt the catalog's way: warnings are about these only.</summary>
    public ICollection<string> NamedKeys { get; internal set; } = [];

    /// <summary>The settings the write named, with their values, spelt the catalog's way (before the merge).</summary>
    public OrderedDictionary Requested { get; internal set; } = SettingKeys.NewDictionary();

    /// <summary>Settings were to be checked, but the server's catalog does not list the plugin.</summary>
    public bool PluginMissing { get; internal set; }

    /// <summary>Settings were given, but the server did not show the current ones, so they cannot be merged.</summary>
    public bool SettingsHidden { get; internal set; }

    public IEnumerable<AlmPluginSettingProblem> Errors => Problems.Where(problem => problem.Severity == AlmPluginSettingSeverity.Error);

    public IEnumerable<AlmPluginSettingProblem> Warnings =>
        Problems.Where(problem => problem.Severity == AlmPluginSettingSeverity.Warning && NamedKeys.Contains(problem.Field));

    /// <summary>Where the settings are set: system for a connector, project for an ALM connection.</summary>
    public string Scope => ResourcePlanner.ScopeOf(Kind);

    /// <summary>
    /// Why the plan may not be sent, as one error that lists every problem; null when it may. A plugin the
    /// catalog does not list, settings that cannot be merged, and settings that do not fit are each refused.
    /// </summary>
    public SdeApiException? Refusal(string server)
    {
        if (PluginMissing)
        {
            return new SdeApiException(
                $"Cannot check the settings of {Target}: {server} has no ALM plugin '{PluginId}' in its catalog. Run Get-SdeAlmPlugin to list the ids, or pass -SkipValidation to send the settings unchecked.",
                SdeErrorIds.PluginNotFound,
                ErrorCategory.ObjectNotFound,
                PluginId);
        }

        if (SettingsHidden)
        {
            return new SdeApiException(
                $"SD Elements did not show the settings of {Target} (the user needs the \"Edit ALM connections\" permission), so they cannot be merged; sending -Setting alone could wipe the others. Nothing was sent.",
                SdeErrorIds.PermissionDenied,
                ErrorCategory.PermissionDenied,
                Id);
        }

        var errors = Errors.ToList();
        if (errors.Count == 0)
        {
            return null;
        }

        var list = string.Join(Environment.NewLine, errors.Select(problem => $"  {problem.Field}: {problem.Message}"));
        var skippable = errors.Any(problem => !AlwaysRefused.Contains(problem));
        return new SdeApiException(
            Plugin is null || !skippable
                ? $"The settings of {Target} are not valid, so nothing was sent:{Environment.NewLine}{list}"
                : $"The settings of {Target} do not fit plugin '{Plugin.Id}' ({Scope} scope) on {server}, so nothing was sent:{Environment.NewLine}{list}{Environment.NewLine}"
                    + $"Correct the settings (Get-SdeAlmPluginField -PluginId {Plugin.Id} -Scope {Scope} lists the fields), or pass -SkipValidation to let the server judge them.",
            SdeErrorIds.AlmSettingInvalid,
            ErrorCategory.InvalidArgument,
            Target);
    }

    /// <summary>What -Confirm asks about: "Create ALM connector", "Update ALM connection".</summary>
    public string Caption =>
        $"{(Action == PlanAction.Create ? "Create" : "Update")} {(Kind == AlmResourceKind.Connector ? "ALM connector" : "ALM connection")}";

    /// <summary>
    /// The plan as -WhatIf and -Confirm show it: a heading, then one line per change, a new resource's
    /// values as <c>key = value</c>, an update's as <c>key: 'old' -> 'new'</c>, secrets never shown.
    /// </summary>
    public string Describe(string server) => Describe(server, Changes);

    /// <inheritdoc cref="Describe(string)"/>
    /// <param name="server">The server, as the heading names it.</param>
    /// <param name="changes">The changes to show, when a caller names them its own way.</param>
    public string Describe(string server, IEnumerable<SettingChange> changes)
    {
        var creating = Action == PlanAction.Create;
        var heading = $"{(creating ? "Create" : "Update")} {Target}{(creating && Via is { } via ? " " + via : string.Empty)} on {server}:";
        return heading + string.Concat(changes.Select(change => Environment.NewLine + "  " + (creating ? change.DescribeNew() : change.ToString())));
    }

    /// <summary>How messages name the resource: "ALM connector 3 'Jira Cloud'", "ALM connection 'PAY' of project 7".</summary>
    public string Target =>
        (Kind == AlmResourceKind.Connector ? "ALM connector" : "ALM connection")
        + (Id is { } id ? $" {id}" : string.Empty)
        + $" '{Name}'"
        + (Id is null && ProjectId is { } project ? $" of project {project}" : string.Empty);
}
