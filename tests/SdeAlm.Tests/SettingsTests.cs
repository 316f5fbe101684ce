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
        Assert.Equal("alm_user", NameSuggester.Nearest("alm_xxxx", names));
        Assert.Null(NameSuggester.Nearest("x", []));
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
        var result = SettingValidator.Validate(plugin, setting, null);
        Assert.False(result.IsValid);
        Assert.Equal(["zz", "alm_sever"], result.Problems.Select(p => p.Field));
        Assert.Contains("Did you mean 'alm_server'?", result.Problems[1].Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_alone_leave_settings_valid()
    {
        var plugin = Plugin(new AlmPluginField(name: "old", fieldType: "string", deprecated: true));
        var result = SettingValidator.Validate(plugin, new Hashtable { ["old"] = "x" }, null);
        Assert.True(result.IsValid);
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
        var problem = Assert.Single(SettingValidator.Validate(plugin, new Hashtable { ["colors"] = "blue,red" }, null).Problems);
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

    private static AlmPlugin Plugin(params AlmPluginField[] fields) =>
        new(id: "p", sections: [new AlmPluginSection(pluginId: "p", fields: fields)]);
}
