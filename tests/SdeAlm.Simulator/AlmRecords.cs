using System.Text.Json.Nodes;

namespace SdeAlm.Simulator;

/// <summary>A system ALM connector as the store keeps it; params hold secrets in clear text, as SD Elements does.</summary>
internal sealed class ConnectorRecord
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string PluginId { get; set; } = "";

    public bool Inaccessible { get; set; }

    public JsonObject Params { get; set; } = [];

    /// <summary>Param names project connections may set (issuetracker mode only); null = the plugin's defaults.</summary>
    public JsonArray? FieldsEditableOnProject { get; set; }
}

/// <summary>A project's ALM connection.</summary>
internal sealed class ConnectionRecord
{
    public int Id { get; set; }

    public string Alias { get; set; } = "";

    public int ConnectorId { get; set; }

    public int ProjectId { get; set; }

    public string Frequency { get; set; } = "manually";

    public bool InProgress { get; set; }

    public JsonObject Params { get; set; } = [];
}

/// <summary>One sync run of an ALM connection.</summary>
internal sealed record JobRecord(
    int Id,
    int ConnectionId,
    int User,
    bool Succeeded,
    bool Ready,
    bool Automatic,
    DateTimeOffset LastRun,
    string Message);

/// <summary>How and when a job queued through the API finishes: its readiness is computed on each read, no timer runs.</summary>
internal sealed record QueuedOutcome(long QueuedAt, TimeSpan Delay, bool Succeeded, string Message);

/// <summary>What a store operation answers: a status and a JSON body (null for 204).</summary>
internal sealed record ApiResult(int Status, JsonNode? Body)
{
    public static ApiResult NotFound() => new(404, new JsonObject { ["detail"] = "Not found." });

    public static ApiResult Invalid(JsonObject errors) => new(400, errors);
}
