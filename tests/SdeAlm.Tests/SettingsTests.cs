using System;
using System.Collections;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using System.Security;
using SdeAlm.Model;
using SdeAlm.Settings;
using Xunit;

namespace SdeAlm.Tests;

public class SettingsTests
{
    [Theory]
    [InlineData("alm_server", "alm_server", 0)]
    [InlineData("alm_sever", "alm_server", 1)]
    [InlineData("ALM_SERVER", "alm_server", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance_counts_edits_ignoring_case(string a, string b, int expected) =>
        Assert.Equal(expected, NameSuggester.Distance(a, b));

    [Fact]
    public void Nearest_name_is_the_closest_and_the_earlier_on_a_tie()
    {
        string[] names = ["alm_user", "alm_pass", "alm_server"];
        Assert.Equal("alm_server", NameSuggester.Nearest("alm_sevrer", names));
        Assert.Equal("ab_cd_x", NameSuggester.Nearest("ab_cd_e", ["ab_cd_x", "ab_cd_y"]));
        Assert.Null(NameSuggester.Nearest("x", []));
    }

    [Theory]
    [InlineData("bugzilla", new[] { "trac", "jira", "github", "azure-devops", "kitchen-sink", "empty" })]
    [InlineData("alm_project", new[] { "ks_required", "ks_string", "ks_select", "ks_radio" })]
    [InlineData("alm_xxxx", new[] { "alm_user", "alm_pass", "alm_server" })]
    [InlineData("x", new[] { "y", "ab" })]
    [InlineData("", new[] { "a" })]
    public void Nothing_is_suggested_when_no_name_is_close(string name, string[] candidates) =>
        Assert.Null(NameSuggester.Nearest(name, candidates));

    [Theory]
    [InlineData("jirra", "jira")]
    [InlineData("SDE_MIN_PRIO", "sde_min_priority")]
    [InlineData("how_to_in_scope", "how_tos_in_scope")]
    [InlineData("alm_token", "alm_api_token")]
    public void A_close_name_is_suggested_relative_to_its_length(string name, string expected) =>
        Assert.Equal(expected, NameSuggester.Nearest(name, ["jira", "trac", "alm_user", "alm_api_token", "sde_min_priority", "how_tos_in_scope"]));

    [Fact]
    public void A_name_with_several_spellings_is_matched_by_the_closest_of_them()
    {
        string[] current = ["issue_tracker_server", "issue_tracker_user", "sde_tags_filter"];
        Assert.Null(NameSuggester.Nearest("alm_sever", current));
        Assert.Equal("issue_tracker_server", NameSuggester.Nearest(["alm_sever", "issue_tracker_sever"], current));
    }

    [Theory]
    [InlineData("7", "7")]
    [InlineData(7, "7")]
    [InlineData(7L, "7")]
    [InlineData(2.5d, "2.5")]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    public void Values_compare_as_invariant_text(object value, string expected)
    {
        Assert.Equal(expected, SettingValue.AsText(value));
        Assert.Equal(expected, SettingValue.AsText(new PSObject(value)));
    }

    [Fact]
    public void Checkbox_values_come_from_lists_text_or_both()
    {
        Assert.Equal(["a", "b", "c"], SettingValue.CheckboxChoices("a, b,,c "));
        Assert.Equal(["a", "b", "c"], SettingValue.CheckboxChoices(new object[] { "a,b", new PSObject("c") }));
        Assert.Equal(["7"], SettingValue.CheckboxChoices(new object[] { 7 }));
        Assert.Empty(SettingValue.CheckboxChoices(" , "));
    }

    [Fact]
    public void Empty_means_null_blank_text_empty_lists_and_empty_secrets()
    {
        Assert.True(SettingValue.IsEmpty(null));
        Assert.True(SettingValue.IsEmpty("  "));
        Assert.True(SettingValue.IsEmpty(Array.Empty<object>()));
        using var secret = new SecureString();
        Assert.True(SettingValue.IsEmpty(secret));
        Assert.False(SettingValue.IsEmpty(false));
        Assert.False(SettingValue.IsEmpty(0));
        Assert.False(SettingValue.IsEmpty("x"));
    }

    [Fact]
    public void Length_counts_characters_not_utf16_units()
    {
        Assert.Equal(3, SettingValue.TextLength("a\U0001F50Cb"));
        Assert.Equal(5, SettingValue.TextLength(12345));
        Assert.Null(SettingValue.TextLength(new object[] { "a" }));
    }

    [Fact]
    public void Template_converts_defaults_to_their_natural_type()
    {
        Assert.Equal(true, SettingTemplate.NaturalDefault(new AlmPluginField(fieldType: "boolean", defaultValue: "True")));
        Assert.Equal(false, SettingTemplate.NaturalDefault(new AlmPluginField(fieldType: "boolean", defaultValue: 0L)));
        Assert.Equal(100L, SettingTemplate.NaturalDefault(new AlmPluginField(fieldType: "integer", defaultValue: "100")));
        Assert.Equal("a,b", SettingTemplate.NaturalDefault(new AlmPluginField(fieldType: "checkbox", defaultValue: new object[] { "a", "b" })));
        Assert.Equal("a,b", SettingTemplate.NaturalDefault(new AlmPluginField(fieldType: "checkbox", defaultValue: "a,b")));
        Assert.Null(SettingTemplate.NaturalDefault(new AlmPluginField(fieldType: "string")));
    }

    [Fact]
    public void Template_leaves_out_read_only_deprecated_and_other_scopes()
    {
        var plugin = Plugin(
            new AlmPluginField(name: "a", scope: ["system"]),
            new AlmPluginField(name: "b", scope: ["project"], defaultValue: "x"),
            new AlmPluginField(name: "c", scope: ["system"], readOnly: true),
            new AlmPluginField(name: "d", scope: ["system"], deprecated: true));
        var all = SettingTemplate.Build(plugin, null);
        Assert.Equal(["a", "b"], all.Keys.Cast<string>());
        Assert.Equal("x", all["b"]);
        Assert.Equal(["b"], SettingTemplate.Build(plugin, "project").Keys.Cast<string>());
    }

    [Fact]
    public void Validation_reads_any_dictionary_and_keeps_its_key_order_for_unknown_keys()
    {
        var plugin = Plugin(new AlmPluginField(name: "alm_server", fieldType: "string"));
        var setting = new OrderedDictionary { ["zz"] = 1, ["alm_sever"] = "x" };
        var result = SettingValidator.Check(plugin, setting, null);
        Assert.False(result.ToTestResult().IsValid);
        Assert.Equal(["zz", "alm_sever"], result.Problems.Select(p => p.Field));
        Assert.Contains("Did you mean 'alm_server'?", result.Problems[1].Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_alone_leave_settings_valid()
    {
        var plugin = Plugin(new AlmPluginField(name: "old", fieldType: "string", deprecated: true));
        var result = SettingValidator.Check(plugin, new Hashtable { ["old"] = "x" }, null);
        Assert.True(result.ToTestResult().IsValid);
        Assert.Equal(AlmPluginSettingSeverity.Warning, Assert.Single(result.Problems).Severity);
    }

    [Fact]
    public void A_disabled_option_chosen_in_a_checkbox_is_an_error()
    {
        // No simulator fixture has a checkbox with a disabled option, and plugin objects are read-only.
        var plugin = Plugin(new AlmPluginField(
            name: "colors",
            fieldType: "checkbox",
            options: [new AlmPluginFieldOption("Red", "red", disabled: true), new AlmPluginFieldOption("Blue", "blue", disabled: false)]));
        var problem = Assert.Single(SettingValidator.Check(plugin, new Hashtable { ["colors"] = "blue,red" }, null).Problems);
        Assert.Equal("colors", problem.Field);
        Assert.Equal(AlmPluginSettingSeverity.Error, problem.Severity);
        Assert.StartsWith("'red' is a disabled option of this field.", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7, true)]
    [InlineData("7", true)]
    [InlineData(" -3 ", true)]
    [InlineData(7.0d, true)]
    [InlineData(7.5d, false)]
    [InlineData("seven", false)]
    [InlineData(true, false)]
    public void Integers_are_whole_numbers_or_their_text(object value, bool expected) =>
        Assert.Equal(expected, SettingValue.IsWholeNumber(value));

    [Fact]
    public void Keys_match_fields_in_any_case_and_come_back_spelt_as_the_catalog_spells_them()
    {
        var plugin = Plugin(new AlmPluginField(name: "alm_server", fieldType: "string", required: true, scope: ["system"]));
        var check = SettingValidator.Check(plugin, new OrderedDictionary { ["ALM_Server"] = "x", ["zz"] = 1 }, "system");
        Assert.Equal(["zz"], check.Problems.Select(p => p.Field));
        Assert.Equal(["alm_server", "zz"], check.Setting.Keys.Cast<string>());
        Assert.Equal("x", check.Setting["alm_server"]);
    }

    [Fact]
    public void The_values_to_send_have_the_catalog_spelling_and_the_api_types()
    {
        var plugin = Plugin(
            new AlmPluginField(name: "alm_verify_ssl", fieldType: "boolean"),
            new AlmPluginField(name: "alm_phases", fieldType: "checkbox"));
        var check = SettingValidator.Check(plugin, new OrderedDictionary { ["ALM_PHASES"] = new object[] { "a", "b" }, ["Alm_Verify_Ssl"] = "false", ["extra"] = 1 }, null);
        Assert.Equal(["alm_phases", "alm_verify_ssl", "extra"], check.Setting.Keys.Cast<string>());
        var toWire = SettingValue.WireConverter(plugin);
        Assert.Equal("a,b", toWire("alm_phases", check.Setting["alm_phases"]));
        Assert.Equal(false, toWire("ALM_VERIFY_SSL", check.Setting["alm_verify_ssl"]));
        Assert.Equal(1, toWire("extra", check.Setting["extra"]));
    }

    [Fact]
    public void A_field_given_twice_in_different_case_is_an_error()
    {
        var plugin = Plugin(new AlmPluginField(name: "alm_server", fieldType: "string"));
        var setting = new OrderedDictionary { ["alm_server"] = "a", ["ALM_SERVER"] = "b" };
        var problem = Assert.Single(SettingValidator.Check(plugin, setting, null).Problems);
        Assert.Equal(AlmPluginSettingSeverity.Error, problem.Severity);
        Assert.Equal("ALM_SERVER", problem.Field);
        Assert.Equal("'alm_server' and 'ALM_SERVER' differ only in case, and setting keys are compared without regard to case: give the setting once.", problem.Message);
    }

    [Fact]
    public void A_required_field_with_a_catalog_default_may_be_left_out_but_not_left_empty()
    {
        var plugin = Plugin(
            new AlmPluginField(name: "alm_method", fieldType: "string", required: true, defaultValue: "https", scope: ["system"]),
            new AlmPluginField(name: "alm_server", fieldType: "string", required: true, defaultValue: "", scope: ["system"]));
        var omitted = SettingValidator.Check(plugin, new Hashtable(), "system");
        Assert.Equal(["alm_server"], omitted.Problems.Select(p => p.Field));
        Assert.Equal("The field is required but missing.", omitted.Problems[0].Message);
        var empty = SettingValidator.Check(plugin, new Hashtable { ["alm_method"] = " ", ["alm_server"] = "x" }, "system");
        Assert.Equal(["alm_method"], empty.Problems.Select(p => p.Field));
        Assert.Equal("The field is required but its value is empty.", empty.Problems[0].Message);
    }

    [Fact]
    public void A_field_of_the_other_scope_is_a_warning_that_says_where_it_belongs()
    {
        var plugin = Plugin(
            new AlmPluginField(name: "alm_server", fieldType: "string", scope: ["system"]),
            new AlmPluginField(name: "alm_project", fieldType: "string", required: true, scope: ["project"]));
        var check = SettingValidator.Check(plugin, new Hashtable { ["alm_server"] = "x", ["alm_project"] = "P" }, "system");
        Assert.True(check.ToTestResult().IsValid);
        var problem = Assert.Single(check.Problems);
        Assert.Equal("alm_project", problem.Field);
        Assert.Equal(AlmPluginSettingSeverity.Warning, problem.Severity);
        Assert.Equal(
            "The field is set in a project's ALM connection (project scope), not in a system ALM connector (system scope); it would be sent as given.",
            problem.Message);
        Assert.Empty(SettingValidator.Check(plugin, new Hashtable { ["alm_project"] = "P" }, "project").Problems);
    }

    [Theory]
    [InlineData("system", "system")]
    [InlineData("Project", "project")]
    [InlineData("SYSTEM", "system")]
    [InlineData("both", null)]
    [InlineData(null, null)]
    public void Scopes_parse_to_the_catalog_spelling(string? text, string? expected) =>
        Assert.Equal(expected, FieldScope.Parse(text));

    [Fact]
    public void Settable_means_named_writable_current_and_in_scope()
    {
        Assert.True(SettableField.IsSettable(new AlmPluginField(name: "a", scope: ["system"]), "System"));
        Assert.True(SettableField.IsSettable(new AlmPluginField(name: "a"), null));
        Assert.False(SettableField.IsSettable(new AlmPluginField(name: "a", scope: ["system"]), "project"));
        Assert.False(SettableField.IsSettable(new AlmPluginField(name: "a", readOnly: true), null));
        Assert.False(SettableField.IsSettable(new AlmPluginField(name: "a", deprecated: true), null));
        Assert.False(SettableField.IsSettable(new AlmPluginField(name: ""), null));
    }

    [Fact]
    public void Values_go_to_the_api_as_it_takes_them()
    {
        var boolean = new AlmPluginField(name: "b", fieldType: "boolean");
        var checkbox = new AlmPluginField(name: "c", fieldType: "checkbox");
        Assert.Equal(true, SettingValue.ForApi(boolean, "True"));
        Assert.Equal(false, SettingValue.ForApi(boolean, PSObject.AsPSObject(false)));
        Assert.Equal("a,b,c", SettingValue.ForApi(checkbox, new object[] { "a", "b, c" }));
        Assert.Equal("a,b", SettingValue.ForApi(checkbox, "a, b"));
        var number = SettingValue.ForApi(null, PSObject.AsPSObject(7));
        Assert.Equal(7, number);
        using var secret = new SecureString();
        foreach (var character in "s3cret")
        {
            secret.AppendChar(character);
        }

        // A secret stays a SecureString here: only the body writer reveals it (and reports that it did).
        Assert.Same(secret, SettingValue.ForApi(new AlmPluginField(name: "p", fieldType: "masked_string"), secret));
        Assert.Null(SettingValue.ForApi(checkbox, null));
    }

    [Fact]
    public void The_template_says_which_plugin_and_scope_it_is_for_without_a_key()
    {
        var template = SettingTemplate.Build(Plugin(new AlmPluginField(name: "a", scope: ["project"])), "PROJECT");
        Assert.Equal("p", template.PluginId);
        Assert.Equal("project", template.Scope);
        Assert.Equal(["a"], template.Keys.Cast<string>());
        Assert.True(template.Contains("A"));
    }

    [Fact]
    public void A_value_of_the_wrong_shape_is_refused_by_field_type_without_showing_it()
    {
        var plugin = Plugin(
            new AlmPluginField(name: "alm_server", fieldType: "string"),
            new AlmPluginField(name: "alm_user", fieldType: "text"),
            new AlmPluginField(name: "alm_pass", fieldType: "masked_string"),
            new AlmPluginField(name: "notes", fieldType: "textarea"),
            new AlmPluginField(name: "method", fieldType: "radio", options: [new AlmPluginFieldOption("https", "https", disabled: false)]),
            new AlmPluginField(name: "phases", fieldType: "checkbox", options: [new AlmPluginFieldOption("a", "a", disabled: false), new AlmPluginFieldOption("b", "b", disabled: false)]),
            new AlmPluginField(name: "verify", fieldType: "boolean"),
            new AlmPluginField(name: "count", fieldType: "integer"));
        var setting = new OrderedDictionary
        {
            ["alm_server"] = new Hashtable { ["a"] = "hidden-1" },
            ["alm_user"] = new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc),
            ["alm_pass"] = new object[] { "hidden-2", 2 },
            ["notes"] = SecretText.Protect("hidden-3"),
            ["method"] = PSObject.AsPSObject(new PSObject()),
            ["phases"] = new object[] { "a", new Hashtable { ["x"] = "hidden-4" } },
            ["verify"] = new object[] { true },
            ["count"] = new System.IO.DirectoryInfo("/hidden-5"),
        };
        var problems = SettingValidator.Check(plugin, setting, null).Problems;
        Assert.Equal(
            [
                "alm_server: A string field takes text, not a dictionary.",
                "alm_user: A text field takes text, not a date.",
                "alm_pass: A masked_string field takes text or a SecureString, not a list.",
                "notes: A textarea field takes text, not a SecureString.",
                "method: A radio field takes one of its option values, not an object with properties (PSCustomObject). Choose one of: https.",
                "phases: A checkbox field takes option values, as a list or as comma-separated text, not a list that holds a dictionary. Choose from: a, b.",
                "verify: A boolean field takes $true or $false, not a list.",
                "count: An integer field takes a whole number, not an object of type System.IO.DirectoryInfo.",
            ],
            problems.Select(problem => $"{problem.Field}: {problem.Message}"));
        Assert.All(problems, problem => Assert.Equal(AlmPluginSettingSeverity.Error, problem.Severity));
        Assert.DoesNotContain(problems, problem => problem.Message.Contains("hidden", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_as_servers_send_them_fit_their_fields()
    {
        var plugin = Plugin(
            new AlmPluginField(name: "alm_api_version", fieldType: "string"),
            new AlmPluginField(name: "ratio", fieldType: "string"),
            new AlmPluginField(name: "alm_verify_ssl", fieldType: "text"),
            new AlmPluginField(name: "alm_pass", fieldType: "masked_string"),
            new AlmPluginField(name: "pin", fieldType: "masked_string"),
            new AlmPluginField(name: "sde_min_priority", fieldType: "select", options: [new AlmPluginFieldOption("7", "7", disabled: false)]),
            new AlmPluginField(name: "alm_phases", fieldType: "checkbox", options: [new AlmPluginFieldOption("a", "a", disabled: false), new AlmPluginFieldOption("b", "b", disabled: false)]),
            new AlmPluginField(name: "how_tos", fieldType: "boolean"),
            new AlmPluginField(name: "alm_max_results", fieldType: "integer"),
            new AlmPluginField(name: "ks_date_range", fieldType: "date_range"));
        var setting = new OrderedDictionary
        {
            ["alm_api_version"] = 2L,
            ["ratio"] = 2.5d,
            ["alm_verify_ssl"] = true,
            ["alm_pass"] = SecretText.Protect("p"),
            ["pin"] = 1234L,
            ["sde_min_priority"] = 7L,
            ["alm_phases"] = new object?[] { "a", new object[] { "b" }, null },
            ["how_tos"] = "True",
            ["alm_max_results"] = 100L,
            ["ks_date_range"] = new OrderedDictionary { ["from"] = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
        };
        Assert.Empty(SettingValidator.Check(plugin, setting, null).Problems);
        Assert.Equal(
            "A masked_string field takes text or a SecureString, not a Boolean.",
            Assert.Single(SettingValidator.Check(plugin, new Hashtable { ["pin"] = true }, null).Problems).Message);
    }

    public static TheoryData<object?, bool, string?> StandIns()
    {
        var custom = PSObject.AsPSObject(new PSObject());
        custom.Properties.Add(new PSNoteProperty("Length", 17L));
        var customTwo = PSObject.AsPSObject(new PSObject());
        customTwo.Properties.Add(new PSNoteProperty("Length", 17L));
        customTwo.Properties.Add(new PSNoteProperty("Other", 1));
        return new()
        {
            { new Hashtable { ["Length"] = 17 }, false, "what ConvertTo-Json writes for a SecureString" },
            { new OrderedDictionary { ["length"] = 17L }, true, "what ConvertTo-Json writes for a SecureString" },
            { custom, false, "read back by ConvertFrom-Json" },
            { "{\"Length\":17}", false, "the text of what ConvertTo-Json writes" },
            { "@{Length=17}", true, "the text of what ConvertTo-Json writes" },
            { " System.Security.SecureString ", false, "the type name 'System.Security.SecureString'" },
            { "********", true, "the mask ********" },
            { "********", false, null },
            { "*******", true, null },
            { new Hashtable { ["Length"] = "long" }, true, null },
            { new Hashtable { ["Length"] = 17, ["Other"] = 1 }, true, null },
            { customTwo, true, null },
            { "s3cret", true, null },
            { SecretText.Protect("********"), true, null },
        };
    }

    [Theory]
    [MemberData(nameof(StandIns))]
    public void A_secrets_stand_in_is_told_apart_from_a_value(object? value, bool secretField, string? form)
    {
        var message = SecretStandIn.Describe(value, secretField);
        if (form is null)
        {
            Assert.Null(message);
        }
        else
        {
            Assert.Contains(form, message, StringComparison.Ordinal);
            Assert.Contains("Give the secret as a SecureString", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_secrets_stand_in_is_one_error_of_the_field_and_refused_even_unchecked()
    {
        var plugin = Plugin(
            new AlmPluginField(name: "alm_pass", fieldType: "masked_string", required: true),
            new AlmPluginField(name: "alm_user", fieldType: "string"));
        var check = SettingValidator.Check(plugin, new OrderedDictionary { ["alm_pass"] = new Hashtable { ["Length"] = 17L }, ["alm_user"] = "u", ["extra"] = "System.Security.SecureString" }, null);
        Assert.Equal(["alm_pass", "extra", "extra"], check.Problems.Select(problem => problem.Field));
        Assert.StartsWith("The value is what ConvertTo-Json writes for a SecureString", check.Problems[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("'extra' is not a field of plugin 'p'.", check.Problems[1].Message, StringComparison.Ordinal);
        Assert.Equal([check.Problems[0], check.Problems[2]], check.AlwaysRefused);
    }

    [Theory]
    [InlineData("alm_server", "issue_tracker_server")]
    [InlineData("ALM_Server", "issue_tracker_Server")]
    [InlineData("issue_tracker_phases", "alm_phases")]
    [InlineData("alm_", null)]
    [InlineData("sde_min_priority", null)]
    [InlineData("almserver", null)]
    public void The_rename_is_the_prefix_rule_both_ways(string name, string? expected) =>
        Assert.Equal(expected, IssueTrackerRename.Counterpart(name));

    [Fact]
    public void Names_and_option_values_of_the_other_generation_are_translated_only_when_the_catalog_lacks_them()
    {
        var current = Plugin(
            new AlmPluginField(name: "issue_tracker_server", fieldType: "string", required: true),
            new AlmPluginField(name: "alm_legacy", fieldType: "string"),
            new AlmPluginField(name: "conflict_policy", fieldType: "radio", options: [new AlmPluginFieldOption("ALM", "issue_tracker", disabled: false), new AlmPluginFieldOption("SDE", "sde", disabled: false)]),
            new AlmPluginField(name: "sources", fieldType: "checkbox", options: [new AlmPluginFieldOption("ALM", "issue_tracker", disabled: false), new AlmPluginFieldOption("SDE", "sde", disabled: false)]),
            new AlmPluginField(name: "sde_tags_filter", fieldType: "string"));
        var check = SettingValidator.Check(current, new OrderedDictionary { ["ALM_SERVER"] = "s", ["alm_legacy"] = "kept", ["conflict_policy"] = "alm", ["sources"] = new object[] { "sde", "alm" } }, null);
        Assert.Empty(check.Problems);
        Assert.Equal(["issue_tracker_server", "alm_legacy", "conflict_policy", "sources"], check.Setting.Keys.Cast<string>());
        Assert.Equal("issue_tracker", check.Setting["conflict_policy"]);
        Assert.Equal("sde,issue_tracker", check.Setting["sources"]);
        Assert.Equal(
            [
                "ALM_SERVER -> issue_tracker_server: this server uses the issue-tracker names",
                "conflict_policy: 'alm' -> 'issue_tracker': this server uses the issue-tracker names",
                "sources: 'alm' -> 'issue_tracker': this server uses the issue-tracker names",
            ],
            check.Notes);

        var old = Plugin(new AlmPluginField(name: "alm_server", fieldType: "string"), new AlmPluginField(name: "conflict_policy", fieldType: "select", options: [new AlmPluginFieldOption("ALM", "alm", disabled: false)]));
        var back = SettingValidator.Check(old, new Hashtable { ["issue_tracker_server"] = "s" }, null);
        Assert.Equal(["alm_server"], back.Setting.Keys.Cast<string>());
        Assert.Equal(["issue_tracker_server -> alm_server: this server uses the ALM names of SD Elements 4.x and 5.x"], back.Notes);
        Assert.Equal("alm", SettingValidator.Check(old, new Hashtable { ["conflict_policy"] = "issue_tracker" }, null).Setting["conflict_policy"]);
    }

    [Fact]
    public void A_field_given_under_both_names_is_refused_even_unchecked()
    {
        var current = Plugin(new AlmPluginField(name: "issue_tracker_server", fieldType: "string"));
        var check = SettingValidator.Check(current, new OrderedDictionary { ["issue_tracker_server"] = "a", ["alm_server"] = "b" }, null);
        var problem = Assert.Single(check.Problems);
        Assert.Equal("issue_tracker_server", problem.Field);
        Assert.StartsWith("'issue_tracker_server' and 'alm_server' name one field on this server", problem.Message, StringComparison.Ordinal);
        Assert.Equal([problem], check.AlwaysRefused);
        Assert.Equal("a", check.Setting["issue_tracker_server"]);
    }

    [Fact]
    public void Did_you_mean_runs_after_the_translation()
    {
        var current = Plugin(new AlmPluginField(name: "issue_tracker_server", fieldType: "string"), new AlmPluginField(name: "sde_tags_filter", fieldType: "string"));
        var check = SettingValidator.Check(current, new Hashtable { ["alm_sever"] = "x", ["alm_nothing_like_it"] = "y" }, null);
        Assert.Equal(
            ["'alm_nothing_like_it' is not a field of plugin 'p'. Get-SdeAlmPluginField -PluginId p lists its fields.", "'alm_sever' is not a field of plugin 'p'. Did you mean 'issue_tracker_server'?"],
            check.Problems.Select(problem => problem.Message).Order(StringComparer.Ordinal));
        Assert.Empty(check.Notes);
    }

    [Fact]
    public void A_copy_of_settings_as_read_leaves_out_the_keys_that_are_no_field_and_says_so()
    {
        var plugin = Plugin(new AlmPluginField(name: "alm_project", fieldType: "string", required: true));
        var read = new OrderedDictionary(StringComparer.OrdinalIgnoreCase) { ["alm_project"] = "PAY", ["last_successful_run"] = null };
        var copy = SettingValidator.Check(plugin, read.AsReadOnly(), null);
        Assert.Empty(copy.Problems);
        Assert.Equal(["alm_project"], copy.Setting.Keys.Cast<string>());
        Assert.Equal(
            ["last_successful_run: left out, not a field of plugin 'p' on this server: the settings are those of a connector or ALM connection as read, where such a key is the server's own record, not a setting."],
            copy.Notes);

        // A script's own dictionary keeps the key, to be refused as unknown.
        var own = SettingValidator.Check(plugin, read, null);
        Assert.Equal(["last_successful_run"], own.Problems.Select(problem => problem.Field));
        Assert.Equal(["alm_project", "last_successful_run"], own.Setting.Keys.Cast<string>());
    }

    private static AlmPlugin Plugin(params AlmPluginField[] fields) =>
        new(id: "p", sections: [new AlmPluginSection(pluginId: "p", fields: fields)]);
}
