using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SdeAlm.Simulator;

/// <summary>
/// The connectors, ALM connections and jobs of one context-root prefix: each test prefix gets its
/// own freshly seeded store, so parallel test files never see each other's writes. Validation
/// follows Django REST Framework's wording; which params are required comes from the catalog
/// this store's mode serves. One lock guards everything: the data is small (a benchmark's
/// <c>connections=N</c> or <c>jobs=N</c> adds at most 100,000 of each, indexed where it matters).
/// Jobs queued through the API finish lazily: every read first settles those whose time has come.
/// </summary>
internal sealed class AlmStore
{
    /// <summary>Choices of an ALM connection's <c>frequency</c>.</summary>
    public static readonly IReadOnlyList<string> Frequencies = ["manually", "hourly", "daily", "weekly", "monthly"];

    /// <summary>Project ids that exist: 1 to this number.</summary>
    public const int ProjectCount = 99_999;

    /// <summary>A params key current SD Elements adds to connections; not a catalog field, never stored.</summary>
    public const string LastSuccessfulRun = "last_successful_run";

    /// <summary>A connector key of current SD Elements: which params project connections may set.</summary>
    public const string FieldsEditableOnProject = "fields_editable_on_project";

    private readonly object gate = new();
    private readonly SortedDictionary<int, ConnectorRecord> connectors = [];
    private readonly SortedDictionary<int, ConnectionRecord> connections = [];
    private readonly SortedDictionary<int, JobRecord> jobs = [];

    // Connection id → its job with the latest last_run (last_job). Jobs only go away with their
    // connection and never change last_run, so this is kept up to date as jobs are added.
    private readonly Dictionary<int, int> lastJobByConnection = [];

    // Connection id → its job that is not ready (queued or running): at most one, the busy rule.
    private readonly Dictionary<int, int> runningJobByConnection = [];

    // Job id → how and when a job queued through the API finishes.
    private readonly Dictionary<int, QueuedOutcome> queued = [];
    private int nextConnectorId = 1;
    private int nextConnectionId = 1;
    private int nextJobId = 1;
    private long writes;

    public AlmStore(PluginSchemas schemas, bool issueTracker)
    {
        Schemas = schemas;
        IssueTracker = issueTracker;
    }

    public PluginSchemas Schemas { get; }

    /// <summary>True when params use the <c>issue_tracker_</c> names.</summary>
    public bool IssueTracker { get; }

    /// <summary>Counts write requests (POST, PATCH, PUT, DELETE); drives the write fault options.</summary>
    public long NextWriteNumber() => Interlocked.Increment(ref writes);

    // ---- seeding (no validation: the seed is ours) ----

    public ConnectorRecord SeedConnector(string name, PluginSchema plugin, bool inaccessible, JsonObject parameters)
    {
        lock (gate)
        {
            var record = new ConnectorRecord { Id = nextConnectorId++, Name = name, PluginId = plugin.Id, Inaccessible = inaccessible, Params = parameters };
            connectors.Add(record.Id, record);
            return record;
        }
    }

    public ConnectionRecord SeedConnection(string alias, ConnectorRecord connector, int projectId, string frequency, bool inProgress, JsonObject parameters)
    {
        lock (gate)
        {
            var record = new ConnectionRecord
            {
                Id = nextConnectionId++,
                Alias = alias,
                ConnectorId = connector.Id,
                ProjectId = projectId,
                Frequency = frequency,
                InProgress = inProgress,
                Params = parameters,
            };
            connections.Add(record.Id, record);
            return record;
        }
    }

    public void SeedJob(ConnectionRecord connection, int user, bool succeeded, bool ready, bool automatic, string lastRun, string message) =>
        SeedJob(connection, user, succeeded, ready, automatic, DateTimeOffset.Parse(lastRun, CultureInfo.InvariantCulture), message);

