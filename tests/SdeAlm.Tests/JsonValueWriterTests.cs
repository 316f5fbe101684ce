using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text;
using SdeAlm.Errors;
using SdeAlm.Json;
using SdeAlm.Settings;
using Xunit;

namespace SdeAlm.Tests;

/// <summary>One writer of values as JSON for every request body: the same value reads the same in each.</summary>
public class JsonValueWriterTests
{
    public static TheoryData<object> Unwritable => [double.NaN, double.PositiveInfinity, float.NegativeInfinity];

    [Theory]
    [MemberData(nameof(Unwritable))]
    public void A_number_JSON_cannot_hold_is_refused_in_a_setting_and_in_a_body_alike(object number)
    {
        var setting = Assert.Throws<SdeApiException>(() => AlmRequestBody.Write([], new OrderedDictionary { ["ratio"] = number }, (_, value) => value));
        Assert.Equal("SdeAlmSettingInvalid", setting.ErrorId);
        Assert.StartsWith("-Setting holds the number", setting.Message, StringComparison.Ordinal);
        Assert.Contains("at $.params.ratio, which JSON cannot hold.", setting.Message, StringComparison.Ordinal);

        var body = Assert.Throws<SdeApiException>(() => RestRequestBody.ToBytes(new Hashtable { ["ratio"] = number }));
        Assert.Equal("SdeRestArgumentInvalid", body.ErrorId);
        Assert.Contains("at $.ratio, which JSON cannot hold.", body.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_and_bodies_write_the_same_values_the_same_way()
    {
        var values = new OrderedDictionary
        {
            ["when"] = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero),
            ["big"] = ulong.MaxValue,
            ["list"] = new object?[] { 1, "a", null, true },
            ["map"] = new Dictionary<string, object?> { ["k"] = 2.5 },
            ["kind"] = DayOfWeek.Monday,
        };
        const string Expected = "{\"when\":\"2026-12-02T10:00:00.0000000\\u002B00:00\",\"big\":18446744073709551615,\"list\":[1,\"a\",null,true],\"map\":{\"k\":2.5},\"kind\":\"Monday\"}";
        Assert.Equal(Expected, Encoding.UTF8.GetString(RestRequestBody.ToBytes(values)));
        Assert.Equal("{\"params\":" + Expected + "}", Encoding.UTF8.GetString(AlmRequestBody.Write([], values, (_, value) => value)));
    }

    [Fact]
    public void Each_secret_written_is_reported_once_and_only_secrets_are()
    {
        var revealed = new List<string>();
        AlmRequestBody.Write([new("token", SecretText.Protect("t0k"))], new OrderedDictionary { ["alm_pass"] = SecretText.Protect("pw"), ["plain"] = "x" }, (_, value) => value, revealed.Add);
        Assert.Equal(["t0k", "pw"], revealed);
    }
}
