using System;
using System.Collections;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using SdeAlm.Json;
using SdeAlm.Model;
using SdeAlm.Planning;
using SdeAlm.Settings;
using Xunit;

namespace SdeAlm.Tests;

/// <summary>The one plan every writer makes before it sends anything (ResourcePlanner).</summary>
public class PlanningTests
{
    private static readonly PluginCatalogIndex s_catalog = new(
    [
        new AlmPlugin("trac", "Trac", sections:
        [
            new AlmPluginSection("trac", "Connection", fields:
            [
                new AlmPluginField("trac", name: "alm_server", fieldType: "string", required: true, scope: ["system"]),
                new AlmPluginField("trac", name: "alm_pass", fieldType: "masked_string", required: true, scope: ["system"]),
                new AlmPluginField("trac", name: "alm_context_root", fieldType: "string", scope: ["system"]),
                new AlmPluginField("trac", name: "alm_project", fieldType: "string", required: true, scope: ["project"]),
                new AlmPluginField("trac", name: "old_flag", fieldType: "boolean", deprecated: true, scope: ["system"]),
            ]),
        ]),
    ]);

    [Fact]
    public void A_create_lists_every_property_and_setting_spelt_the_catalogs_way_secrets_hidden()
    {
        var edit = ResourceEdits.NewConnector("Trac", "trac", inaccessible: false, new OrderedDictionary { ["ALM_SERVER"] = "t.example.com", ["alm_pass"] = "pw" });
        var plan = ResourcePlanner.Create(edit, "TRAC", s_catalog, validate: true);

        Assert.Equal(PlanAction.Create, plan.Action);
        Assert.Equal("trac", plan.PluginId);
        Assert.Null(plan.Refusal("https://sde/"));
        Assert.Equal(["alm_server", "alm_pass"], plan.SettingsToSend!.Keys.Cast<string>());
        Assert.Equal(
            ["Name = 'Trac'", "PluginId = 'trac'", "Inaccessible = $false", "alm_server = 't.example.com'", "alm_pass = (secret)"],
            plan.Changes.Select(change => change.DescribeNew()));
        Assert.Equal("ALM connector 'Trac'", plan.Target);
    }

    [Fact]
    public void An_update_that_changes_nothing_sends_nothing()
    {
        var current = Connector("""{"alm_server":"t.example.com","alm_pass":"pw","alm_context_root":"/trac"}""");
        var edit = ResourceEdits.ConnectorChange(current, "Trac", inaccessible: false, new Hashtable { ["alm_server"] = "t.example.com", ["alm_pass"] = SecretText.Protect("pw") });
        var plan = ResourcePlanner.Update(edit, current, s_catalog, validate: true);

        Assert.Equal(PlanAction.NoOp, plan.Action);
        Assert.Empty(plan.Changes);
        Assert.Null(plan.SettingsToSend);
        Assert.Same(current, plan.Current);
    }

    [Fact]
    public void An_update_sends_the_properties_that_differ_and_the_whole_merged_settings()
    {
        var current = Connector("""{"alm_server":"t.example.com","alm_pass":"pw","alm_context_root":"/trac"}""");
        var edit = ResourceEdits.ConnectorChange(current, "Trac", inaccessible: true, new Hashtable { ["alm_pass"] = "rotated", ["alm_context_root"] = null });
        var plan = ResourcePlanner.Update(edit, current, s_catalog, validate: true);

        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Equal(["inaccessible"], plan.PropertiesToSend.Select(property => property.WireName));
        Assert.Equal(["Inaccessible: $false -> $true", "alm_pass: (secret) changed", "alm_context_root: '/trac' -> (cleared)"], plan.Changes.Select(change => change.ToString()));
        Assert.Equal(["alm_server", "alm_pass", "alm_context_root"], plan.SettingsToSend!.Keys.Cast<string>());
        Assert.Null(plan.SettingsToSend["alm_context_root"]);
        Assert.Equal("ALM connector 9 'Trac'", plan.Target);
    }

