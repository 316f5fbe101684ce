using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using SdeAlm.Errors;
using SdeAlm.Json;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Api;

/// <summary>
/// SD Elements' connectivity tests: <c>POST /api/v2/connectors/testalm/</c> and
/// <c>/api/v2/connections/testalm/</c>, where the server itself connects to the ALM server with the
/// settings sent. A failed test (400, or 200 with <c>success: false</c>) is a result; only a request
/// that could not be made (401, 403, 404, 5xx, no answer) is an error. The request carries secrets:
/// no text that comes back from here holds them.
/// </summary>
internal sealed class AlmConnectivityTestApi
{
    public const string Connectors = "connectors";
    public const string Connections = "connections";

    private const string Redacted = "(secret)";

    private readonly SdeApiClient _client;

    public AlmConnectivityTestApi(SdeApiClient client)
    {
        _client = client;
    }

    public Uri BaseUri => _client.BaseUri;

    /// <summary>
    /// Sends the <paramref name="collection"/>'s test with <paramref name="properties"/> and the settings,
    /// and returns the verdict. Every secret in the request is cut out of every message: the text of each
    /// SecureString, whatever its key, and the text under each of <paramref name="secretKeys"/>. Like a
    /// read, the test may be sent again after 429 or 503; it changes nothing.
    /// </summary>
    public AlmConnectionTestResult Run(
        string collection,
        IEnumerable<KeyValuePair<string, object?>> properties,
        IDictionary settings,
        AlmPlugin? plugin,
        ISet<string> secretKeys,
        string target,
        RequestContext context)
    {
        var secrets = new List<string>();
        foreach (DictionaryEntry entry in settings)
        {
            if (secretKeys.Contains(SettingKeys.Text(entry.Key)) && SettingValue.Unwrap(entry.Value) is string text)
            {
                secrets.Add(text);
            }
        }

        var body = AlmRequestBody.Write(properties, SettingKeys.Read(settings, target), SettingValue.WireConverter(plugin), secrets.Add);
        return Run(collection, body, target, secrets, context);
    }

    private AlmConnectionTestResult Run(string collection, byte[] body, string target, IReadOnlyCollection<string> secrets, RequestContext context)
    {
        var uri = _client.Resolve($"api/v2/{collection}/testalm/");
        var server = _client.BaseUri.ToString();
        JsonElement answer;
        try
        {
            answer = _client.Send(HttpMethod.Post, uri, body, SdeJsonContext.Default.JsonElement, context, RetryRule.Read);
        }
        catch (SdeApiException ex) when (ex.StatusCode == 400 && ex.ErrorId == SdeErrorIds.BadRequest)
        {
            return new AlmConnectionTestResult(false, Redact(string.Join(" ", ex.ServerMessages), secrets), target, server);
        }
        catch (SdeApiException ex) when (ex.StatusCode == 404 && ex.ErrorId == SdeErrorIds.NotFound)
        {
            // The endpoint, not the thing tested, is missing: AlmApiNotFound stops the command instead of failing each record alike.
            throw new SdeApiException(
                $"SD Elements at {_client.BaseUri} does not offer the connectivity test at the documented path {uri} (404 Not Found): this SD Elements version may have moved or removed it. Check the settings in SD Elements' web interface instead.",
                SdeErrorIds.AlmApiNotFound,
                ErrorCategory.ObjectNotFound,
                target,
                404,
                new SdeApiException(Redact(ex.Message, secrets)));
        }
        catch (SdeApiException ex) when (Contains(ex.Message, secrets))
        {
            throw new SdeApiException(Redact(ex.Message, secrets), ex.ErrorId, ex.Category, ex.TargetObject, ex.StatusCode);
        }

        if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("success", out var success)
            && success.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            var passed = success.ValueKind == JsonValueKind.True;
            return new AlmConnectionTestResult(passed, passed ? string.Empty : Redact(Reason(answer), secrets), target, server);
        }

        throw new SdeApiException(
            $"The answer from {uri} has no 'success' true or false, which SD Elements sends for a connectivity test. Check that -Server points at SD Elements.",
            SdeErrorIds.InvalidJson,
            ErrorCategory.InvalidData,
            uri);
    }

    /// <summary>The server's reason for a failed test: detail, error, message or field errors, everything but 'success'.</summary>
    internal static string Reason(JsonElement answer)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in answer.EnumerateObject().Where(property => property.Name != "success"))
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return string.Join(" ", ServerErrorText.Flatten(new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length)));
    }

    /// <summary>Replaces every secret value in <paramref name="text"/>, longest first so that no part of one is left.</summary>
    internal static string Redact(string text, IReadOnlyCollection<string> secrets)
    {
        foreach (var secret in secrets.Where(secret => secret.Length > 0).OrderByDescending(secret => secret.Length))
        {
            text = text.Replace(secret, Redacted);
        }

        return text;
    }

    private static bool Contains(string text, IReadOnlyCollection<string> secrets) =>
        secrets.Any(secret => secret.Length > 0 && text.IndexOf(secret, StringComparison.Ordinal) >= 0);
}
