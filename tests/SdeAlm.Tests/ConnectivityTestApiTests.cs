using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using SdeAlm.Api;
using SdeAlm.Errors;
using SdeAlm.Model;
using SdeAlm.Settings;
using Xunit;

namespace SdeAlm.Tests;

public class ConnectivityTestApiTests
{
    private static readonly Uri s_server = new("https://sde.example.com/sde/");
    private static readonly string[] s_secrets = ["hunter2-secret", "tok"];
    private static readonly HashSet<string> s_secretKeys = new(StringComparer.OrdinalIgnoreCase) { "alm_pass" };
    private static readonly KeyValuePair<string, object?>[] s_properties = [new("name", "x"), new("system", new Dictionary<string, object?> { ["id"] = "jira" })];

    // alm_pass is masked in the catalog and given as text; api_key is not masked, but given as a SecureString.
    private static OrderedDictionary Settings() => new() { ["alm_pass"] = "hunter2-secret", ["api_key"] = SecretText.Protect("s3cret-key-0042") };

    private const string Body = "{\"name\":\"x\",\"system\":{\"id\":\"jira\"},\"params\":{\"alm_pass\":\"hunter2-secret\",\"api_key\":\"s3cret-key-0042\"}}";

    private static (AlmConnectivityTestApi Api, StubHandler Stub) NewApi(Func<HttpRequestMessage, int, HttpResponseMessage> answer)
    {
        var stub = new StubHandler(answer);
        var client = new SdeApiClient(new SdeClientOptions(s_server) { RetryIntervalSec = 0, Timeout = TimeSpan.FromSeconds(30) }, "api-token", stub);
        return (new AlmConnectivityTestApi(client), stub);
    }

    private static RequestContext Context() => new(null, CancellationToken.None);

    private static AlmConnectionTestResult Run(AlmConnectivityTestApi api, string collection, string target) =>
        api.Run(collection, s_properties, Settings(), null, s_secretKeys, target, Context());

    [Fact]
    public void Success_true_is_a_passed_test_posted_with_the_body()
    {
        var (api, stub) = NewApi((_, _) => StubHandler.Json(200, "{\"success\": true}"));
        var result = Run(api, AlmConnectivityTestApi.Connectors, "connector 3");
        Assert.True(result.Success);
        Assert.Equal(string.Empty, result.Message);
        Assert.Equal("connector 3", result.Target);
        Assert.Equal("https://sde.example.com/sde/", result.Server);
        var seen = Assert.Single(stub.Seen);
        Assert.Equal(HttpMethod.Post, seen.Method);
        Assert.Equal("https://sde.example.com/sde/api/v2/connectors/testalm/", seen.Uri.AbsoluteUri);
        Assert.Equal(Body, seen.Body);
    }

    [Theory]
    [InlineData("{\"success\": false, \"error\": \"The ALM server rejected the credentials.\"}", "The ALM server rejected the credentials.")]
    [InlineData("{\"success\": false, \"detail\": \"No route.\", \"params\": {\"alm_server\": [\"Bad host.\"]}}", "No route. params.alm_server: Bad host.")]
    [InlineData("{\"success\": false}", "")]
    [InlineData("{\"success\": false, \"message\": \"Password hunter2-secret expired.\"}", "Password (secret) expired.")]
    public void Success_false_is_a_failed_test_with_the_servers_reason(string answer, string message)
    {
        var (api, _) = NewApi((_, _) => StubHandler.Json(200, answer));
        var result = Run(api, AlmConnectivityTestApi.Connections, "connection 12");
        Assert.False(result.Success);
        Assert.Equal(message, result.Message);
    }

