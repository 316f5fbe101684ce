using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Text;
using System.Text.Json;
using SdeAlm.Json;
using SdeAlm.Model;
using SdeAlm.Settings;
using Xunit;

namespace SdeAlm.Tests;

public class ConnectorSettingsTests
{
    private static readonly HashSet<string> s_secrets = new(StringComparer.OrdinalIgnoreCase) { "alm_pass" };

    [Fact]
    public void Params_become_plain_values_with_secrets_as_SecureStrings()
    {
        var settings = ToSettings("""{"alm_server":"jira.example.com","alm_pass":"hunter2","sde_min_priority":7,"how_tos":true,"ratio":2.5,"nothing":null,"list":["a","b"],"map":{"k":"v"}}""");

        Assert.Equal(["alm_server", "alm_pass", "sde_min_priority", "how_tos", "ratio", "nothing", "list", "map"], settings.Keys.Cast<string>());
        Assert.Equal("jira.example.com", settings["ALM_SERVER"]);
        var secret = Assert.IsType<SecureString>(settings["alm_pass"]);
        Assert.Equal("hunter2", new NetworkCredential(string.Empty, secret).Password);
        Assert.True(secret.IsReadOnly());
        Assert.Equal(7L, Assert.IsType<long>(settings["sde_min_priority"]));
        Assert.Equal(true, settings["how_tos"]);
        Assert.Equal(2.5d, settings["ratio"]);
        Assert.Null(settings["nothing"]);
        Assert.Equal(new object[] { "a", "b" }, settings["list"]);
        Assert.Equal("v", Assert.IsType<OrderedDictionary>(settings["map"])["K"]);
    }

    [Fact]
    public void Settings_are_read_only()
    {
        var settings = ToSettings("""{"a":1}""");
        Assert.True(settings.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => settings["a"] = 2);
    }

    [Fact]
    public void Settings_read_as_key_value_text_with_secrets_masked()
    {
        var settings = ToSettings("""{"alm_server":"jira.example.com","alm_pass":"hunter2","n":7,"ratio":2.5,"on":true,"none":null,"list":["a","b"],"map":{"k":"v"}}""");
        Assert.Equal("alm_server=jira.example.com; alm_pass=********; n=7; ratio=2.5; on=true; none=; list=a, b; map=k=v", settings.ToString());
        Assert.Equal(string.Empty, ToSettings("{}").ToString());
    }

