using System;
using System.Text.Json.Serialization;

namespace SdeAlm.Json;

// A sync job as the API sends it, filled by System.Text.Json and read only by AlmJobMapper.

/// <summary>A job of <c>/api/v2/jobs/alm/</c>, or the <c>last_job</c> of an ALM connection, as sent.</summary>
internal sealed class AlmJobWire
{
    [JsonPropertyName("id")]
    public int Id { get; set; }

    /// <summary>An id, or the ALM connection itself with <c>?expand=connection</c>.</summary>
    [JsonPropertyName("connection")]
    [JsonConverter(typeof(IdReferenceConverter))]
    public int? Connection { get; set; }

    [JsonPropertyName("project_id")]
    [JsonConverter(typeof(IdReferenceConverter))]
    public int? ProjectId { get; set; }

    [JsonPropertyName("user")]
    [JsonConverter(typeof(IdReferenceConverter))]
    public int? User { get; set; }

    [JsonPropertyName("succeeded")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool Succeeded { get; set; }

    [JsonPropertyName("ready")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool Ready { get; set; }

    [JsonPropertyName("automatic")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool Automatic { get; set; }

    [JsonPropertyName("last_run")]
    [JsonConverter(typeof(LenientTimeConverter))]
    public DateTimeOffset? LastRun { get; set; }

    [JsonPropertyName("result_message")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? ResultMessage { get; set; }
}