    [Theory]
    [InlineData("{\"detail\": \"Unable to connect to the ALM server x: connection timed out.\"}", "Unable to connect to the ALM server x: connection timed out.")]
    [InlineData("{\"params\": {\"alm_server\": [\"Enter a valid host name.\"]}}", "params.alm_server: Enter a valid host name.")]
    [InlineData("{\"params\": {\"alm_pass\": [\"'hunter2-secret' is too short.\"]}}", "params.alm_pass: '(secret)' is too short.")]
    public void A_400_is_a_failed_test_not_an_error(string answer, string message)
    {
        var (api, stub) = NewApi((_, _) => StubHandler.Json(400, answer));
        var result = Run(api, AlmConnectivityTestApi.Connectors, "plugin jira (unsaved)");
        Assert.False(result.Success);
        Assert.Equal(message, result.Message);
        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public void A_404_says_this_version_does_not_offer_the_test()
    {
        var (api, _) = NewApi((_, _) => StubHandler.Json(404, "{\"detail\": \"Not found.\"}"));
        var error = Assert.Throws<SdeApiException>(() => Run(api, AlmConnectivityTestApi.Connectors, "connector 1"));
        Assert.Equal("SdeAlmApiNotFound", error.ErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.Category);
        Assert.Equal("connector 1", error.TargetObject);
        Assert.Contains("does not offer the connectivity test at the documented path https://sde.example.com/sde/api/v2/connectors/testalm/", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, "SdeAuthenticationFailed")]
    [InlineData(403, "SdePermissionDenied")]
    [InlineData(500, "SdeServerError")]
    public void Other_failures_are_errors(int status, string errorId)
    {
        var (api, _) = NewApi((_, _) => StubHandler.Json(status, "{\"detail\": \"No, hunter2-secret.\"}"));
        var error = Assert.Throws<SdeApiException>(() => Run(api, AlmConnectivityTestApi.Connectors, "connector 1"));
        Assert.Equal(errorId, error.ErrorId);
        Assert.DoesNotContain("hunter2-secret", error.Message, StringComparison.Ordinal);
        Assert.Contains("No, (secret).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_503_is_retried_like_a_read_and_a_500_is_not_an_unknown_write()
    {
        var (api, stub) = NewApi((_, number) => number == 0 ? StubHandler.Json(503, "{}") : StubHandler.Json(200, "{\"success\": true}"));
        Assert.True(Run(api, AlmConnectivityTestApi.Connectors, "connector 1").Success);
        Assert.Equal(2, stub.Count);
        Assert.All(stub.Seen, seen => Assert.Equal(HttpMethod.Post, seen.Method));
    }

    [Theory]
    [InlineData("{\"ok\": true}")]
    [InlineData("[]")]
    [InlineData("{\"success\": \"yes\"}")]
    public void An_answer_without_success_is_invalid(string answer)
    {
        var (api, _) = NewApi((_, _) => StubHandler.Json(200, answer));
        Assert.Equal("SdeInvalidJson", Assert.Throws<SdeApiException>(() => Run(api, AlmConnectivityTestApi.Connectors, "connector 1")).ErrorId);
    }

    [Theory]
    [InlineData("{\"success\": false, \"error\": \"Key s3cret-key-0042 refused.\"}")]
    [InlineData("{\"success\": false, \"params\": {\"api_key\": [\"s3cret-key-0042 is not valid.\"]}}")]
    public void A_SecureString_under_a_key_the_catalog_does_not_mask_is_redacted_too(string answer)
    {
        var (api, _) = NewApi((_, _) => StubHandler.Json(200, answer));
        var result = Run(api, AlmConnectivityTestApi.Connectors, "connector 3");
        Assert.DoesNotContain("s3cret-key-0042", result.Message, StringComparison.Ordinal);
        Assert.Contains("(secret)", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_replaces_the_longest_secret_first()
    {
        Assert.Equal("a (secret) b (secret)", AlmConnectivityTestApi.Redact("a hunter2-secret b tok", s_secrets));
        Assert.Equal("nothing", AlmConnectivityTestApi.Redact("nothing", Array.Empty<string>()));
        Assert.Equal("x", AlmConnectivityTestApi.Redact("x", new[] { string.Empty }.ToList()));
    }
}
