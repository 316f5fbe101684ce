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
        var unlabelled = new AlmPluginSection(label: null);
        Assert.True(new FieldFilter(null, [""], null, null, false).MatchesSection(unlabelled));
        Assert.False(new FieldFilter(null, ["Cred*"], null, null, false).MatchesSection(unlabelled));
    }

    [Fact]
    public void Section_filter_names_the_unlabeled_section_general()
    {
        Assert.True(new FieldFilter(null, ["(general)"], null, null, false).MatchesSection(new AlmPluginSection(label: null)));
        Assert.True(new FieldFilter(null, ["(GENERAL)"], null, null, false).MatchesSection(new AlmPluginSection(label: "")));
        Assert.False(new FieldFilter(null, ["(general)"], null, null, false).MatchesSection(new AlmPluginSection(label: "Credentials")));
    }
}