    public void SeedJob(ConnectionRecord connection, int user, bool succeeded, bool ready, bool automatic, DateTimeOffset lastRun, string message)
    {
        lock (gate)
        {
            AddJob(new JobRecord(nextJobId++, connection.Id, user, succeeded, ready, automatic, lastRun, message));
        }
    }

    // ---- connectors ----

    public List<JsonNode> ListConnectors()
    {
        lock (gate)
        {
            return [.. connectors.Values.Select(RenderConnector)];
        }
    }

    public ApiResult GetConnector(int id)
    {
        lock (gate)
        {
            return connectors.TryGetValue(id, out ConnectorRecord? record) ? new ApiResult(200, RenderConnector(record)) : ApiResult.NotFound();
        }
    }

    /// <summary>POST (<paramref name="existingId"/> null), PATCH (<paramref name="partial"/>) or PUT; with <paramref name="dryRun"/> only validates (the connectivity test).</summary>
    public ApiResult SaveConnector(int? existingId, JsonObject body, bool partial, bool dryRun = false)
    {
        lock (gate)
        {
            ConnectorRecord? existing = null;
            if (existingId is int id && !connectors.TryGetValue(id, out existing))
            {
                return ApiResult.NotFound();
            }

            var errors = new JsonObject();
            string? name = existing?.Name;
            PluginSchema? plugin = existing is null ? null : Schemas.Find(existing.PluginId);
            bool inaccessible = existing?.Inaccessible ?? false;
            JsonObject parameters = (JsonObject?)existing?.Params.DeepClone() ?? [];
            JsonArray? editable = existing?.FieldsEditableOnProject;
            bool checkParams = false;

            if (Present(body, "name", partial, errors, out JsonNode? nameNode))
            {
                name = ReadText(nameNode, "name", errors);
            }

            if (Present(body, "system", partial, errors, out JsonNode? systemNode))
            {
                plugin = ReadPlugin(systemNode, errors);
                checkParams = true;
            }

            if (body.TryGetPropertyValue("inaccessible", out JsonNode? inaccessibleNode))
            {
                if (TryBoolean(inaccessibleNode, out bool value))
                {
                    inaccessible = value;
                }
                else
                {
                    errors["inaccessible"] = Messages("Must be a valid boolean.");
                }
            }

            if (Present(body, "params", partial, errors, out JsonNode? paramsNode))
            {
                parameters = ReadParams(paramsNode, errors) ?? parameters;
                checkParams = true;
            }

            // Only current releases know the key; older ones ignore it like any unknown key.
            if (IssueTracker && body.TryGetPropertyValue(FieldsEditableOnProject, out JsonNode? editableNode))
            {
                editable = ReadTextList(editableNode, FieldsEditableOnProject, errors);
            }

            if (checkParams && plugin is not null && !errors.ContainsKey("params"))
            {
                CheckRequired(plugin, "system", parameters, fallback: null, errors);
            }

            if (errors.Count > 0)
            {
                return ApiResult.Invalid(errors);
            }

            if (dryRun)
            {
                return new ApiResult(200, null);
            }

            ConnectorRecord record = existing ?? new ConnectorRecord { Id = nextConnectorId++ };
            record.Name = name!;
            record.PluginId = plugin!.Id;
            record.Inaccessible = inaccessible;
            record.Params = parameters;
            record.FieldsEditableOnProject = editable;
            if (existing is null)
            {
                connectors.Add(record.Id, record);
                return new ApiResult(201, RenderConnector(record));
            }

            return new ApiResult(200, RenderConnector(record));
        }
    }

    /// <summary>Deletes a connector that no ALM connection uses; one still in use is refused (400), nothing cascades.</summary>
    public ApiResult DeleteConnector(int id)
    {
        lock (gate)
        {
            if (!connectors.TryGetValue(id, out ConnectorRecord? connector))
            {
                return ApiResult.NotFound();
            }

            List<int> users = [.. connections.Values.Where(c => c.ConnectorId == id).Select(c => c.Id)];
            if (users.Count > 0)
            {
                return ApiResult.Invalid(new JsonObject
                {
                    ["detail"] = $"Cannot delete connector \"{connector.Name}\": it is used by {users.Count} ALM connection(s) ({string.Join(", ", users)}).",
                });
            }

            connectors.Remove(id);
            return new ApiResult(204, null);
        }
    }

