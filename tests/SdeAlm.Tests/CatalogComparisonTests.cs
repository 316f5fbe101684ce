using System.Collections.Generic;
using System.Linq;
using SdeAlm.Comparison;
using SdeAlm.Model;
using Xunit;

namespace SdeAlm.Tests;

/// <summary>What Compare-SdeAlmPluginCatalog reports between two catalogs, row by row.</summary>
public class CatalogComparisonTests
{
    [Fact]
    public void Identical_catalogs_have_no_differences()
    {
        Assert.Empty(PluginCatalogComparison.Compare([Trac()], [Trac()]));
    }

    [Fact]
    public void Renamed_fields_are_removed_then_added_before_the_next_field_both_have_and_each_changed_property_is_a_row()
    {
        var after = Trac(
            project: Field("issue_tracker_project", "Trac Milestone"),
            server: Field("issue_tracker_server", "Server"),
            policy: Field("conflict_policy", "Choose Authoritative Source", fieldType: "radio", defaultValue: "issue_tracker", options: [Option("issue_tracker", "Trac"), Option("sde", "SD Elements")]));

        Assert.Equal(
            [
                "trac/alm_project Removed",
                "trac/alm_server Removed",
                "trac/issue_tracker_project Added",
                "trac/issue_tracker_server Added",
                "trac/conflict_policy Default: alm -> issue_tracker",
                "trac/conflict_policy Options: alm, sde -> issue_tracker, sde",
            ],
            Rows(PluginCatalogComparison.Compare([Trac()], [after])));
    }

    [Fact]
    public void Added_and_removed_carry_no_before_or_after_and_changes_carry_the_values_as_the_fields_hold_them()
    {
        var after = Trac(
            project: Field("issue_tracker_project", "Trac Milestone"),
            policy: Field("conflict_policy", "Choose Authoritative Source", fieldType: "radio", defaultValue: "sde", options: [Option("alm", "Trac"), Option("sde", "SD Elements")], required: true));
        var rows = PluginCatalogComparison.Compare([Trac()], [after]).ToList();

        var removed = rows[0];
        Assert.Equal(("trac", "alm_project", AlmPluginCatalogChange.Removed, null, null, null), (removed.PluginId, removed.Field, removed.Change, removed.Property, removed.Before, removed.After));
        var added = rows[1];
        Assert.Equal(("trac", "issue_tracker_project", AlmPluginCatalogChange.Added, null, null, null), (added.PluginId, added.Field, added.Change, added.Property, added.Before, added.After));
        var required = rows.Single(row => row.Property == "Required");
        Assert.Equal((false, true), (required.Before, required.After));
        var policy = rows.Single(row => row.Property == "Default");
        Assert.Equal(("alm", "sde"), (policy.Before, policy.After));
    }

    [Fact]
    public void Plugins_added_and_removed_are_one_row_each_without_a_field_and_plugin_properties_are_compared()
    {
        var renamed = new AlmPlugin("trac", "Trac (legacy)", "Trac", "sync_trac", Trac().Sections.ToList());
        Assert.Equal(
            ["github Removed", "trac Name: Trac -> Trac (legacy)", "jira Added"],
            Rows(PluginCatalogComparison.Compare([Plugin("github"), Trac()], [renamed, Plugin("jira")])));
        Assert.All(PluginCatalogComparison.Compare([Plugin("github")], [Plugin("jira")]), row => Assert.Null(row.Field));
    }

    [Fact]
    public void Ids_and_field_names_match_without_regard_to_case()
    {
        var upper = new AlmPlugin("TRAC", "Trac", "Trac", "sync_trac", [new AlmPluginSection("TRAC", null, false, [Field("ALM_PROJECT", "Trac Milestone"), Field("alm_server", "Server"), Policy()])]);
        Assert.Empty(PluginCatalogComparison.Compare([Trac()], [upper]));
    }

