using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;

namespace SdeAlm.Simulator;

/// <summary>
/// The stateful part of the API: connectors, ALM connections, their connectivity tests and sync
/// jobs, served from the prefix's <see cref="AlmStore"/>. Default mode serves the SD Elements 4-5
/// names (<c>…/alm/</c>, <c>testalm</c>); the issuetracker mode serves only <c>…/issue-tracker/</c>
/// (no <c>testalm</c>). Jobs keep their <c>alm</c> paths in both modes, unless jobsissuetracker
/// moves them to <c>issue-tracker</c> or nojobs removes them.
/// </summary>
internal sealed class AlmApi(AlmStores stores)
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private enum Resource
    {
        Connectors,
        Connections,
        ConnectorTest,
        ConnectionTest,
        Jobs,
        ProjectJobs,
    }

    /// <summary>True if <paramref name="route"/> is one of ours (answered, possibly with 404/405).</summary>
    public static bool Owns(ArraySegment<string> route) =>
        route.Count >= 4 && route[0] == "api" && route[1] == "v2" &&
        route[2] is "connectors" or "connections" or "jobs" or "projects";

    public async Task HandleAsync(HttpContext context, Scenario scenario, string prefix, ArraySegment<string> route)
    {
        if (!TryRoute(route, scenario, out Resource resource, out int? id))
        {
            await WriteAsync(context, ApiResult.NotFound()).ConfigureAwait(false);
            return;
        }

        string method = context.Request.Method;
        string allow = resource switch
        {
            Resource.ConnectorTest or Resource.ConnectionTest => "POST, OPTIONS",
            Resource.Jobs => "GET, HEAD, OPTIONS",
            Resource.ProjectJobs => "GET, POST, HEAD, OPTIONS",
            _ when id is null => "GET, POST, HEAD, OPTIONS",
            _ when scenario.NoDelete => "GET, PUT, PATCH, HEAD, OPTIONS",
            _ => "GET, PUT, PATCH, DELETE, HEAD, OPTIONS",
        };
        bool isRead = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        if (!allow.Split(", ").Contains(method) || HttpMethods.IsOptions(method))
        {
            context.Response.Headers.Allow = allow;
            await WriteAsync(context, new ApiResult(405, new JsonObject { ["detail"] = $"Method \"{method}\" not allowed." })).ConfigureAwait(false);
            return;
        }

        AlmStore store = stores.For(prefix, scenario);
        if (isRead)
        {
            await WriteReadAsync(context, scenario, store, resource, id).ConfigureAwait(false);
            return;
        }

        // A connectivity test is in flight from here until its answer is decided: it leaves the
        // count before the answer is sent, so a client that has its answer sees it counted out.
        TestConcurrency? counters = resource is Resource.ConnectorTest or Resource.ConnectionTest ? stores.Concurrency(prefix) : null;
        counters?.Enter();
        ApiResult? result;
        try
        {
            result = await DecideWriteAsync(context, scenario, store, resource, id).ConfigureAwait(false);
        }
        finally
        {
            counters?.Leave();
        }

        if (result is not null)
        {
            await WriteAsync(context, resource == Resource.Connectors ? WithoutConnectorParams(result, scenario) : result).ConfigureAwait(false);
        }
    }

    /// <summary>A connector answer as the noconnectorparams mode sends it: without <c>params</c> (the store keeps them).</summary>
    private static ApiResult WithoutConnectorParams(ApiResult result, Scenario scenario)
    {
        if (scenario.NoConnectorParams && result.Status is >= 200 and < 300 && result.Body is JsonObject connector)
        {
            connector.Remove("params");
        }

        return result;
    }

    private static bool TryRoute(ArraySegment<string> route, Scenario scenario, out Resource resource, out int? id)
    {
        resource = default;
        id = null;
        bool issueTracker = scenario.IssueTracker;
        string kind = issueTracker ? "issue-tracker" : "alm";
        string jobKind = scenario.JobsIssueTracker ? "issue-tracker" : "alm";
        int? trailingId = null;

        if (route[2] is "connectors" or "connections")
        {
            if (route.Count == 4 && route[3] == "testalm" && !issueTracker)
            {
                resource = route[2] == "connectors" ? Resource.ConnectorTest : Resource.ConnectionTest;
                return true;
            }

            if (route[3] != kind || route.Count > 5 || (route.Count == 5 && !TryId(route[4], out trailingId)))
            {
                return false;
            }

            resource = route[2] == "connectors" ? Resource.Connectors : Resource.Connections;
            id = trailingId;
            return true;
        }

        if (scenario.NoJobs)
        {
            return false;
        }

        if (route[2] == "jobs" && route[3] == jobKind && route.Count <= 5 && (route.Count == 4 || TryId(route[4], out trailingId)))
        {
            resource = Resource.Jobs;
            id = trailingId;
            return true;
        }

        if (route[2] == "projects" && route.Count == 6 && TryId(route[3], out int? project) && route[4] == "jobs" && route[5] == jobKind)
        {
            resource = Resource.ProjectJobs;
            id = project;
            return true;
        }

        return false;
    }

    private static async Task WriteReadAsync(HttpContext context, Scenario scenario, AlmStore store, Resource resource, int? id)
    {
        IQueryCollection query = context.Request.Query;
        var errors = new JsonObject();
        bool includeLastJob = Includes(query["include"], "last_job");
        bool expandConnection = Includes(query["expand"], "connection");
        bool withProject = !scenario.NoJobProject;
        bool withParams = !scenario.NoParams;

        switch (resource)
        {
            case Resource.Connectors when id is int connectorId:
                await WriteAsync(context, WithoutConnectorParams(store.GetConnector(connectorId), scenario)).ConfigureAwait(false);
                return;
            case Resource.Connectors:
                List<JsonNode> connectors = store.ListConnectors();
                foreach (JsonObject connector in connectors.OfType<JsonObject>())
                {
                    WithoutConnectorParams(new ApiResult(200, connector), scenario);
                }

                await WriteListAsync(context, scenario, connectors).ConfigureAwait(false);
                return;
            case Resource.Connections when id is int connectionId:
                await WriteAsync(context, store.GetConnection(connectionId, includeLastJob, withParams)).ConfigureAwait(false);
                return;
            case Resource.Connections:
                int? project = IntegerFilter(query, "project", errors);
                if (errors.Count > 0)
                {
                    break;
                }

                await WriteListAsync(context, scenario, store.ListConnections(project, includeLastJob, withParams)).ConfigureAwait(false);
                return;
            case Resource.Jobs when id is int jobId:
                await WriteAsync(context, store.GetJob(jobId, expandConnection, withProject, withParams)).ConfigureAwait(false);
                return;
            default:
                int? projectId = resource == Resource.ProjectJobs ? id : null;
                int? connection = IntegerFilter(query, "connection", errors);
                int? user = IntegerFilter(query, "user", errors);
                bool? succeeded = BooleanFilter(query, "succeeded", errors);
                bool? ready = BooleanFilter(query, "ready", errors);
                bool? automatic = BooleanFilter(query, "automatic", errors);
                if (errors.Count > 0)
                {
                    break;
                }

                List<JsonNode> jobs = store.ListJobs(
                    (job, jobProject) =>
                        (projectId is null || jobProject == projectId) &&
                        (connection is null || job.ConnectionId == connection) &&
                        (user is null || job.User == user) &&
                        (succeeded is null || job.Succeeded == succeeded) &&
                        (ready is null || job.Ready == ready) &&
                        (automatic is null || job.Automatic == automatic),
                    expandConnection,
                    withProject,
                    withParams);
                await WriteListAsync(context, scenario, jobs).ConfigureAwait(false);
                return;
        }

        await WriteAsync(context, ApiResult.Invalid(errors)).ConfigureAwait(false);
    }

    /// <summary>
    /// POST, PATCH, PUT and DELETE, including the connectivity tests and queuing jobs: the answer to
    /// send, or null when the connection was dropped. The write fault options count these requests
    /// per prefix: the first writethrottlecount are refused before anything happens, the next
    /// writefailcount are applied and then answered with the failure.
    /// </summary>
    private static async Task<ApiResult?> DecideWriteAsync(HttpContext context, Scenario scenario, AlmStore store, Resource resource, int? id)
    {
        // Job bodies hold no secrets, so the journal keeps them (tests check what was asked for);
        // read before anything else so that a throttled attempt shows its body too.
        BodyRead? jobBody = null;
        if (resource == Resource.ProjectJobs)
        {
            jobBody = await ReadBodyAsync(context).ConfigureAwait(false);
            if (jobBody.Parsed is not null && RequestJournal.Find(context) is LoggedRequest logged)
            {
                logged.Body = jobBody.Parsed.DeepClone();
            }
        }

        long number = store.NextWriteNumber();
        if (scenario.WriteThrottle is int throttleStatus && number <= scenario.WriteThrottleCount)
        {
            if (scenario.RetryAfter is int seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            string detail = throttleStatus == 429 ? "Request was throttled." : "Service temporarily unavailable.";
            return new ApiResult(throttleStatus, new JsonObject { ["detail"] = detail });
        }

        if (scenario.TestDelayMs > 0 && resource is Resource.ConnectorTest or Resource.ConnectionTest)
        {
            // The remote check takes its time; nothing is locked meanwhile.
            try
            {
                await Task.Delay(scenario.TestDelayMs, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return null;
            }
        }

        ApiResult result = await ApplyAsync(context, scenario, store, resource, id, jobBody).ConfigureAwait(false);

        long failFrom = scenario.WriteThrottle is null ? 0 : scenario.WriteThrottleCount;
        if (scenario.WriteFail is int failStatus && number > failFrom && number <= failFrom + scenario.WriteFailCount)
        {
            if (failStatus == 0)
            {
                context.Abort();
                return null;
            }

            return new ApiResult(failStatus, new JsonObject { ["detail"] = $"Simulated {failStatus} after the change was applied." });
        }

        return result;
    }

    private static async Task<ApiResult> ApplyAsync(HttpContext context, Scenario scenario, AlmStore store, Resource resource, int? id, BodyRead? bodyRead)
    {
        if ((scenario.NoParams && resource is Resource.Connections or Resource.ConnectionTest)
            || (resource == Resource.ProjectJobs && id == scenario.JobDenyProject))
        {
            return new ApiResult(403, new JsonObject { ["detail"] = "You do not have permission to perform this action." });
        }

        HttpRequest request = context.Request;
        if (HttpMethods.IsDelete(request.Method))
        {
            if (scenario.DeleteNotFound)
            {
                return ApiResult.NotFound();
            }

            return resource == Resource.Connectors ? store.DeleteConnector(id!.Value) : store.DeleteConnection(id!.Value);
        }

        BodyRead read = bodyRead ?? await ReadBodyAsync(context).ConfigureAwait(false);
        if (read.Body is not JsonObject body)
        {
            return read.Error!;
        }

        bool partial = HttpMethods.IsPatch(request.Method);
        return resource switch
        {
            Resource.ConnectorTest => store.TestConnector(body),
            Resource.ConnectionTest => store.TestConnection(body),
            Resource.Connectors => store.SaveConnector(id, body, partial),
            Resource.ProjectJobs => store.CreateJob(id!.Value, body, TimeSpan.FromMilliseconds(scenario.JobDelayMs), scenario.JobFail, withProject: !scenario.NoJobProject),
            _ => store.SaveConnection(id, body, partial),
        };
    }

    /// <summary>A request body: <see cref="Parsed"/> is any JSON it held, <see cref="Body"/> the object the API wants, else <see cref="Error"/>.</summary>
    private sealed record BodyRead(JsonNode? Parsed, JsonObject? Body, ApiResult? Error);

    /// <summary>The JSON object of the request, DRF style: an empty body is an empty object.</summary>
    private static async Task<BodyRead> ReadBodyAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return new BodyRead(null, [], null);
        }

        string? mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new BodyRead(null, null, new ApiResult(415, new JsonObject { ["detail"] = $"Unsupported media type \"{request.ContentType}\" in request." }));
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(buffer.ToArray());
        }
        catch (JsonException ex)
        {
            return new BodyRead(null, null, ApiResult.Invalid(new JsonObject { ["detail"] = $"JSON parse error - {ex.Message}" }));
        }

        if (node is JsonObject body)
        {
            return new BodyRead(body, body, null);
        }

        string type = node is JsonArray ? "list" : node?.GetValueKind() == JsonValueKind.String ? "str" : "value";
        return new BodyRead(node, null, ApiResult.Invalid(new JsonObject { ["non_field_errors"] = AlmStore.Messages($"Invalid data. Expected a dictionary, but got {type}.") }));
    }

    /// <summary>The whole list, or with <c>page=N</c> in the context root DRF's page object, <c>next</c> keeping the filters.</summary>
    private static Task WriteListAsync(HttpContext context, Scenario scenario, List<JsonNode> items)
    {
        if (scenario.PageSize is not int pageSize)
        {
            return WriteAsync(context, new ApiResult(200, new JsonObject { ["results"] = new JsonArray([.. items]) }));
        }

        HttpRequest request = context.Request;
        int pageCount = Math.Max(1, (items.Count + pageSize - 1) / pageSize);
        int page = 1;
        string? pageText = request.Query["page"];
        if (pageText is not null &&
            (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > pageCount))
        {
            return WriteAsync(context, new ApiResult(404, new JsonObject { ["detail"] = "Invalid page." }));
        }

        string Link(int target)
        {
            var query = new QueryBuilder(request.Query.Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))))
            {
                { "page", target.ToString(CultureInfo.InvariantCulture) },
            };
            return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query.ToQueryString());
        }

        return WriteAsync(context, new ApiResult(200, new JsonObject
        {
            ["count"] = items.Count,
            ["next"] = page < pageCount ? Link(page + 1) : null,
            ["previous"] = page > 1 ? Link(page - 1) : null,
            ["results"] = new JsonArray([.. items.Skip((page - 1) * pageSize).Take(pageSize)]),
        }));
    }

    private static Task WriteAsync(HttpContext context, ApiResult result)
    {
        if (result.Body is null)
        {
            context.Response.StatusCode = result.Status;
            return Task.CompletedTask;
        }

        return SimulatorHandler.WriteAsync(context, result.Status, SimulatorHandler.JsonContentType, Serialize(result.Body));
    }

    public static byte[] Serialize(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool Includes(StringValues values, string name) =>
        values.SelectMany(v => (v ?? "").Split(',')).Contains(name, StringComparer.Ordinal);

    private static int? IntegerFilter(IQueryCollection query, string name, JsonObject errors)
    {
        string? text = query[name];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        errors[name] = AlmStore.Messages("Enter a number.");
        return null;
    }

    private static bool? BooleanFilter(IQueryCollection query, string name, JsonObject errors)
    {
        string? text = query[name];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (AlmStore.TryBoolean(text, out bool value))
        {
            return value;
        }

        errors[name] = AlmStore.Messages("Select a valid choice. That choice is not one of the available choices.");
        return null;
    }

    private static bool TryId(string text, out int? id)
    {
        bool ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value);
        id = ok ? value : null;
        return ok;
    }
}