    /// <summary>The params a connectivity test of a connector checks, after validation.</summary>
    public ApiResult TestConnector(JsonObject body)
    {
        ApiResult validation = SaveConnector(null, body, partial: false, dryRun: true);
        if (validation.Status != 200)
        {
            return validation;
        }

        lock (gate)
        {
            PluginSchema plugin = ReadPlugin(body["system"], [])!;
            return Connectivity(plugin, (JsonObject)body["params"]!, projectParams: null);
        }
    }

    // ---- connections ----

    public List<JsonNode> ListConnections(int? projectId, bool includeLastJob, bool withParams)
    {
        lock (gate)
        {
            Settle();
            return
            [
                .. connections.Values
                    .Where(c => projectId is null || c.ProjectId == projectId)
                    .Select(c => RenderConnection(c, includeLastJob, withParams)),
            ];
        }
    }

    public ApiResult GetConnection(int id, bool includeLastJob, bool withParams)
    {
        lock (gate)
        {
            Settle();
            return connections.TryGetValue(id, out ConnectionRecord? record)
                ? new ApiResult(200, RenderConnection(record, includeLastJob, withParams))
                : ApiResult.NotFound();
        }
    }

    public ApiResult SaveConnection(int? existingId, JsonObject body, bool partial, bool dryRun = false)
    {
        lock (gate)
        {
            Settle();
            ConnectionRecord? existing = null;
            if (existingId is int id && !connections.TryGetValue(id, out existing))
            {
                return ApiResult.NotFound();
            }

            var errors = new JsonObject();
            string? alias = existing?.Alias;
            ConnectorRecord? connector = existing is null ? null : connectors[existing.ConnectorId];
            int projectId = existing?.ProjectId ?? 0;
            string frequency = existing?.Frequency ?? "manually";
            JsonObject parameters = (JsonObject?)existing?.Params.DeepClone() ?? [];
            bool checkParams = false;

            if (Present(body, "alias", partial, errors, out JsonNode? aliasNode))
            {
                alias = ReadText(aliasNode, "alias", errors);
            }

            if (Present(body, "connector", partial, errors, out JsonNode? connectorNode) &&
                ReadPrimaryKey(connectorNode, "connector", errors) is int connectorId)
            {
                if (connectors.TryGetValue(connectorId, out ConnectorRecord? found))
                {
                    connector = found;
                    checkParams = true;
                }
                else
                {
                    errors["connector"] = Messages(InvalidPk(connectorId.ToString(CultureInfo.InvariantCulture)));
                }
            }

            if (Present(body, "project", partial, errors, out JsonNode? projectNode) &&
                ReadPrimaryKey(projectNode, "project", errors) is int project)
            {
                if (project is >= 1 and <= ProjectCount)
                {
                    projectId = project;
                }
                else
                {
                    errors["project"] = Messages(InvalidPk(project.ToString(CultureInfo.InvariantCulture)));
                }
            }

            if (body.TryGetPropertyValue("frequency", out JsonNode? frequencyNode))
            {
                string? text = frequencyNode is JsonValue v && v.TryGetValue(out string? s) ? s : frequencyNode?.ToJsonString();
                if (text is not null && Frequencies.Contains(text))
                {
                    frequency = text;
                }
                else
                {
                    errors["frequency"] = Messages($"\"{text}\" is not a valid choice.");
                }
            }

            if (Present(body, "params", partial, errors, out JsonNode? paramsNode))
            {
                parameters = ReadParams(paramsNode, errors) ?? parameters;
                checkParams = true;
                if (IssueTracker)
                {
                    // The server fills it in; a client that sends back what it read does not set it.
                    parameters.Remove(LastSuccessfulRun);
                }
            }

            if (checkParams && connector is not null && !errors.ContainsKey("params") &&
                Schemas.Find(connector.PluginId) is PluginSchema plugin)
            {
                CheckRequired(plugin, "project", parameters, connector.Params, errors);
            }

            if (errors.Count > 0)
            {
                return ApiResult.Invalid(errors);
            }

            if (dryRun)
            {
                return new ApiResult(200, null);
            }

            ConnectionRecord record = existing ?? new ConnectionRecord { Id = nextConnectionId++ };
            record.Alias = alias!;
            record.ConnectorId = connector!.Id;
            record.ProjectId = projectId;
            record.Frequency = frequency;
            record.Params = parameters;
            if (existing is null)
            {
                connections.Add(record.Id, record);
                return new ApiResult(201, RenderConnection(record, includeLastJob: false, withParams: true));
            }

            return new ApiResult(200, RenderConnection(record, includeLastJob: false, withParams: true));
        }
    }

