using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using SdeAlm.Json;
using SdeAlm.Model;
using Xunit;

namespace SdeAlm.Tests;

public class JsonReadingTests
{
    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private static string ScopeJson(string first, string second) =>
        "{\"id\":\"p\",\"sections\":[{\"fields\":[{\"name\":\"a\",\"scope\":" + first + "},{\"name\":\"b\",\"scope\":" + second + "}]}]}";

    private static AlmPlugin Plugin(string json) =>
        AlmPluginMapper.ToPlugin(JsonSerializer.Deserialize(json, SdeJsonContext.Default.AlmPluginWire)!);

    [Fact]
    public void The_documented_trac_plugin_reads_completely()
    {
        var trac = Plugin(Fixture("trac.json"));
        Assert.Equal("trac", trac.Id);
        Assert.Equal("sync_trac", trac.Command);
        Assert.Equal(5, trac.Sections.Count);
        Assert.Equal(5, trac.SectionCount);
        Assert.Null(trac.Sections[0].Label);

        var method = trac.Sections[1].Fields.Single(f => f.Name == "alm_method");
        Assert.Equal("trac", method.PluginId);
        Assert.Equal("Connection Details", method.Section);
        Assert.Equal("https", method.Default);
        Assert.True(method.Required);
        Assert.Equal(["system"], method.Scope);
        Assert.Equal(["https", "http"], method.Options.Select(o => o.Value));

        var project = trac.Sections[0].Fields[0];
        Assert.Equal(255, project.MaxLength);
        Assert.Null(project.Section);
        Assert.Null(project.Default);
    }

    [Fact]
    public void Defaults_become_plain_dotnet_values()
    {
        var json = """
            {"id":"p","sections":[{"label":"s","fields":[
              {"name":"n","default":null},{"name":"s","default":"x"},{"name":"t","default":true},
              {"name":"f","default":false},{"name":"i","default":42},{"name":"d","default":2.5},
              {"name":"a","default":["a",1]},{"name":"o","default":{"from":"x","n":{"m":null}}}]}]}
            """;
        var defaults = Plugin(json).Sections[0].Fields.Select(f => f.Default).ToArray();
        Assert.Null(defaults[0]);
        Assert.Equal("x", defaults[1]);
        Assert.Equal(true, defaults[2]);
        Assert.Equal(false, defaults[3]);
        Assert.Equal(42L, defaults[4]);
        Assert.Equal(2.5d, defaults[5]);
        Assert.Equal(new object[] { "a", 1L }, Assert.IsType<StructuredList>(defaults[6]));
        var structured = Assert.IsType<StructuredObject>(defaults[7]);
        Assert.Equal("x", structured["FROM"]);
        Assert.Null(Assert.IsType<StructuredObject>(structured["n"])["m"]);
    }

    [Fact]
    public void Unknown_properties_and_nulls_are_tolerated()
    {
        var json = """
            {"id":"p","future":{"x":[1,2]},"sections":[null,{"label":null,"optional":null,"extra":1,"fields":[
              null,{"name":"n","field_type":"date_range","scope":null,"options":[null,{"value":7,"label":true,"disabled":null}]}]}]}
            """;
        var plugin = Plugin(json);
        var field = Assert.Single(Assert.Single(plugin.Sections).Fields);
        Assert.Equal("date_range", field.FieldType);
        Assert.Empty(field.Scope);
        var option = Assert.Single(field.Options);
        Assert.Equal("7", option.Value);
        Assert.Equal("true", option.Label);
        Assert.False(option.Disabled);
    }

    [Fact]
    public void Plugins_count_their_sections_fields_and_required_fields()
    {
        var json = """
            {"id":"p","sections":[{"fields":[{"name":"a","required":true},{"name":"b"}]},{"fields":[{"name":"c","required":true}]},{"fields":null}]}
            """;
        var plugin = Plugin(json);
        Assert.Equal(3, plugin.SectionCount);
        Assert.Equal(3, plugin.FieldCount);
        Assert.Equal(2, plugin.Required);
    }