    [Fact]
    public void Settings_are_a_read_only_case_insensitive_dictionary_in_the_servers_order()
    {
        var read = ToSettings("""{"b":1,"A":2}""");
        IDictionary settings = read;
        Assert.Equal(2L, read[1]);
        Assert.Equal(["b", "A"], settings.Keys.Cast<string>());
        Assert.Equal(2L, settings["a"]);
        Assert.True(settings.Contains("B"));
        Assert.Null(settings["missing"]);
        Assert.True(settings.IsReadOnly);
        Assert.True(settings.IsFixedSize);
        Assert.Throws<NotSupportedException>(() => settings.Add("c", 3));
        Assert.Throws<NotSupportedException>(() => settings.Remove("b"));
        Assert.Throws<NotSupportedException>(() => settings.Clear());
        Assert.Equal(["b=1", "A=2"], settings.Cast<DictionaryEntry>().Select(entry => $"{entry.Key}={entry.Value}"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    public void Absent_or_null_params_give_empty_settings(string? json)
    {
        JsonElement? element = json is null ? null : JsonDocument.Parse(json).RootElement;
        Assert.Empty(AlmResourceMapper.ToSettings(element, s_secrets, 1));
    }

    [Fact]
    public void A_secret_sent_as_a_number_is_still_a_secret()
    {
        var settings = ToSettings("""{"alm_pass":1234}""");
        Assert.Equal("1234", SecretText.Reveal(Assert.IsType<SecureString>(settings["alm_pass"])));
    }

    [Fact]
    public void Merge_keeps_untouched_keys_and_the_servers_spelling_and_adds_new_keys_last()
    {
        var current = Ordered(("alm_server", "old"), ("alm_user", "ada"), ("alm_pass", Secret("p1")));
        var merged = SettingMerge.Merge(current, new Hashtable { ["ALM_SERVER"] = "new", ["alm_context_root"] = "/jira" });

        Assert.Equal(["alm_server", "alm_user", "alm_pass", "alm_context_root"], merged.Keys.Cast<string>());
        Assert.Equal("new", merged["alm_server"]);
        Assert.Equal("ada", merged["alm_user"]);
        Assert.Equal("p1", SecretText.Reveal((SecureString)merged["alm_pass"]!));
    }

    [Fact]
    public void Merge_keeps_a_null_so_that_the_key_is_cleared()
    {
        var merged = SettingMerge.Merge(Ordered(("alm_context_root", "/jira")), new Hashtable { ["alm_context_root"] = null });
        Assert.True(merged.Contains("alm_context_root"));
        Assert.Null(merged["alm_context_root"]);
        var change = Assert.Single(SettingMerge.Compare(Ordered(("alm_context_root", "/jira")), merged, s_secrets));
        Assert.Equal("alm_context_root: '/jira' -> (cleared)", change.ToString());
    }

    [Fact]
    public void Nothing_differs_when_values_mean_the_same_to_the_server()
    {
        var current = Ordered(("sde_min_priority", "7"), ("how_tos", true), ("alm_phases", "a,b"), ("alm_pass", Secret("p1")), ("gone", null));
        var same = Ordered(("sde_min_priority", 7), ("how_tos", "true"), ("alm_phases", new object[] { "a", new PSObject("b") }), ("alm_pass", Secret("p1")));
        Assert.Empty(SettingMerge.Compare(current, SettingMerge.Merge(current, same), s_secrets));
    }

    [Fact]
    public void Secrets_are_compared_by_their_text_and_never_shown()
    {
        var current = Ordered(("alm_pass", Secret("old-secret")));
        var changes = SettingMerge.Compare(current, SettingMerge.Merge(current, new Hashtable { ["alm_pass"] = Secret("new-secret") }), s_secrets);
        var change = Assert.Single(changes);
        Assert.True(change.IsSecret);
        Assert.Equal("alm_pass: (secret) changed", change.ToString());

        // A secret given as plain text is compared too, and still not shown.
        var plain = SettingMerge.Compare(current, SettingMerge.Merge(current, new Hashtable { ["alm_pass"] = "other" }), s_secrets);
        Assert.Equal("alm_pass: (secret) changed", Assert.Single(plain).ToString());
        Assert.Empty(SettingMerge.Compare(current, SettingMerge.Merge(current, new Hashtable { ["alm_pass"] = "old-secret" }), s_secrets));
    }

    [Fact]
    public void A_SecureString_for_a_field_the_catalog_does_not_mask_is_treated_as_secret()
    {
        var change = Assert.Single(SettingMerge.Compare(new OrderedDictionary(), Ordered(("token", Secret("t"))), s_secrets));
        Assert.Equal("token: (secret) set", change.ToString());
    }

    [Fact]
    public void Changes_read_field_by_field()
    {
        var current = Ordered(("alm_server", "a.example.com"), ("how_tos", false), ("alm_phases", "x"));
        var after = SettingMerge.Merge(current, new Hashtable { ["alm_server"] = "b.example.com", ["how_tos"] = true, ["new"] = "it's" });
        after["alm_phases"] = new object[] { "x", "y" };
        Assert.Equal(
            ["alm_server: 'a.example.com' -> 'b.example.com'", "how_tos: $false -> $true", "alm_phases: 'x' -> 'x,y'", "new: (not set) -> 'it''s'"],
            SettingMerge.Compare(current, after, s_secrets).Select(change => change.ToString()));
    }

    [Fact]
    public void Request_bodies_hold_only_the_properties_given_and_secrets_as_text()
    {
        var parameters = Ordered(("alm_server", "jira.example.com"), ("alm_pass", Secret("hunter2")), ("flag", true), ("n", 7), ("cleared", null));
        var revealed = new List<string>();
        var connector = Encoding.UTF8.GetString(AlmRequestBody.Write(
            [new("name", "Jira"), new("system", new Dictionary<string, object?> { ["id"] = "jira" }), new("inaccessible", false)],
            parameters,
            (_, value) => value,
            revealed.Add));
        Assert.Equal("""{"name":"Jira","system":{"id":"jira"},"inaccessible":false,"params":{"alm_server":"jira.example.com","alm_pass":"hunter2","flag":true,"n":7,"cleared":null}}""", connector);
        Assert.Equal(["hunter2"], revealed);

        var patch = Encoding.UTF8.GetString(AlmRequestBody.Write([new("alias", "Team A")], null, (_, value) => value));
        Assert.Equal("""{"alias":"Team A"}""", patch);

        var post = Encoding.UTF8.GetString(AlmRequestBody.Write(
            [new("alias", "A"), new("connector", 3), new("project", 12), new("frequency", "daily")],
            Ordered(("alm_project", "KEY")),
            (key, value) => key + "=" + value));
        Assert.Equal("""{"alias":"A","connector":3,"project":12,"frequency":"daily","params":{"alm_project":"alm_project=KEY"}}""", post);
    }

    private static AlmSettingsDictionary ToSettings(string json) =>
        AlmResourceMapper.ToSettings(JsonDocument.Parse(json).RootElement, s_secrets, 1);

    private static OrderedDictionary Ordered(params (string Key, object? Value)[] entries)
    {
        var dictionary = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in entries)
        {
            dictionary[key] = value;
        }

        return dictionary;
    }

    private static SecureString Secret(string text) => SecretText.Protect(text);
}