    public ApiResult DeleteConnection(int id)
    {
        lock (gate)
        {
            return RemoveConnection(id) ? new ApiResult(204, null) : ApiResult.NotFound();
        }
    }

    public ApiResult TestConnection(JsonObject body)
    {
        ApiResult validation = SaveConnection(null, body, partial: false, dryRun: true);
        if (validation.Status != 200)
        {
            return validation;
        }

        lock (gate)
        {
            ConnectorRecord connector = connectors[ReadPrimaryKey(body["connector"], "connector", [])!.Value];
            PluginSchema plugin = Schemas.Find(connector.PluginId)!;
            JsonObject merged = (JsonObject)connector.Params.DeepClone();
            var projectParams = (JsonObject)body["params"]!;
            foreach (var (key, value) in projectParams)
            {
                merged[key] = value?.DeepClone();
            }

            return Connectivity(plugin, merged, projectParams);
        }
    }

    // ---- jobs ----

    public List<JsonNode> ListJobs(Func<JobRecord, int, bool> filter, bool expandConnection, bool withProject, bool withParams)
    {
        lock (gate)
        {
            Settle();
            return
            [
                .. jobs.Values
                    .Where(j => filter(j, connections.TryGetValue(j.ConnectionId, out ConnectionRecord? c) ? c.ProjectId : 0))
                    .Select(j => RenderJob(j, expandConnection, withProject, withParams)),
            ];
        }
    }

    public ApiResult GetJob(int id, bool expandConnection, bool withProject, bool withParams)
    {
        lock (gate)
        {
            Settle();
            return jobs.TryGetValue(id, out JobRecord? job) ? new ApiResult(200, RenderJob(job, expandConnection, withProject, withParams)) : ApiResult.NotFound();
        }
    }

