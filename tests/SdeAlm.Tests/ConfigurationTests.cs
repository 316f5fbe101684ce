using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using SdeAlm.Configuration;
using SdeAlm.Json;
using SdeAlm.Model;
using SdeAlm.Settings;
using Xunit;

namespace SdeAlm.Tests;

/// <summary>Configuration documents: reading every form, writing the same bytes, secret names, and the plan of a whole document.</summary>
public class ConfigurationTests
{
    private const string Server = "https://sde.example.com/";

    private static readonly PluginCatalogIndex s_catalog = new(
    [
        new AlmPlugin("trac", "Trac", sections:
        [
            new AlmPluginSection("trac", "Connection", fields:
            [
                new AlmPluginField("trac", name: "alm_project", fieldType: "string", required: true, scope: ["project"]),
                new AlmPluginField("trac", name: "alm_server", fieldType: "string", required: true, scope: ["system"]),
                new AlmPluginField("trac", name: "alm_pass", fieldType: "masked_string", required: true, scope: ["system"]),
                new AlmPluginField("trac", name: "alm_context_root", fieldType: "string", scope: ["system"]),
                new AlmPluginField("trac", name: "alm_project_token", fieldType: "masked_string", scope: ["project"]),
            ]),
        ]),
        new AlmPlugin("jira", "JIRA", sections:
        [
            new AlmPluginSection("jira", "Connection", fields:
            [
                new AlmPluginField("jira", name: "alm_server", fieldType: "string", required: true, scope: ["system"]),
                new AlmPluginField("jira", name: "alm_project", fieldType: "string", required: true, scope: ["project"]),
            ]),
        ]),
    ]);

    [Fact]
    public void A_json_document_reads_into_connectors_and_connections_whatever_the_case_of_its_property_names()
    {
        var document = Read("""
            {
              "$schema": "x",
              "connectors": [ { "Name": "Trac", "PLUGIN": "trac", "inaccessible": true, "fieldsEditableOnProject": ["alm_project"],
                                "settings": { "alm_server": "t.example.com", "alm_pass": { "env": "TRAC_PASS" }, "alm_context_root": null } } ],
              "connections": [ { "project": 42, "alias": "PAY", "connector": "Trac", "frequency": "Daily", "settings": { "alm_project": "PAY" } } ]
            }
            """);

        Assert.Empty(document.Problems);
        var connector = Assert.Single(document.Connectors);
        Assert.Equal(("Trac", "trac", true, true), (connector.Name, connector.Plugin, connector.Inaccessible, connector.HasFieldsEditableOnProject));
        Assert.Equal(["alm_project"], connector.FieldsEditableOnProject!);
        Assert.Equal(["alm_server", "alm_pass", "alm_context_root"], connector.Settings!.Keys.Cast<string>());
        Assert.Equal("env:TRAC_PASS", connector.Settings["alm_pass"]!.ToString());
        Assert.Null(connector.Settings["alm_context_root"]);
        var connection = Assert.Single(document.Connections);
        Assert.Equal((42, "PAY", "Trac", "daily"), (connection.ProjectId, connection.Alias, connection.Connector, connection.Frequency));
        Assert.Equal("connections[0] project 42 'PAY'", connection.Location);
    }

