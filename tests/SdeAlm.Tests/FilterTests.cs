using System.Linq;
using SdeAlm.Filtering;
using SdeAlm.Model;
using Xunit;

namespace SdeAlm.Tests;

public class FilterTests
{
    [Fact]
    public void No_patterns_means_no_filter() => Assert.Null(WildcardFilter.Create(null));

    [Theory]
    [InlineData("alm_*", "ALM_server", true)]
    [InlineData("*pass", "alm_pass", true)]
    [InlineData("alm_?ser", "alm_user", true)]
    [InlineData("alm_user", "alm_users", false)]
    public void Wildcards_match_case_insensitively(string pattern, string value, bool expected) =>
        Assert.Equal(expected, WildcardFilter.Create([pattern])!.IsMatch(value));

    [Fact]
    public void Field_filter_needs_every_condition()
    {
        var field = new AlmPluginField(name: "alm_server", fieldType: "string", required: true, scope: ["system"]);
        Assert.True(new FieldFilter(["alm_*"], null, "System", ["str*"], requiredOnly: true).Matches(field));
        Assert.False(new FieldFilter(null, null, "project", null, requiredOnly: false).Matches(field));
        Assert.False(new FieldFilter(null, null, null, ["radio"], requiredOnly: false).Matches(field));
        var optional = new AlmPluginField(name: "alm_server", fieldType: "string", required: false, scope: ["system"]);
        Assert.False(new FieldFilter(null, null, null, null, requiredOnly: true).Matches(optional));
    }

    [Fact]
    public void Section_filter_treats_a_null_label_as_empty()
    {
        var unlabelled = new AlmPluginField(section: null, name: "alm_project");
        Assert.True(new FieldFilter(null, [""], null, null, false).Matches(unlabelled));
        Assert.False(new FieldFilter(null, ["Cred*"], null, null, false).Matches(unlabelled));
    }

    [Fact]
    public void Section_filter_names_the_unlabeled_section_general()
    {
        Assert.True(new FieldFilter(null, ["(general)"], null, null, false).Matches(new AlmPluginField(section: null)));
        Assert.True(new FieldFilter(null, ["(GENERAL)"], null, null, false).Matches(new AlmPluginField(section: "")));
        Assert.False(new FieldFilter(null, ["(general)"], null, null, false).Matches(new AlmPluginField(section: "Credentials")));
    }

    [Fact]
    public void A_literal_that_matched_a_kept_item_is_no_miss()
    {
        var filter = new ItemFilter<string>().Where("Name", ["jira", "trak"], name => name);
        Assert.True(filter.Keep("JIRA"));
        Assert.False(filter.Keep("trac"));
        var miss = Assert.Single(filter.Misses("plugin"));
        Assert.Equal(("Name", "trak"), (miss.Parameter, miss.Value));
        Assert.Equal("No plugin matches -Name 'trak'. Did you mean 'trac'?", miss.Message);
    }

    [Fact]
    public void A_wildcard_that_matches_nothing_is_no_miss()
    {
        var filter = new ItemFilter<string>().Where("Name", ["zz*", "[xy]"], name => name);
        Assert.False(filter.Keep("jira"));
        Assert.Empty(filter.Misses("plugin"));
    }

    [Fact]
    public void Each_literal_is_reported_once_over_the_whole_input()
    {
        var filter = new ItemFilter<string>().Where("Name", ["nope", "NOPE"], name => name);
        foreach (var name in new[] { "a", "b", "c" })
        {
            filter.Keep(name);
        }

        Assert.Equal(["nope"], filter.Misses("item").Select(miss => miss.Value));
    }

    [Fact]
    public void A_literal_found_but_filtered_out_by_the_other_conditions_says_which()
    {
        var system = new AlmPluginField(name: "alm_server", section: "Connection", fieldType: "string", scope: ["system"]);
        var filter = new FieldFilter(["alm_server"], ["Conn*"], "project", null, requiredOnly: true);
        Assert.False(filter.Matches(system));
        var miss = Assert.Single(filter.Misses("field of trac"));
        Assert.Equal("A field of trac matches -Name 'alm_server', but none also matches -Section 'Conn*', -Scope project and -Required.", miss.Message);
    }

    [Fact]
    public void Every_literal_of_every_condition_is_judged_on_each_item()
    {
        // The name is found on a field whose section does not match: a miss of the section, and of the name for another reason.
        var filter = new FieldFilter(["alm_server"], ["Conection"], null, ["string", "strin"], requiredOnly: false);
        filter.Matches(new AlmPluginField(name: "alm_server", section: "Connection", fieldType: "string"));
        filter.Matches(new AlmPluginField(name: "alm_user", section: null, fieldType: "string"));
        Assert.Equal(
            [
                "A field matches -Name 'alm_server', but none also matches -Section 'Conection' and -FieldType ('string' or 'strin').",
                "No field matches -Section 'Conection'. Did you mean 'Connection'?",
                "A field matches -FieldType 'string', but none also matches -Name 'alm_server' and -Section 'Conection'.",
                "No field matches -FieldType 'strin'. Did you mean 'string'?",
            ],
            filter.Misses("field").Select(miss => miss.Message));
    }

    [Fact]
    public void A_miss_without_a_near_value_says_how_to_see_them_all()
    {
        var filter = new ItemFilter<string>().Where("Name", ["nope"], name => name);
        Assert.Equal(["No ALM connector matches -Name 'nope'. Leave -Name out to see every ALM connector."], filter.Misses("ALM connector").Select(miss => miss.Message));
    }
}