    /// <summary>
    /// <c>POST projects/{id}/jobs/alm/</c>: with <c>ready</c> false queues a sync of the connection
    /// that finishes <paramref name="delay"/> later (refused while another job of it is not ready);
    /// with <c>ready</c> true records the result of a sync run elsewhere, as sent.
    /// </summary>
    public ApiResult CreateJob(int projectId, JsonObject body, TimeSpan delay, bool alwaysFail, bool withProject)
    {
        lock (gate)
        {
            Settle();
            var errors = new JsonObject();
            ConnectionRecord? connection = null;
            if (Present(body, "connection", partial: false, errors, out JsonNode? connectionNode) &&
                ReadPrimaryKey(connectionNode, "connection", errors) is int connectionId)
            {
                if (connections.TryGetValue(connectionId, out ConnectionRecord? found) && found.ProjectId == projectId)
                {
                    connection = found;
                }
                else
                {
                    errors["connection"] = Messages(InvalidPk(connectionId.ToString(CultureInfo.InvariantCulture)));
                }
            }

            bool automatic = ReadOptionalBoolean(body, "automatic", errors);
            bool ready = ReadOptionalBoolean(body, "ready", errors);
            bool succeeded = ReadOptionalBoolean(body, "succeeded", errors);
            string message = "";
            if (body.TryGetPropertyValue("result_message", out JsonNode? messageNode))
            {
                if (messageNode is JsonValue v && v.TryGetValue(out string? text))
                {
                    message = text;
                }
                else
                {
                    errors["result_message"] = Messages(messageNode is null ? "This field may not be null." : "Not a valid string.");
                }
            }

            if (errors.Count > 0)
            {
                return ApiResult.Invalid(errors);
            }

            if (!ready && runningJobByConnection.ContainsKey(connection!.Id))
            {
                return ApiResult.Invalid(new JsonObject
                {
                    ["detail"] = $"A synchronization of ALM connection {connection.Id} is already queued or running.",
                });
            }

            DateTimeOffset now = DateTimeOffset.UtcNow;
            JobRecord job;
            if (ready)
            {
                job = new JobRecord(nextJobId++, connection!.Id, User: 1, succeeded, Ready: true, automatic, now, message);
            }
            else
            {
                job = new JobRecord(nextJobId++, connection!.Id, User: 1, Succeeded: false, Ready: false, automatic, now, "");
                string server = ServerOf(connectors[connection.ConnectorId]);
                queued.Add(job.Id, alwaysFail || server.Contains("unreachable", StringComparison.OrdinalIgnoreCase)
                    ? new QueuedOutcome(Stopwatch.GetTimestamp(), delay, Succeeded: false, $"Error: could not connect to {server}: connection timed out.")
                    : new QueuedOutcome(Stopwatch.GetTimestamp(), delay, Succeeded: true, "Synchronized 12 tasks: 12 up to date."));
            }

            AddJob(job);
            return new ApiResult(201, RenderJob(job, expandConnection: false, withProject, withParams: true));
        }
    }

    /// <summary>Everything, secrets included, for <c>/_sim/store</c>: how tests prove what was written.</summary>
    public JsonObject Dump(bool withProject)
    {
        lock (gate)
        {
            Settle();
            return new JsonObject
            {
                ["connectors"] = new JsonArray([.. connectors.Values.Select(RenderConnector)]),
                ["connections"] = new JsonArray([.. connections.Values.Select(c => RenderConnection(c, includeLastJob: false, withParams: true, stored: true))]),
                ["jobs"] = new JsonArray([.. jobs.Values.Select(j => RenderJob(j, expandConnection: false, withProject, withParams: true))]),
            };
        }
    }

    // ---- rendering (caller holds the lock) ----

    private JsonObject RenderConnector(ConnectorRecord record)
    {
        var result = new JsonObject
        {
            ["id"] = record.Id,
            ["name"] = record.Name,
            ["system"] = RenderSystem(record.PluginId),
            ["inaccessible"] = record.Inaccessible,
            ["params"] = record.Params.DeepClone(),
        };
        if (IssueTracker)
        {
            result[FieldsEditableOnProject] = record.FieldsEditableOnProject?.DeepClone();
        }

        return result;
    }

    private JsonObject RenderConnection(ConnectionRecord record, bool includeLastJob, bool withParams, bool stored = false)
    {
        ConnectorRecord connector = connectors[record.ConnectorId];
        JobRecord? last = lastJobByConnection.TryGetValue(record.Id, out int lastId) ? jobs[lastId] : null;
        var result = new JsonObject
        {
            ["id"] = record.Id,
            ["alias"] = record.Alias,
            ["system"] = RenderSystem(connector.PluginId),
            ["frequency"] = record.Frequency,
            ["command"] = Schemas.Find(connector.PluginId)?.Command,
        };
        if (withParams)
        {
            var parameters = (JsonObject)record.Params.DeepClone();
            if (IssueTracker && !stored)
            {
                parameters[LastSuccessfulRun] = last is { Ready: true, Succeeded: true } ? Timestamp(last.LastRun) : null;
            }

            result["params"] = parameters;
        }

        result["inaccessible"] = connector.Inaccessible;
        result["in_progress"] = record.InProgress || runningJobByConnection.ContainsKey(record.Id);
        result["connector"] = record.ConnectorId;
        result["project"] = record.ProjectId;
        if (IssueTracker)
        {
            result["debug_mode"] = false;
        }

        if (includeLastJob)
        {
            // The documented last_job carries no connection or project: it sits inside its connection.
            result["last_job"] = last is null ? null : new JsonObject
            {
                ["id"] = last.Id,
                ["succeeded"] = last.Succeeded,
                ["ready"] = last.Ready,
                ["automatic"] = last.Automatic,
                ["last_run"] = Timestamp(last.LastRun),
                ["result_message"] = last.Message,
                ["user"] = last.User,
            };
        }

        return result;
    }