    [Fact]
    public void An_update_checks_the_merge_and_warns_only_about_the_keys_given()
    {
        // The server's deprecated old_flag is not the script's doing: no warning about it; the one given is warned about.
        var current = Connector("""{"alm_server":"t.example.com","alm_pass":"pw","old_flag":true}""");
        var quiet = ResourcePlanner.Update(ResourceEdits.ConnectorChange(current, null, null, new Hashtable { ["alm_server"] = "u.example.com" }), current, s_catalog, validate: true);
        Assert.Empty(quiet.Warnings);
        Assert.Empty(quiet.Errors);

        var named = ResourcePlanner.Update(ResourceEdits.ConnectorChange(current, null, null, new Hashtable { ["OLD_FLAG"] = false }), current, s_catalog, validate: true);
        Assert.Equal(["old_flag"], named.Warnings.Select(warning => warning.Field));

        var broken = ResourcePlanner.Update(ResourceEdits.ConnectorChange(current, null, null, new Hashtable { ["alm_server"] = " " }), current, s_catalog, validate: true);
        var refusal = broken.Refusal("https://sde/");
        Assert.Equal("SdeAlmSettingInvalid", refusal?.ErrorId);
        Assert.Contains("alm_server: The field is required but its value is empty.", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_update_judges_the_values_given_and_never_what_the_server_has_and_the_change_does_not_touch()
    {
        // What a server may hold: a key of its own, a value of a shape no field takes, a deprecated field.
        var current = Connector("""{"alm_server":{"host":"t.example.com"},"alm_pass":"pw","old_flag":true,"last_successful_run":null}""");
        var touchless = ResourcePlanner.Update(ResourceEdits.ConnectorChange(current, null, null, new Hashtable { ["alm_context_root"] = "/trac" }), current, s_catalog, validate: true);
        Assert.Empty(touchless.Problems);
        Assert.Equal(["alm_context_root: (not set) -> '/trac'"], touchless.Changes.Select(change => change.ToString()));

        var given = ResourcePlanner.Update(ResourceEdits.ConnectorChange(current, null, null, new Hashtable { ["alm_context_root"] = new Hashtable { ["a"] = 1 } }), current, s_catalog, validate: true);
        Assert.Equal(["alm_context_root: A string field takes text, not a dictionary."], given.Errors.Select(problem => $"{problem.Field}: {problem.Message}"));

        // The merged whole is still judged for its required fields.
        var cleared = ResourcePlanner.Update(ResourceEdits.ConnectorChange(current, null, null, new Hashtable { ["alm_pass"] = null }), current, s_catalog, validate: true);
        Assert.Equal(["alm_pass: The field is required but its value is empty."], cleared.Errors.Select(problem => $"{problem.Field}: {problem.Message}"));
    }

    [Fact]
    public void Settings_the_server_did_not_show_are_never_merged_even_unchecked()
    {
        var hidden = AlmResourceMapper.ToConnector(Wire(9, "Trac", null), s_catalog, "https://sde/", null);
        var plan = ResourcePlanner.Update(ResourceEdits.ConnectorChange(hidden, null, null, new Hashtable { ["alm_server"] = "x" }), hidden, s_catalog, validate: false);
        Assert.True(plan.SettingsHidden);
        Assert.Equal("SdePermissionDenied", plan.Refusal("https://sde/")?.ErrorId);

        // A rename alone does not touch the settings, so it may go.
        var rename = ResourcePlanner.Update(ResourceEdits.ConnectorChange(hidden, "New", null, null), hidden, s_catalog, validate: false);
        Assert.Null(rename.Refusal("https://sde/"));
    }

    [Fact]
    public void Keys_that_differ_only_in_case_are_refused_with_both_named_even_without_a_catalog()
    {
        var edit = ResourceEdits.NewConnector("X", "unknown", inaccessible: false, new OrderedDictionary { ["token"] = "a", ["TOKEN"] = "b" });
        var plan = ResourcePlanner.Create(edit, "unknown", s_catalog, validate: false);
        var refusal = plan.Refusal("https://sde/");
        Assert.Equal("SdeAlmSettingInvalid", refusal?.ErrorId);
        Assert.Contains("'token' and 'TOKEN' differ only in case", refusal!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_secrets_stand_in_is_never_sent_checked_or_not(bool validate)
    {
        var json = new Hashtable { ["Length"] = 17L };
        var create = ResourcePlanner.Create(ResourceEdits.NewConnector("Copy", "trac", inaccessible: false, new Hashtable { ["alm_server"] = "t", ["alm_pass"] = json }), "trac", s_catalog, validate);
        var refusal = create.Refusal("https://sde/");
        Assert.Equal("SdeAlmSettingInvalid", refusal?.ErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, refusal!.Category);
        Assert.Contains("alm_pass: The value is what ConvertTo-Json writes for a SecureString", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("-SkipValidation", refusal.Message, StringComparison.Ordinal);

        var current = Connector("""{"alm_server":"t.example.com","alm_pass":"pw"}""");
        var update = ResourcePlanner.Update(ResourceEdits.ConnectorChange(current, null, null, new Hashtable { ["alm_pass"] = "********" }), current, s_catalog, validate);
        Assert.Contains("alm_pass: The value is the mask ********", update.Refusal("https://sde/")?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secrets_stand_in_is_refused_for_a_plugin_the_catalog_does_not_list()
    {
        // Unchecked, for a plugin this server does not list: every key secret in any plugin counts as secret.
        var edit = ResourceEdits.NewConnector("X", "gone", inaccessible: false, new OrderedDictionary { ["alm_pass"] = "********", ["token"] = "System.Security.SecureString", ["note"] = "********" });
        var plan = ResourcePlanner.Create(edit, "gone", s_catalog, validate: false);
        Assert.Equal(["alm_pass", "token"], plan.Errors.Select(problem => problem.Field));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_plan_sends_only_the_servers_names_and_reports_each_translation(bool validate)
    {
        var current = new PluginCatalogIndex(
        [
            new AlmPlugin("trac", "Trac", sections:
            [
                new AlmPluginSection("trac", "Connection", fields:
                [
                    new AlmPluginField("trac", name: "issue_tracker_server", fieldType: "string", required: true, scope: ["system"]),
                    new AlmPluginField("trac", name: "issue_tracker_pass", fieldType: "masked_string", required: true, scope: ["system"]),
                ]),
            ]),
        ]);
        var connector = AlmResourceMapper.ToConnector(Wire(9, "Trac", JsonDocument.Parse("""{"issue_tracker_server":"t","issue_tracker_pass":"pw"}""").RootElement), current, "https://sde/", null);
        var plan = ResourcePlanner.Update(ResourceEdits.ConnectorChange(connector, null, null, new Hashtable { ["alm_server"] = "u" }), connector, current, validate);
        Assert.Null(plan.Refusal("https://sde/"));
        Assert.Equal(["issue_tracker_server", "issue_tracker_pass"], plan.SettingsToSend!.Keys.Cast<string>());
        Assert.Equal(["issue_tracker_server: 't' -> 'u'"], plan.Changes.Select(change => change.ToString()));
        Assert.Equal(["alm_server -> issue_tracker_server: this server uses the issue-tracker names"], plan.Notes);

        var create = ResourcePlanner.Create(ResourceEdits.NewConnector("New", "trac", inaccessible: false, new OrderedDictionary { ["alm_server"] = "s", ["alm_pass"] = "p" }), "trac", current, validate);
        Assert.Equal(["issue_tracker_server", "issue_tracker_pass"], create.SettingsToSend!.Keys.Cast<string>());
        Assert.Equal(2, create.Notes.Count);
    }

    [Fact]
    public void An_unknown_plugin_is_refused_only_when_the_settings_are_to_be_checked()
    {
        var edit = ResourceEdits.NewConnector("X", "nope", inaccessible: false, new Hashtable { ["a"] = 1 });
        Assert.Equal("SdeAlmPluginNotFound", ResourcePlanner.Create(edit, "nope", s_catalog, validate: true).Refusal("https://sde/")?.ErrorId);
        Assert.Null(ResourcePlanner.Create(edit, "nope", s_catalog, validate: false).Refusal("https://sde/"));
    }

    [Fact]
    public void Keys_the_server_keeps_that_are_no_field_are_sent_back_unjudged_unless_the_write_names_them()
    {
        // Current releases add last_successful_run to a connection's params; it is no catalog field.
        var wire = new AlmConnectionWire
        {
            Id = 4,
            Alias = "PAY",
            Project = 7,
            Connector = 9,
            System = new AlmSystemWire { Id = "trac" },
            Params = JsonDocument.Parse("""{"alm_project":"PAY","last_successful_run":null}""").RootElement,
        };
        var current = AlmResourceMapper.ToConnection(wire, s_catalog, "https://sde/", null);
        var plan = ResourcePlanner.Update(ResourceEdits.ConnectionChange(current, null, null, new Hashtable { ["alm_project"] = "PAY2" }), current, s_catalog, validate: true);
        Assert.Null(plan.Refusal("https://sde/"));
        Assert.Equal(["alm_project", "last_successful_run"], plan.SettingsToSend!.Keys.Cast<string>());
        Assert.Equal(["alm_project: 'PAY' -> 'PAY2'"], plan.Changes.Select(change => change.ToString()));

        var named = ResourcePlanner.Update(ResourceEdits.ConnectionChange(current, null, null, new Hashtable { ["last_successful_run"] = "x" }), current, s_catalog, validate: true);
        Assert.Contains("last_successful_run: 'last_successful_run' is not a field of plugin 'trac'", named.Refusal("https://sde/")!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":9,"name":"Trac","system":{"id":"trac"},"params":{}}""", false, null)]
    [InlineData("""{"id":9,"name":"Trac","system":{"id":"trac"},"params":{},"fields_editable_on_project":null}""", true, null)]
    [InlineData("""{"id":9,"name":"Trac","system":{"id":"trac"},"params":{},"fields_editable_on_project":["alm_project","sde_min_priority"]}""", true, "alm_project,sde_min_priority")]
    public void A_connector_carries_fields_editable_on_project_when_the_server_sends_it(string json, bool has, string? fields)
    {
        var connector = AlmResourceMapper.ToConnector(JsonSerializer.Deserialize(json, AlmResourceJsonContext.Default.AlmConnectorWire)!, s_catalog, "https://sde/", null);
        Assert.Equal(has, connector.HasFieldsEditableOnProject);
        Assert.Equal(fields, connector.FieldsEditableOnProject is { } list ? string.Join(",", list) : null);
    }

    [Fact]
    public void Fields_editable_on_project_is_compared_as_a_list_where_null_means_the_plugins_defaults()
    {
        var current = Connector("""{"alm_server":"t.example.com","alm_pass":"pw"}""");
        var same = ResourcePlanner.Update(ResourceEdits.ConnectorChange(current, null, null, null).WithFieldsEditableOnProject(null), current, s_catalog, validate: true);
        Assert.Equal(PlanAction.NoOp, same.Action);

        var plan = ResourcePlanner.Update(ResourceEdits.ConnectorChange(current, null, null, null).WithFieldsEditableOnProject(["alm_project"]), current, s_catalog, validate: true);
        Assert.Equal(["fields_editable_on_project"], plan.PropertiesToSend.Select(property => property.WireName));
        Assert.Equal(["FieldsEditableOnProject: (not set) -> 'alm_project'"], plan.Changes.Select(change => change.ToString()));

        var none = ResourcePlanner.Update(ResourceEdits.ConnectorChange(current, null, null, null).WithFieldsEditableOnProject([]), current, s_catalog, validate: true);
        Assert.Equal(PlanAction.Update, none.Action);
    }

    [Fact]
    public void A_connection_moves_to_another_connector_or_to_one_the_run_creates_first()
    {
        var wire = new AlmConnectionWire { Id = 4, Alias = "PAY", Project = 7, Connector = 9, System = new AlmSystemWire { Id = "trac" }, Params = JsonDocument.Parse("""{"alm_project":"PAY"}""").RootElement };
        var current = AlmResourceMapper.ToConnection(wire, s_catalog, "https://sde/", null);
        Assert.Equal(PlanAction.NoOp, ResourcePlanner.Update(ResourceEdits.ConnectionChange(current, null, null, null, connectorId: 9), current, s_catalog, validate: true).Action);
        var moved = ResourcePlanner.Update(ResourceEdits.ConnectionChange(current, null, null, null, connectorId: 12), current, s_catalog, validate: true);
        Assert.Equal(["connector"], moved.PropertiesToSend.Select(property => property.WireName));
        Assert.Equal(["ConnectorId: 9 -> 12"], moved.Changes.Select(change => change.ToString()));

        var pending = ResourcePlanner.Create(ResourceEdits.NewConnection(7, ResourceEdits.PendingConnector, "Trac 2", "NEW", null, new Hashtable { ["alm_project"] = "N" }), "trac", s_catalog, validate: true);
        Assert.Equal("Create ALM connection 'NEW' of project 7 through connector 'Trac 2' (created first) on https://sde/:", pending.Describe("https://sde/").Split('\n')[0].TrimEnd());
    }

    private static AlmConnector Connector(string parameters) =>
        AlmResourceMapper.ToConnector(Wire(9, "Trac", JsonDocument.Parse(parameters).RootElement), s_catalog, "https://sde/", null);

    private static AlmConnectorWire Wire(int id, string name, JsonElement? parameters) =>
        new() { Id = id, Name = name, System = new AlmSystemWire { Id = "trac" }, Params = parameters };
}
