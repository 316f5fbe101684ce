using System;
using System.Globalization;
using System.Management.Automation;
using SdeAlm.Errors;

namespace SdeAlm.Api;

/// <summary>
/// Where JSON that <see cref="ResponseReader.Parse{T}(ReadOnlySpan{byte}, JsonOrigin, System.Text.Json.Serialization.Metadata.JsonTypeInfo{T})"/>
/// reads came from, and so how its errors are worded: an answer of the server, or a catalog file. The
/// rules (size in values, depth, syntax, shape) are the same for both; only the words and ErrorIds differ.
/// </summary>
internal abstract class JsonOrigin
{
    /// <summary>How the reasons name the whole text: "the answer", "the file".</summary>
    public abstract string Noun { get; }

    /// <summary>The error for JSON that is malformed or not of the expected shape; <paramref name="reason"/> says how.</summary>
    public abstract SdeApiException Invalid(string reason, Exception? inner = null);

    /// <summary>The error for JSON over one of the caps; <paramref name="excess"/> says which, as "holds more than 2,000,000 JSON values".</summary>
    public abstract SdeApiException TooLarge(string excess);

    /// <summary>An answer of the server at <paramref name="uri"/>.</summary>
    public static JsonOrigin Answer(Uri uri) => new ServerAnswer(uri);

    /// <summary>"holds more than 2,000,000 JSON values": the value cap, as messages state it.</summary>
    public static string TooManyValues(int maximumValues) =>
        string.Format(CultureInfo.InvariantCulture, "holds more than {0:N0} JSON values", maximumValues);

    private sealed class ServerAnswer : JsonOrigin
    {
        private readonly Uri _uri;

        public ServerAnswer(Uri uri)
        {
            _uri = uri;
        }

        public override string Noun => "the answer";

        public override SdeApiException Invalid(string reason, Exception? inner = null) =>
            new(
                $"The answer from {_uri} is not what SD Elements sends: {reason}. Check that -Server points at SD Elements.",
                SdeErrorIds.InvalidJson,
                ErrorCategory.InvalidData,
                _uri,
                null,
                inner);

        public override SdeApiException TooLarge(string excess) =>
            new(
                $"The answer from {_uri} {excess}, the most SdeAlm reads. The server may be misconfigured or not an SD Elements server.",
                SdeErrorIds.ResponseTooLarge,
                ErrorCategory.LimitsExceeded,
                _uri);
    }
}