    [Theory]
    [InlineData("Label", "Label")]
    [InlineData("Section", "Section")]
    [InlineData("FieldType", "FieldType")]
    [InlineData("MaxLength", "MaxLength")]
    [InlineData("ReadOnly", "ReadOnly")]
    [InlineData("Deprecated", "Deprecated")]
    [InlineData("Placeholder", "Placeholder")]
    [InlineData("HelpText", "HelpText")]
    [InlineData("Description", "Description")]
    [InlineData("Scope", "Scope")]
    [InlineData("option label", "Options")]
    [InlineData("option disabled", "Options")]
    [InlineData("option order", "Options")]
    public void Each_property_of_a_field_is_compared(string change, string property)
    {
        var before = new AlmPluginField("p", "Details", "f", "Server", "d", "radio", null, false, 10, false, false, "x", ["system"], "h", [Option("a", "A"), Option("b", "B")]);
        var after = change switch
        {
            "Label" => new AlmPluginField("p", "Details", "f", "Host", "d", "radio", null, false, 10, false, false, "x", ["system"], "h", [Option("a", "A"), Option("b", "B")]),
            "Section" => new AlmPluginField("p", "Connection", "f", "Server", "d", "radio", null, false, 10, false, false, "x", ["system"], "h", [Option("a", "A"), Option("b", "B")]),
            "FieldType" => new AlmPluginField("p", "Details", "f", "Server", "d", "select", null, false, 10, false, false, "x", ["system"], "h", [Option("a", "A"), Option("b", "B")]),
            "MaxLength" => new AlmPluginField("p", "Details", "f", "Server", "d", "radio", null, false, 20, false, false, "x", ["system"], "h", [Option("a", "A"), Option("b", "B")]),
            "ReadOnly" => new AlmPluginField("p", "Details", "f", "Server", "d", "radio", null, true, 10, false, false, "x", ["system"], "h", [Option("a", "A"), Option("b", "B")]),
            "Deprecated" => new AlmPluginField("p", "Details", "f", "Server", "d", "radio", null, false, 10, false, true, "x", ["system"], "h", [Option("a", "A"), Option("b", "B")]),
            "Placeholder" => new AlmPluginField("p", "Details", "f", "Server", "d", "radio", null, false, 10, false, false, "y", ["system"], "h", [Option("a", "A"), Option("b", "B")]),
            "HelpText" => new AlmPluginField("p", "Details", "f", "Server", "d", "radio", null, false, 10, false, false, "x", ["system"], "help", [Option("a", "A"), Option("b", "B")]),
            "Description" => new AlmPluginField("p", "Details", "f", "Server", "desc", "radio", null, false, 10, false, false, "x", ["system"], "h", [Option("a", "A"), Option("b", "B")]),
            "Scope" => new AlmPluginField("p", "Details", "f", "Server", "d", "radio", null, false, 10, false, false, "x", ["system", "project"], "h", [Option("a", "A"), Option("b", "B")]),
            "option label" => new AlmPluginField("p", "Details", "f", "Server", "d", "radio", null, false, 10, false, false, "x", ["system"], "h", [Option("a", "A"), Option("b", "Bee")]),
            "option disabled" => new AlmPluginField("p", "Details", "f", "Server", "d", "radio", null, false, 10, false, false, "x", ["system"], "h", [Option("a", "A"), Option("b", "B", disabled: true)]),
            _ => new AlmPluginField("p", "Details", "f", "Server", "d", "radio", null, false, 10, false, false, "x", ["system"], "h", [Option("b", "B"), Option("a", "A")]),
        };

        var rows = PluginCatalogComparison.Compare([InOnePlugin(before)], [InOnePlugin(after)]).ToList();
        Assert.Equal([property], rows.Select(row => row.Property));
        Assert.All(rows, row => Assert.Equal(("p", "f", AlmPluginCatalogChange.Changed), (row.PluginId, row.Field, row.Change)));
    }

    [Theory]
    [InlineData("7", 7L)]
    [InlineData(null, "")]
    [InlineData(true, "true")]
    public void Defaults_that_settings_treat_as_one_value_are_not_a_change(object? before, object? after)
    {
        Assert.Empty(PluginCatalogComparison.Compare([InOnePlugin(Field("f", "F", defaultValue: before))], [InOnePlugin(Field("f", "F", defaultValue: after))]));
    }

    [Fact]
    public void Structured_defaults_compare_item_by_item_and_scope_order_does_not_matter()
    {
        var list = new StructuredList(["a", "b"]);
        Assert.Empty(PluginCatalogComparison.Compare(
            [InOnePlugin(Field("f", "F", defaultValue: list, scope: ["system", "project"]))],
            [InOnePlugin(Field("f", "F", defaultValue: new StructuredList(["a", "b"]), scope: ["project", "system"]))]));
        Assert.Equal(
            ["p/f Default: a, b -> a, c"],
            Rows(PluginCatalogComparison.Compare([InOnePlugin(Field("f", "F", defaultValue: list))], [InOnePlugin(Field("f", "F", defaultValue: new StructuredList(["a", "c"])))])));
    }

    [Fact]
    public void Added_items_go_just_before_the_next_item_both_lists_have_and_after_what_was_removed_there()
    {
        var rows = PluginCatalogComparison.Align(["a", "b", "c", "d"], ["x", "a", "y", "z", "d", "w"], item => item, System.StringComparer.Ordinal)
            .Select(pair => $"{pair.Before ?? "-"}/{pair.After ?? "-"}");
        Assert.Equal(["-/x", "a/a", "b/-", "c/-", "-/y", "-/z", "d/d", "-/w"], rows);
    }

    [Fact]
    public void Items_without_a_key_and_repeated_keys_are_left_out()
    {
        var rows = PluginCatalogComparison.Align(["a", "", "a"], ["a", "b", "b"], item => item, System.StringComparer.Ordinal)
            .Select(pair => $"{pair.Before ?? "-"}/{pair.After ?? "-"}");
        Assert.Equal(["a/a", "-/b"], rows);
    }

    private static string[] Rows(IEnumerable<AlmPluginCatalogDifference> differences) => [.. differences.Select(difference => difference.ToString())];

    private static AlmPlugin Trac(AlmPluginField? project = null, AlmPluginField? server = null, AlmPluginField? policy = null) =>
        new("trac", "Trac", "Trac", "sync_trac", [new AlmPluginSection("trac", null, false, [project ?? Field("alm_project", "Trac Milestone"), server ?? Field("alm_server", "Server"), policy ?? Policy()])]);

    private static AlmPluginField Policy() =>
        Field("conflict_policy", "Choose Authoritative Source", fieldType: "radio", defaultValue: "alm", options: [Option("alm", "Trac"), Option("sde", "SD Elements")]);

    private static AlmPlugin Plugin(string id) => new(id, id, id, "sync_" + id, []);

    private static AlmPlugin InOnePlugin(AlmPluginField field) => new("p", "P", "P", "sync_p", [new AlmPluginSection("p", field.Section, false, [field])]);

    private static AlmPluginField Field(
        string name,
        string label,
        string fieldType = "string",
        object? defaultValue = null,
        IList<AlmPluginFieldOption>? options = null,
        bool required = false,
        IList<string>? scope = null) =>
        new("p", null, name, label, null, fieldType, defaultValue, false, null, required, false, null, scope ?? ["system"], null, options);

    private static AlmPluginFieldOption Option(string value, string label, bool disabled = false) => new(label, value, disabled);
}
