using System;
using System.Collections;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Commands;
using Xunit;

namespace SdeAlm.Tests;

/// <summary>What -Setting takes (SettingArgumentAttribute): dictionaries, and the objects ConvertFrom-Json makes.</summary>
public class SettingArgumentTests
{
    private static readonly SettingArgumentAttribute s_setting = new();

    [Fact]
    public void A_dictionary_passes_as_it_is()
    {
        var table = new Hashtable { ["a"] = 1 };
        Assert.Same(table, s_setting.Transform(null!, table));
        Assert.Same(table, s_setting.Transform(null!, PSObject.AsPSObject(table)));
        Assert.Null(s_setting.Transform(null!, null));
    }

    [Fact]
    public void An_object_from_ConvertFrom_Json_becomes_a_dictionary_in_property_order_with_nested_objects_kept()
    {
        var nested = new PSObject();
        nested.Properties.Add(new PSNoteProperty("host", "x"));
        var custom = new PSObject();
        custom.Properties.Add(new PSNoteProperty("zeta", 1));
        custom.Properties.Add(new PSNoteProperty("alpha", nested));
        custom.Properties.Add(new PSNoteProperty("Mid", null));
        var settings = Assert.IsType<OrderedDictionary>(s_setting.Transform(null!, custom));
        Assert.Equal(["zeta", "alpha", "Mid"], settings.Keys.Cast<string>());
        Assert.Same(nested, settings["ALPHA"]);
        Assert.True(settings.Contains("mid"));
    }

    [Theory]
    [InlineData("alm_pass=hidden-S3cret", "not text (a String).")]
    [InlineData(42, "not a System.Int32.")]
    public void Anything_else_is_refused_naming_its_type_never_its_value(object value, string expected)
    {
        var refusal = Assert.Throws<ArgumentTransformationMetadataException>(() => s_setting.Transform(null!, value));
        Assert.Contains(expected, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("not a list (Object[])", Assert.Throws<ArgumentTransformationMetadataException>(() => s_setting.Transform(null!, new object[] { "hidden" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Where_the_position_is_shared_a_refused_value_is_handed_back_unconvertible_so_the_binder_tries_the_other_set()
    {
        var shared = new SettingArgumentAttribute { SharesPosition = true };
        var refused = shared.Transform(null!, "hidden-value");
        Assert.IsNotAssignableFrom<IDictionary>(refused);
        Assert.StartsWith("-Setting takes a dictionary of settings", refused!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", refused.ToString(), StringComparison.Ordinal);
    }
}