    private JsonObject RenderJob(JobRecord job, bool expandConnection, bool withProject, bool withParams)
    {
        connections.TryGetValue(job.ConnectionId, out ConnectionRecord? connection);
        var result = new JsonObject
        {
            ["id"] = job.Id,
            ["user"] = job.User,
            ["succeeded"] = job.Succeeded,
            ["automatic"] = job.Automatic,
            ["ready"] = job.Ready,
            ["result_message"] = job.Message,
            ["last_run"] = Timestamp(job.LastRun),
            ["connection"] = expandConnection && connection is not null
                ? RenderConnection(connection, includeLastJob: false, withParams)
                : job.ConnectionId,
        };
        if (withProject)
        {
            result["project_id"] = connection?.ProjectId;
        }

        return result;
    }

    private JsonObject RenderSystem(string pluginId)
    {
        PluginSchema? plugin = Schemas.Find(pluginId);
        return new JsonObject
        {
            ["id"] = pluginId,
            ["short_name"] = plugin?.ShortName ?? pluginId,
            ["name"] = plugin?.Name ?? pluginId,
        };
    }

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private bool RemoveConnection(int id)
    {
        if (!connections.Remove(id))
        {
            return false;
        }

        foreach (int jobId in jobs.Values.Where(j => j.ConnectionId == id).Select(j => j.Id).ToList())
        {
            jobs.Remove(jobId);
            queued.Remove(jobId);
        }

        lastJobByConnection.Remove(id);
        runningJobByConnection.Remove(id);
        return true;
    }

    // ---- jobs that finish by themselves (caller holds the lock) ----

    private void AddJob(JobRecord job)
    {
        jobs.Add(job.Id, job);
        if (!lastJobByConnection.TryGetValue(job.ConnectionId, out int lastId) || job.LastRun > jobs[lastId].LastRun)
        {
            lastJobByConnection[job.ConnectionId] = job.Id;
        }

        if (!job.Ready)
        {
            runningJobByConnection[job.ConnectionId] = job.Id;
        }
    }

    /// <summary>Finishes the queued jobs whose delay has passed: readiness is computed on read, no timer runs.</summary>
    private void Settle()
    {
        if (queued.Count == 0)
        {
            return;
        }

        foreach (var (jobId, outcome) in queued.ToList())
        {
            if (Stopwatch.GetElapsedTime(outcome.QueuedAt) < outcome.Delay)
            {
                continue;
            }

            JobRecord job = jobs[jobId];
            jobs[jobId] = job with { Ready = true, Succeeded = outcome.Succeeded, Message = outcome.Message };
            queued.Remove(jobId);
            runningJobByConnection.Remove(job.ConnectionId);
        }
    }

    private string ServerOf(ConnectorRecord connector)
    {
        string? field = Schemas.Find(connector.PluginId)?.ServerField?.Name;
        return field is not null && connector.Params[field] is JsonValue value && value.TryGetValue(out string? server) ? server : "";
    }

    // ---- connectivity ----