    [Fact]
    public void Every_problem_of_shape_is_found_at_once_with_where_it_is()
    {
        var document = Read("""
            {
              "conectors": [],
              "connectors": [
                { "plugin": "trac" },
                { "name": "A", "plugin": "", "inaccessible": "no", "settings": [] },
                { "name": "B", "plugin": "trac", "name": "C" },
                "D",
                { "name": "E", "plugin": "trac", "settings": {
                    "s1": { "env": "" }, "s2": { "env": "X", "vault": "V" }, "s3": { "secret": 5 }, "s4": { "secret": "S", "key": 1 } } }
              ],
              "connections": [
                { "project": "42", "alias": "PAY", "connector": "A" },
                { "project": 7, "alias": "X", "frequency": "yearly" }
              ]
            }
            """);

        Assert.Equal(
        [
            "the document: \"conectors\" is not a property here. Did you mean \"connectors\"? The properties are: $schema, connectors, connections.",
            "connectors[0]: \"name\" is missing: a connector is identified by its name.",
            "connectors[1] 'A': \"plugin\" must be text that is not blank, not blank text.",
            "connectors[1] 'A': \"inaccessible\" must be true or false, not text.",
            "connectors[1] 'A': \"settings\" must be an object of setting names and values, not a list.",
            "connectors[2] 'B': \"name\" is given twice.",
            "connectors[3]: a connector must be an object, not text.",
            "connectors[4] 'E': s1: \"env\" must be a name (text), not blank text. A secret reference is { \"env\": \"NAME\" } or { \"secret\": \"NAME\", \"vault\": \"VAULT\" } (vault optional).",
            "connectors[4] 'E': s2: It has \"env\" with \"secret\" or \"vault\"; give one of the two forms. A secret reference is { \"env\": \"NAME\" } or { \"secret\": \"NAME\", \"vault\": \"VAULT\" } (vault optional).",
            "connectors[4] 'E': s3: \"secret\" must be a name (text), not a number. A secret reference is { \"env\": \"NAME\" } or { \"secret\": \"NAME\", \"vault\": \"VAULT\" } (vault optional).",
            "connectors[4] 'E': s4: It has \"key\", which a secret reference does not take. A secret reference is { \"env\": \"NAME\" } or { \"secret\": \"NAME\", \"vault\": \"VAULT\" } (vault optional).",
            "connections[0] 'PAY': \"project\" must be an SD Elements project id (a whole number above 0), not text.",
            "connections[1] project 7 'X': \"connector\" is missing: name the connector it goes through (one of the document or of the server).",
            "connections[1] project 7 'X': \"frequency\" must be one of manually, hourly, daily, weekly, monthly, not 'yearly'.",
        ],
            document.Problems);
        Assert.Empty(document.Connectors);
        Assert.Empty(document.Connections);
    }

    [Fact]
    public void A_hashtable_and_a_pscustomobject_read_like_the_json_they_stand_for()
    {
        var settings = new Hashtable { ["alm_server"] = "t.example.com", ["alm_pass"] = new Hashtable { ["secret"] = "TracPass", ["vault"] = "Ops" } };
        var fromHashtable = ConfigurationReader.Read(DocumentTree.FromObject(new Hashtable
        {
            ["connectors"] = new object[] { new Hashtable { ["name"] = "Trac", ["plugin"] = "trac", ["settings"] = settings } },
            ["connections"] = new object[] { new Hashtable { ["project"] = 42, ["alias"] = "PAY", ["connector"] = "Trac" } },
        }), "test");
        var custom = new PSObject();
        custom.Properties.Add(new PSNoteProperty("name", "Trac"));
        custom.Properties.Add(new PSNoteProperty("plugin", "trac"));
        var customSettings = new PSObject();
        customSettings.Properties.Add(new PSNoteProperty("alm_pass", SecretText.Protect("pw")));
        custom.Properties.Add(new PSNoteProperty("settings", customSettings));
        var root = new PSObject();
        root.Properties.Add(new PSNoteProperty("connectors", new object[] { custom }));
        var fromObject = ConfigurationReader.Read(DocumentTree.FromObject(root), "test");

        Assert.Empty(fromHashtable.Problems);
        Assert.Equal(["alm_pass", "alm_server"], fromHashtable.Connectors[0].Settings!.Keys.Cast<string>());
        Assert.Equal("secret TracPass in vault Ops", fromHashtable.Connectors[0].Settings!["alm_pass"]!.ToString());
        Assert.Equal(42, fromHashtable.Connections[0].ProjectId);
        Assert.Empty(fromObject.Problems);
        Assert.IsType<System.Security.SecureString>(fromObject.Connectors[0].Settings!["alm_pass"]);
    }

    [Fact]
    public void The_writer_gives_the_same_bytes_every_time_utf8_without_bom_two_spaces_and_line_feeds()
    {
        var document = new AlmConfiguration("test");
        document.Connectors.Add(new ConnectorItem(0, "Café Trac", "trac")
        {
            Inaccessible = false,
            Settings = new OrderedDictionary { ["alm_server"] = "t.example.com", ["alm_pass"] = SecretReference.Environment("SDE_CAFE_TRAC_ALM_PASS"), ["n"] = 7L, ["list"] = new object[] { "a", "b" } },
        });
        document.Connections.Add(new ConnectionItem(0, 42, "PAY", "Café Trac") { Frequency = "daily" });

        var bytes = ConfigurationWriter.Write(document);
        Assert.Equal(bytes, ConfigurationWriter.Write(document));
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal(
            "{\n"
            + $"  \"$schema\": \"{ConfigurationSchema.Id}\",\n"
            + "  \"connectors\": [\n    {\n      \"name\": \"Café Trac\",\n      \"plugin\": \"trac\",\n      \"inaccessible\": false,\n      \"settings\": {\n"
            + "        \"alm_server\": \"t.example.com\",\n        \"alm_pass\": {\n          \"env\": \"SDE_CAFE_TRAC_ALM_PASS\"\n        },\n        \"n\": 7,\n"
            + "        \"list\": [\n          \"a\",\n          \"b\"\n        ]\n      }\n    }\n  ],\n"
            + "  \"connections\": [\n    {\n      \"project\": 42,\n      \"alias\": \"PAY\",\n      \"connector\": \"Café Trac\",\n      \"frequency\": \"daily\"\n    }\n  ]\n}\n",
            Encoding.UTF8.GetString(bytes));

        document.Connectors[0].Settings!["alm_pass"] = SecretText.Protect("pw");
        Assert.Throws<InvalidOperationException>(() => ConfigurationWriter.Write(document));
    }

