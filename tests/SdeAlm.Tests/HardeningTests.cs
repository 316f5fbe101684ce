using System;
using System.Net;
using System.Net.Security;
using System.Text;
using System.Text.Json;
using SdeAlm.Api;
using SdeAlm.Errors;
using SdeAlm.Json;
using Xunit;

namespace SdeAlm.Tests;

public class HardeningTests
{
    // The numeric values of SecurityProtocolType (Ssl3 48, Tls 192, Tls11 768, Tls12 3072, Tls13 12288):
    // the names of the old versions are obsolete and flagged by the analyzers, the values are what
    // Windows PowerShell 5.1 may start with.
    [Theory]
    [InlineData(48 | 192, 48 | 192 | 3072)]
    [InlineData(3072, 3072)]
    [InlineData(768 | 12288, 768 | 3072 | 12288)]
    [InlineData(0, 0)]
    public void Tls12_is_added_and_nothing_is_taken_away(int current, int expected) =>
        Assert.Equal((SecurityProtocolType)expected, TlsProtocols.WithTls12((SecurityProtocolType)current));

    [Fact]
    public void Values_are_counted_up_to_the_limit()
    {
        var json = Encoding.UTF8.GetBytes("""{"results":[{"id":"a","sections":[]},{},null,1,true]}""");
        Assert.True(ResponseReader.FitsIn(json, 9));
        Assert.False(ResponseReader.FitsIn(json, 8));
    }

    // The densest JSON there is: an array of one-digit numbers, two bytes a value. With one value over
    // the limit it is exactly as long as the smallest answer that is counted, so a larger bound would let it through.
    [Fact]
    public void The_densest_answer_over_the_limit_is_counted_and_refused()
    {
        var json = DensestJson(ResponseReader.MaximumValues + 1);
        Assert.Equal(4_000_001, json.Length);
        var error = Assert.Throws<SdeApiException>(() => ResponseReader.Parse(json, new Uri("https://sde.example.com/api/v2/"), SdeJsonContext.Default.JsonElement));
        Assert.Equal(SdeErrorIds.ResponseTooLarge, error.ErrorId);
    }

    [Fact]
    public void The_densest_answer_at_the_limit_is_read()
    {
        var json = DensestJson(ResponseReader.MaximumValues);
        Assert.Equal(3_999_999, json.Length);
        var answer = ResponseReader.Parse(json, new Uri("https://sde.example.com/api/v2/"), SdeJsonContext.Default.JsonElement);
        Assert.Equal(1_999_999, answer.GetArrayLength());
    }

    [Fact]
    public void Malformed_or_too_deep_answers_are_json_errors()
    {
        Assert.ThrowsAny<JsonException>(() => ResponseReader.FitsIn(Encoding.UTF8.GetBytes("""{"results":[}"""), 100));
        Assert.ThrowsAny<JsonException>(() => ResponseReader.FitsIn(Encoding.UTF8.GetBytes(new string('[', 65) + new string(']', 65)), 1000));
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        byte[] withMark = [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'];
        Assert.Equal("{}", Encoding.UTF8.GetString(ResponseReader.WithoutByteOrderMark(withMark)));
        Assert.Equal("{}", Encoding.UTF8.GetString(ResponseReader.WithoutByteOrderMark("{}"u8)));
    }

    [Fact]
    public void Json_errors_read_without_dotnet_type_names()
    {
        var error = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize("""{"results":[{"id":"a","sections":[{"fields":[{"max_length":"x"}]}]}]}""", SdeJsonContext.Default.AlmPluginPage));
        var text = ResponseReader.Describe(error);
        Assert.StartsWith("the JSON value could not be converted to a whole number at $.results[0].sections[0].fields[0].max_length (line 1, byte ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"results":[5]}""", "a plugin")]
    [InlineData("""{"results":[{"sections":[7]}]}""", "a section")]
    [InlineData("""{"results":[{"sections":[{"fields":[true]}]}]}""", "a field")]
    [InlineData("""[]""", "a plugin list")]
    [InlineData("""{"results":[{"sections":{}}]}""", "a list")]
    [InlineData("""{"results":[{"sections":[{"fields":{}}]}]}""", "a list")]
    [InlineData("""{"results":[{"sections":[{"fields":[{"options":"a"}]}]}]}""", "a list")]
    [InlineData("""{"results":[{"sections":[{"fields":[{"scope":{}}]}]}]}""", "a list")]
    public void Json_errors_name_our_types_in_words(string json, string expected)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, SdeJsonContext.Default.AlmPluginPage));
        Assert.StartsWith("the JSON value could not be converted to " + expected + " ", ResponseReader.Describe(error) + " ", StringComparison.Ordinal);
    }

    [Fact]
    public void Every_list_is_named_in_words_when_the_answer_is_not_a_page()
    {
        static string Describe(Action read) => ResponseReader.Describe(Assert.Throws<JsonException>(read));

        Assert.StartsWith("the JSON value could not be converted to a connector list ", Describe(() => JsonSerializer.Deserialize("[]", AlmResourceJsonContext.Default.AlmConnectorPage)), StringComparison.Ordinal);
        Assert.StartsWith("the JSON value could not be converted to an ALM connection list ", Describe(() => JsonSerializer.Deserialize("[]", AlmResourceJsonContext.Default.AlmConnectionPage)), StringComparison.Ordinal);
        Assert.StartsWith("the JSON value could not be converted to a job list ", Describe(() => JsonSerializer.Deserialize("[]", AlmJobJsonContext.Default.AlmJobPage)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_certificate_is_explained()
    {
        var text = CertificateCheck.Describe("sde.example.com", null, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors);
        Assert.Contains("not issued for 'sde.example.com' (RemoteCertificateNameMismatch)", text, StringComparison.Ordinal);
        Assert.Contains("(RemoteCertificateChainErrors)", text, StringComparison.Ordinal);
    }

    /// <summary>An array holding <paramref name="values"/> - 1 zeros: <paramref name="values"/> JSON values in all.</summary>
    private static byte[] DensestJson(int values)
    {
        var json = new byte[(2 * values) - 1];
        json[0] = (byte)'[';
        for (var i = 1; i < json.Length - 1; i += 2)
        {
            json[i] = (byte)'0';
            json[i + 1] = (byte)',';
        }

        json[^1] = (byte)']';
        return json;
    }
}