    /// <summary>
    /// The connectivity verdict, chosen by words in the server param: "unreachable" answers 400
    /// with a detail, "badfield" 400 with a field error, "badlogin" 200 with success false; an
    /// ALM project containing "missing" is 200 with success false. Messages never hold secrets.
    /// </summary>
    private static ApiResult Connectivity(PluginSchema plugin, JsonObject parameters, JsonObject? projectParams)
    {
        string? serverField = plugin.ServerField?.Name;
        string server = serverField is not null && parameters[serverField] is JsonValue s && s.TryGetValue(out string? text) ? text : "";
        string user = parameters.Where(p => p.Key.EndsWith("_user", StringComparison.Ordinal)).Select(p => p.Value?.ToString()).FirstOrDefault() ?? "";

        if (server.Contains("unreachable", StringComparison.OrdinalIgnoreCase))
        {
            return ApiResult.Invalid(new JsonObject { ["detail"] = $"Unable to connect to the ALM server {server}: connection timed out." });
        }

        if (server.Contains("badfield", StringComparison.OrdinalIgnoreCase))
        {
            return ApiResult.Invalid(new JsonObject { ["params"] = new JsonObject { [serverField!] = Messages("Enter a valid host name.") } });
        }

        if (server.Contains("badlogin", StringComparison.OrdinalIgnoreCase))
        {
            return new ApiResult(200, new JsonObject { ["success"] = false, ["error"] = $"The ALM server rejected the credentials of user \"{user}\"." });
        }

        string? projectField = projectParams?.Select(p => p.Key).FirstOrDefault(k => k.EndsWith("_project", StringComparison.Ordinal));
        string project = projectField is not null ? projectParams![projectField]?.ToString() ?? "" : "";
        if (project.Contains("missing", StringComparison.OrdinalIgnoreCase))
        {
            return new ApiResult(200, new JsonObject { ["success"] = false, ["error"] = $"The ALM project \"{project}\" does not exist." });
        }

        return new ApiResult(200, new JsonObject { ["success"] = true });
    }

    // ---- validation, in DRF's words ----

    /// <summary>
    /// Required params of <paramref name="scope"/> must have a value; a catalog default is applied
    /// instead of a complaint. For an ALM connection, a field also of system scope may come from the
    /// connector (<paramref name="fallback"/>).
    /// </summary>
    private static void CheckRequired(PluginSchema plugin, string scope, JsonObject parameters, JsonObject? fallback, JsonObject errors)
    {
        var fieldErrors = new JsonObject();
        foreach (FieldSchema field in plugin.Fields.Where(f => f.Required && f.InScope(scope)))
        {
            string? problem = Problem(parameters, field.Name);
            if (problem is null ||
                (fallback is not null && field.InScope("system") && Problem(fallback, field.Name) is null))
            {
                continue;
            }

            if (field.Default is not null && field.Default.GetValueKind() != JsonValueKind.Null)
            {
                parameters[field.Name] = field.Default.DeepClone();
                continue;
            }

            fieldErrors[field.Name] = Messages(problem);
        }

        if (fieldErrors.Count > 0)
        {
            errors["params"] = fieldErrors;
        }
    }

    private static string? Problem(JsonObject parameters, string name)
    {
        if (!parameters.TryGetPropertyValue(name, out JsonNode? value))
        {
            return "This field is required.";
        }

        if (value is null)
        {
            return "This field may not be null.";
        }

        return value is JsonValue v && v.TryGetValue(out string? text) && string.IsNullOrWhiteSpace(text) ? "This field may not be blank." : null;
    }

    /// <summary>True if <paramref name="key"/> is in the body; records "required" when it is not and must be.</summary>
    private static bool Present(JsonObject body, string key, bool partial, JsonObject errors, out JsonNode? value)
    {
        if (body.TryGetPropertyValue(key, out value))
        {
            return true;
        }

        if (!partial)
        {
            errors[key] = Messages("This field is required.");
        }

        return false;
    }

    private static string? ReadText(JsonNode? node, string key, JsonObject errors)
    {
        string? message = node switch
        {
            null => "This field may not be null.",
            JsonValue v when v.TryGetValue(out string? s) => string.IsNullOrWhiteSpace(s) ? "This field may not be blank." : null,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => null,
            _ => "Not a valid string.",
        };
        if (message is not null)
        {
            errors[key] = Messages(message);
            return null;
        }

        return node!.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
    }