    [Theory]
    [InlineData("Jira Cloud", "alm_pass", "SDE_JIRA_CLOUD_ALM_PASS")]
    [InlineData("Trac (on premises)", "alm_pass", "SDE_TRAC_ON_PREMISES_ALM_PASS")]
    [InlineData("Azure DevOps – Équipe", "issue_tracker_pass", "SDE_AZURE_DEVOPS_EQUIPE_ISSUE_TRACKER_PASS")]
    [InlineData("🔌", "alm_pass", "SDE_CONNECTOR_ALM_PASS")]
    public void A_connector_secret_is_named_SDE_connector_field_in_upper_snake_case(string connector, string field, string expected) =>
        Assert.Equal(expected, new SecretNames().ForConnector(connector, field));

    [Fact]
    public void Secret_names_never_repeat_and_connection_secrets_name_project_and_alias()
    {
        var names = new SecretNames();
        Assert.Equal("SDE_JIRA_CLOUD_ALM_PASS", names.ForConnector("Jira Cloud", "alm_pass"));
        Assert.Equal("SDE_JIRA_CLOUD_ALM_PASS_2", names.ForConnector("jira-cloud", "alm_pass"));
        Assert.Equal("SDE_PROJECT_42_PAYMENTS_JIRA_ALM_TOKEN", names.ForConnection(42, "Payments JIRA", "alm_token"));
    }

    [Fact]
    public void Export_writes_catalog_fields_in_catalog_order_secrets_as_references_and_sorts_by_name()
    {
        var state = State(
            [Connector(2, "trac b", "trac", """{"alm_context_root":"/t","alm_pass":"pw","alm_server":"b.example.com","not_a_field":1}"""), Connector(1, "Trac A", "trac", """{"alm_server":"a.example.com","alm_pass":""}""")],
            [Connection(7, 42, "PAY", 2, """{"alm_project_token":"tok","alm_project":"PAY","last_successful_run":null}"""), Connection(5, 3, "Z", 1, """{"alm_project":"Z"}""")]);

        var export = ConfigurationExporter.Export(state, null, null);

        Assert.Equal(["Trac A", "trac b"], export.Document.Connectors.Select(connector => connector.Name));
        Assert.Equal(["alm_server", "alm_pass", "alm_context_root"], export.Document.Connectors[1].Settings!.Keys.Cast<string>());
        Assert.Equal("env:SDE_TRAC_B_ALM_PASS", export.Document.Connectors[1].Settings!["alm_pass"]!.ToString());
        Assert.Equal(string.Empty, export.Document.Connectors[0].Settings!["alm_pass"]);
        Assert.Equal([3, 42], export.Document.Connections.Select(connection => connection.ProjectId));
        Assert.Equal(["alm_project", "alm_project_token"], export.Document.Connections[1].Settings!.Keys.Cast<string>());
        Assert.Equal(
            ["env:SDE_TRAC_B_ALM_PASS (connectors[1] 'trac b': alm_pass)", "env:SDE_PROJECT_42_PAY_ALM_PROJECT_TOKEN (connections[1] project 42 'PAY': alm_project_token)"],
            export.References);

        var vault = ConfigurationExporter.Export(state, ["trac b", "nothing"], "Ops");
        Assert.Equal(["trac b"], vault.Document.Connectors.Select(connector => connector.Name));
        Assert.Equal(["PAY"], vault.Document.Connections.Select(connection => connection.Alias));
        Assert.Equal("secret SDE_TRAC_B_ALM_PASS in vault Ops", vault.Document.Connectors[0].Settings!["alm_pass"]!.ToString());
        Assert.Equal(["nothing"], vault.UnmatchedNames);
    }