    [Fact]
    public void Lists_and_structured_defaults_read_as_text_where_only_text_fits()
    {
        var json = """
            {"id":"p","sections":[{"label":"s","fields":[
              {"name":"c","scope":["system",null,"project"],"options":[{"value":"a","label":"A"},{"value":"b"}],"default":["a","b"]},
              {"name":"o","default":{"from":"2024-01-01","to":"zürich\nline","n":[1,2.5,true,null]}}]}]}
            """;
        var fields = Plugin(json).Sections[0].Fields;
        Assert.Equal("system, project", fields[0].Scope.ToString());
        Assert.Equal("project", fields[0].Scope[1]);
        Assert.Equal("a, b", fields[0].Options.ToString());
        Assert.Equal("A", fields[0].Options[0].Label);
        Assert.Equal("a, b", fields[0].Default!.ToString());
        Assert.Equal("from=2024-01-01; to=zürich\nline; n=1, 2.5, true, ", fields[1].Default!.ToString());
        Assert.Equal("c, o", Plugin(json).Sections[0].Fields.ToString());
    }

    [Theory]
    [InlineData("""["system"]""", "system")]
    [InlineData("""["project"]""", "project")]
    [InlineData("""["system","project"]""", "system, project")]
    [InlineData("""["project","system"]""", "project, system")]
    [InlineData("""["System"]""", "System")]
    [InlineData("""["system",null]""", "system")]
    [InlineData("""[7,true,"system"]""", "7, true, system")]
    [InlineData("""["system","project","portfolio"]""", "system, project, portfolio")]
    [InlineData("""[]""", "")]
    [InlineData("""null""", "")]
    public void Scope_lists_read_as_sent_without_nulls(string scope, string expected) =>
        Assert.Equal(expected, Plugin(ScopeJson(scope, scope)).Sections[0].Fields[0].Scope.ToString());

    [Theory]
    [InlineData("""["system"]""")]
    [InlineData("""["project"]""")]
    [InlineData("""["system","project"]""")]
    public void The_usual_scope_lists_share_their_items_but_each_field_has_its_own_list(string scope)
    {
        var fields = Plugin(ScopeJson(scope, scope)).Sections[0].Fields;
        Assert.NotSame(fields[0].Scope, fields[1].Scope);
        Assert.Equal(fields[0].Scope, fields[1].Scope);

        // What a script adds to one field's list (Add-Member) stays on that list.
        PSObject.AsPSObject(fields[0].Scope).Properties.Add(new PSNoteProperty("Note", 1));
        Assert.NotNull(PSObject.AsPSObject(fields[0].Scope).Properties["Note"]);
        Assert.Null(PSObject.AsPSObject(fields[1].Scope).Properties["Note"]);
    }

    [Fact]
    public void Empty_lists_are_not_shared_between_fields()
    {
        var fields = Plugin(ScopeJson("[]", "[]")).Sections[0].Fields;
        Assert.NotSame(fields[0].Scope, fields[1].Scope);
        Assert.NotSame(fields[0].Options, fields[1].Options);
        PSObject.AsPSObject(fields[0].Options).Properties.Add(new PSNoteProperty("Note", 1));
        Assert.Null(PSObject.AsPSObject(fields[1].Options).Properties["Note"]);
    }

    [Fact]
    public void Other_scope_lists_are_not_shared()
    {
        var fields = Plugin(ScopeJson("""["project","system"]""", """["project","system"]""")).Sections[0].Fields;
        Assert.NotSame(fields[0].Scope, fields[1].Scope);
    }

    [Theory]
    [InlineData("""{"system":true}""")]
    [InlineData("""["system",["project"]]""")]
    [InlineData("""["system",{}]""")]
    public void A_scope_that_is_not_a_list_of_text_is_a_json_error(string scope) =>
        Assert.ThrowsAny<JsonException>(() => Plugin(ScopeJson(scope, """["system"]""")));

    [Theory]
    [InlineData("""{"id":"p","sections":{}}""")]
    [InlineData("""{"id":{},"sections":[]}""")]
    [InlineData("""{"id":"p","sections":[{"fields":[{"required":"yes"}]}]}""")]
    [InlineData("""{"id":"p","sections":[{"fields":[{"max_length":"long"}]}]}""")]
    [InlineData("""{"id":"p","sec""")]
    public void Wrong_types_are_json_errors(string json) =>
        Assert.ThrowsAny<JsonException>(() => Plugin(json));

    [Fact]
    public void Deep_nesting_stops_at_the_reader_limit()
    {
        var json = "{\"id\":\"p\",\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}";
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), SdeJsonContext.Default.AlmPluginWire));
    }
}