    /// <summary>An optional boolean (false when absent), DRF's BooleanField.</summary>
    private static bool ReadOptionalBoolean(JsonObject body, string key, JsonObject errors)
    {
        if (!body.TryGetPropertyValue(key, out JsonNode? node))
        {
            return false;
        }

        if (TryBoolean(node, out bool value))
        {
            return value;
        }

        errors[key] = Messages(node is null ? "This field may not be null." : "Must be a valid boolean.");
        return false;
    }

    /// <summary>Null or a list of strings, DRF's ListField(child=CharField(), allow_null=True); item errors by index.</summary>
    private static JsonArray? ReadTextList(JsonNode? node, string key, JsonObject errors)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray list)
        {
            errors[key] = Messages($"Expected a list of items but got type \"{TypeName(node)}\".");
            return null;
        }

        var itemErrors = new JsonObject();
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonValue item || !item.TryGetValue(out string? _))
            {
                itemErrors[i.ToString(CultureInfo.InvariantCulture)] = Messages(list[i] is null ? "This field may not be null." : "Not a valid string.");
            }
        }

        if (itemErrors.Count > 0)
        {
            errors[key] = itemErrors;
            return null;
        }

        return (JsonArray)list.DeepClone();
    }

    private PluginSchema? ReadPlugin(JsonNode? node, JsonObject errors)
    {
        if (node is not JsonObject system)
        {
            errors["system"] = node is null
                ? Messages("This field may not be null.")
                : new JsonObject { ["non_field_errors"] = Messages($"Invalid data. Expected a dictionary, but got {TypeName(node)}.") };
            return null;
        }

        if (system["id"] is not JsonValue idValue || !idValue.TryGetValue(out string? id) || string.IsNullOrEmpty(id))
        {
            errors["system"] = new JsonObject { ["id"] = Messages("This field is required.") };
            return null;
        }

        PluginSchema? plugin = Schemas.Find(id);
        if (plugin is null)
        {
            errors["system"] = new JsonObject { ["id"] = Messages(InvalidPk(id)) };
        }

        return plugin;
    }

    private static JsonObject? ReadParams(JsonNode? node, JsonObject errors)
    {
        if (node is JsonObject parameters)
        {
            return (JsonObject)parameters.DeepClone();
        }

        errors["params"] = Messages(node is null
            ? "This field may not be null."
            : $"Expected a dictionary of items but got type \"{TypeName(node)}\".");
        return null;
    }

    private static int? ReadPrimaryKey(JsonNode? node, string key, JsonObject errors)
    {
        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out int number))
            {
                return number;
            }

            if (value.TryGetValue(out string? text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
            {
                return parsed;
            }
        }

        errors[key] = Messages(node is null
            ? "This field may not be null."
            : $"Incorrect type. Expected pk value, received {TypeName(node)}.");
        return null;
    }

    public static bool TryBoolean(JsonNode? node, out bool value)
    {
        value = false;
        if (node is not JsonValue v)
        {
            return false;
        }

        switch (v.GetValueKind())
        {
            case JsonValueKind.True:
                value = true;
                return true;
            case JsonValueKind.False:
                return true;
            case JsonValueKind.Number when v.TryGetValue(out int n) && n is 0 or 1:
                value = n == 1;
                return true;
            case JsonValueKind.String:
                return TryBoolean(v.GetValue<string>(), out value);
            default:
                return false;
        }
    }

    public static bool TryBoolean(string? text, out bool value)
    {
        value = text is "true" or "True" or "1";
        return value || text is "false" or "False" or "0";
    }

    private static string InvalidPk(string id) => $"Invalid pk \"{id}\" - object does not exist.";

    private static string TypeName(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Array => "list",
        JsonValueKind.String => "str",
        JsonValueKind.Number => "int",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Object => "dict",
        _ => "NoneType",
    };

    public static JsonArray Messages(string message) => [message];
}