    [Fact]
    public void Export_refuses_names_the_server_gives_twice_naming_the_ids()
    {
        var state = State([Connector(1, "Trac", "trac", "{}"), Connector(4, "TRAC", "trac", "{}")], []);
        var refusal = Assert.Throws<Errors.SdeApiException>(() => ConfigurationExporter.Export(state, null, null));
        Assert.Equal("SdeAlmNameNotUnique", refusal.ErrorId);
        Assert.Contains("connectors 1 'Trac' and 4 'TRAC' share a name", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_lists_connectors_before_connections_creates_before_updates_and_names_changes_as_the_document_does()
    {
        var state = State(
            [Connector(1, "Trac", "trac", """{"alm_server":"t.example.com","alm_pass":"pw"}""")],
            [Connection(3, 42, "PAY", 1, """{"alm_project":"PAY"}"""), Connection(4, 43, "OLD", 1, """{"alm_project":"OLD"}""")]);
        var document = Read("""
            { "connections": [ { "project": 42, "alias": "PAY", "connector": "Trac" },
                               { "project": 43, "alias": "OLD", "connector": "New Trac" },
                               { "project": 44, "alias": "NEW", "connector": "New Trac", "settings": { "alm_project": "N" } } ],
              "connectors": [ { "name": "Trac", "plugin": "trac", "settings": { "alm_server": "u.example.com", "alm_pass": { "env": "SDE_TEST_UNSET_VARIABLE" } } },
                              { "name": "New Trac", "plugin": "trac", "settings": { "alm_server": "n.example.com", "alm_pass": "plain" } } ] }
            """);

        var plan = ConfigurationPlanner.Plan(document, state, Secrets(), UnresolvedSecrets.LeaveOut, includeUnmanaged: true);

        Assert.Empty(plan.Problems);
        Assert.Equal(
        [
            "Create Connector New Trac", "Update Connector Trac", "Create Connection NEW", "Update Connection OLD", "NoOp Connection PAY",
        ],
            plan.Resources.Select(resource => $"{resource.Entry.Action} {resource.Entry.Kind} {resource.Entry.Name}"));
        Assert.Equal(["name", "plugin", "inaccessible", "alm_server", "alm_pass"], plan.Resources[0].Entry.Changes.Select(change => change.Field));
        Assert.Equal(AlmPlanChange.SecretPlaceholder, plan.Resources[0].Entry.Changes[4].After);
        Assert.Equal(["alm_server: 't.example.com' -> 'u.example.com'"], plan.Resources[1].Entry.Changes.Select(change => change.ToString()));
        Assert.Equal(["connector: 'Trac' -> 'New Trac'"], plan.Resources[3].Entry.Changes.Select(change => change.ToString()));
        Assert.True(plan.Resources[2].WaitsForConnector);
        Assert.Equal(
        [
            "connectors[0] 'Trac': alm_pass: env:SDE_TEST_UNSET_VARIABLE is not set, so the field is left out of the comparison.",
            "connectors[1] 'New Trac': alm_pass: the document holds this secret as plain text. Keep secrets out of files: write { \"env\": \"NAME\" } or { \"secret\": \"NAME\", \"vault\": \"VAULT\" } instead.",
        ],
            plan.Warnings);

        var applying = ConfigurationPlanner.Plan(document, state, Secrets(), UnresolvedSecrets.Refuse);
        Assert.Equal(["connectors[0] 'Trac': alm_pass: env:SDE_TEST_UNSET_VARIABLE is not set; nothing is applied without it."], applying.Problems);

        var replanned = plan.Planner.Replan((ConnectionItem)plan.Resources[2].Item!, new Dictionary<string, int> { ["New Trac"] = 12 })!;
        Assert.False(replanned.WaitsForConnector);
        Assert.Equal(12, replanned.Plan!.PropertiesToSend.Single(property => property.WireName == "connector").Value);
        Assert.Equal("connector = 'New Trac'", replanned.Entry.Changes[1].ToString());
    }

    [Fact]
    public void Every_problem_of_a_document_against_a_server_is_named_with_where_it_is()
    {
        var state = State(
            [Connector(1, "Twice", "trac", "{}"), Connector(2, "twice", "trac", "{}"), Connector(3, "Jira", "jira", """{"alm_server":"j"}""")],
            [Connection(5, 42, "PAY", 3, """{"alm_project":"P"}"""), Connection(6, 42, "pay", 3, """{"alm_project":"P"}""")]);
        var document = Read("""
            { "connectors": [ { "name": "Twice", "plugin": "trac" },
                              { "name": "Jira", "plugin": "trac" },
                              { "name": "New", "plugin": "jiraa" },
                              { "name": "Fresh", "plugin": "trac", "fieldsEditableOnProject": null, "settings": { "alm_sever": "x", "alm_pass": { "env": "SDE_TEST_UNSET_VARIABLE" } } },
                              { "name": "fresh", "plugin": "trac" } ],
              "connections": [ { "project": 42, "alias": "PAY", "connector": "Jira" },
                               { "project": 9, "alias": "A", "connector": "Jiraa" },
                               { "project": 9, "alias": "a", "connector": "Jira" } ] }
            """);

        var plan = ConfigurationPlanner.Plan(document, state, Secrets(), UnresolvedSecrets.Refuse);

        Assert.Equal(
        [
            $"connectors[0] 'Twice': {Server} has 2 connectors named 'Twice' (ids 1, 2), and a document names a connector by its name. Rename all but one (Set-SdeAlmConnector -Name).",
            "connectors[1] 'Jira': plugin: the server's connector 3 'Jira' is for plugin 'jira', not 'trac', and a connector's plugin does not change. Name the document's connector differently to create a new one.",
            $"connectors[2] 'New': plugin: {Server} has no ALM plugin 'jiraa' in its catalog. Did you mean 'jira'? Get-SdeAlmPlugin lists the ids.",
            "connectors[3] 'Fresh': alm_pass: env:SDE_TEST_UNSET_VARIABLE is not set; nothing is applied without it.",
            $"connectors[3] 'Fresh': fieldsEditableOnProject: the connectors of {Server} do not carry fields_editable_on_project, so this release of SD Elements does not have it. Leave it out of the document for this server.",
            "connectors[3] 'Fresh': alm_server: The field is required but missing.",
            "connectors[3] 'Fresh': alm_sever: 'alm_sever' is not a field of plugin 'trac'. Did you mean 'alm_server'?",
            "connectors[4] 'fresh': the document names connector 'fresh' twice (also connectors[3] 'Fresh').",
            $"connections[0] project 42 'PAY': project 42 on {Server} has 2 ALM connections with the alias 'PAY' (ids 5, 6), and a document names an ALM connection by its project and alias. Rename all but one (Set-SdeAlmConnection -Alias).",
            $"connections[1] project 9 'A': connector: 'Jiraa' is neither a connector of the document nor one of {Server}. Did you mean 'Jira'?",
            "connections[2] project 9 'a': the document names the ALM connection 'a' of project 9 twice (also connections[1] project 9 'A').",
        ],
            plan.Problems);
    }

    [Fact]
    public void A_reviewed_plan_is_outdated_when_the_server_or_a_secret_changed_since()
    {
        var before = State([Connector(1, "Trac", "trac", """{"alm_server":"t.example.com","alm_pass":"pw"}""")], []);
        var document = Read("""{ "connectors": [ { "name": "Trac", "plugin": "trac", "settings": { "alm_server": "u.example.com", "alm_pass": "pw2" } } ] }""");
        var reviewed = ConfigurationPlanner.Plan(document, before, Secrets(), UnresolvedSecrets.Refuse).Resources.Select(resource => resource.Entry).ToList();

        ConfigurationPlanner.Recheck(reviewed, before, Secrets(), out var same);
        Assert.Empty(same);

        var after = State([Connector(1, "Trac", "trac", """{"alm_server":"v.example.com","alm_pass":"pw3"}""")], []);
        ConfigurationPlanner.Recheck(reviewed, after, Secrets(), out var outdated);
        Assert.Equal(
        [
            "connectors[0] 'Trac': alm_server: the plan saw 't.example.com', the server now has 'v.example.com'.",
            "connectors[0] 'Trac': alm_pass: the server's secret is no longer the one the plan saw.",
        ],
            outdated);

        var created = State([Connector(1, "Trac", "trac", """{"alm_server":"u.example.com","alm_pass":"pw2"}""")], []);
        ConfigurationPlanner.Recheck(reviewed, created, Secrets(), out var done);
        Assert.Equal(["connectors[0] 'Trac': the plan said Update, but the server now needs NoOp."], done);
    }

    [Fact]
    public void A_failed_write_stops_the_run_and_says_what_was_applied_before_it_and_that_a_rerun_goes_on()
    {
        var state = State([Connector(1, "Trac", "trac", """{"alm_server":"t.example.com","alm_pass":"pw"}""")], []);
        var document = Read("""
            { "connectors": [ { "name": "New Trac", "plugin": "trac", "settings": { "alm_server": "n.example.com", "alm_pass": "pw" } },
                              { "name": "Trac", "plugin": "trac", "settings": { "alm_server": "u.example.com" } } ],
              "connections": [ { "project": 44, "alias": "NEW", "connector": "New Trac", "settings": { "alm_project": "N" } } ] }
            """);
        var plan = ConfigurationPlanner.Plan(document, state, Secrets(), UnresolvedSecrets.Refuse);
        var sent = new List<string>();
        var applied = new List<AlmPlanEntry>();

        var failure = Assert.Throws<Errors.SdeApiException>(() => ConfigurationApplier.Apply(
            plan,
            Server,
            (resourcePlan, text) => true,
            resourcePlan =>
            {
                sent.Add(resourcePlan.Target);
                return sent.Count == 1
                    ? Connector(12, "New Trac", "trac", "{}")
                    : throw new Errors.SdeApiException("PATCH answered 502.", "SdeWriteOutcomeUnknown", ErrorCategory.ConnectionError, "x", 502);
            },
            applied.Add,
            warning => Assert.Fail(warning)));

        Assert.Equal(["ALM connector 'New Trac'", "ALM connector 1 'Trac'"], sent);
        Assert.Equal(["Create ALM connector 12 'New Trac'"], applied.Select(entry => entry.ToString()));
        Assert.Equal("SdeWriteOutcomeUnknown", failure.ErrorId);
        Assert.Equal(502, failure.StatusCode);
        Assert.Equal(
            "PATCH answered 502." + Environment.NewLine
            + "Applied before it: Create ALM connector 12 'New Trac'. Nothing after it was sent. Run the command again to go on: it plans from the server again, so nothing applied is sent twice, not even a write whose answer was lost.",
            failure.Message);
    }

    [Fact]
    public void An_alm_connection_waits_for_its_new_connector_and_is_sent_with_the_id_the_server_gave_it()
    {
        var state = State([], []);
        var document = Read("""
            { "connectors": [ { "name": "New Trac", "plugin": "trac", "settings": { "alm_server": "n.example.com", "alm_pass": "pw" } } ],
              "connections": [ { "project": 44, "alias": "NEW", "connector": "new trac", "settings": { "alm_project": "N" } } ] }
            """);
        var plan = ConfigurationPlanner.Plan(document, state, Secrets(), UnresolvedSecrets.Refuse);
        var bodies = new List<object?>();
        var texts = new List<string>();

        ConfigurationApplier.Apply(
            plan,
            Server,
            (resourcePlan, text) =>
            {
                texts.Add(text.Split('\n')[0].TrimEnd());
                return true;
            },
            resourcePlan =>
            {
                bodies.Add(resourcePlan.PropertiesToSend.FirstOrDefault(property => property.WireName == "connector")?.Value);
                return resourcePlan.Kind == AlmResourceKind.Connector ? Connector(31, "New Trac", "trac", "{}") : Connection(77, 44, "NEW", 31, "{}");
            },
            _ => { },
            warning => Assert.Fail(warning));

        Assert.Equal([null, 31], bodies);
        Assert.Equal(
            [$"Create ALM connector 'New Trac' for plugin 'trac' on {Server}:", $"Create ALM connection 'NEW' of project 44 through connector 31 'New Trac' on {Server}:"],
            texts);
    }

    private static AlmConfiguration Read(string json) =>
        ConfigurationReader.Read(DocumentTree.FromJson(JsonDocument.Parse(json).RootElement), "test");

    private static SecretResolver Secrets() => new((name, vault) => SecretLookup.Missing("cannot be read here"));

    private static ServerState State(AlmConnector[] connectors, AlmConnection[] connections) => new(s_catalog, connectors, connections, Server, null);

    private static AlmConnector Connector(int id, string name, string plugin, string parameters) =>
        AlmResourceMapper.ToConnector(new AlmConnectorWire { Id = id, Name = name, System = new AlmSystemWire { Id = plugin }, Params = JsonDocument.Parse(parameters).RootElement }, s_catalog, Server, null);

    private static AlmConnection Connection(int id, int project, string alias, int connector, string parameters) =>
        AlmResourceMapper.ToConnection(
            new AlmConnectionWire { Id = id, Alias = alias, Project = project, Connector = connector, System = new AlmSystemWire { Id = "trac" }, Params = JsonDocument.Parse(parameters).RootElement },
            s_catalog,
            Server,
            null);
}
