using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace SdeAlm.Simulator;

/// <summary>
/// Creates the store of each context-root prefix on first use, seeded with the same data every
/// time (README.md lists it), under the field names of the prefix's mode, plus the extra
/// connections and jobs that <c>connections=N</c> and <c>jobs=N</c> ask for. Also keeps the
/// per-prefix counters of connectivity tests in flight (<c>/_sim/concurrency</c>).
/// </summary>
internal sealed class AlmStores(PluginSchemas almSchemas, Lazy<PluginSchemas> issueTrackerSchemas)
{
    /// <summary>When the <c>jobs=N</c> extra jobs begin: the k-th ran k minutes later, all before the seeded jobs.</summary>
    private static readonly DateTimeOffset ExtraJobsStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentDictionary<string, Lazy<AlmStore>> stores = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, TestConcurrency> concurrency = new(StringComparer.Ordinal);

    public AlmStore For(string prefix, Scenario scenario) =>
        stores.GetOrAdd(prefix, _ => new Lazy<AlmStore>(() => Seed(scenario))).Value;

    /// <summary>The connectivity test counters of <paramref name="prefix"/>, created on first use.</summary>
    public TestConcurrency Concurrency(string prefix) => concurrency.GetOrAdd(prefix, static _ => new TestConcurrency());

    /// <summary>The counters of <paramref name="prefix"/> if it has any, without creating them.</summary>
    public TestConcurrency? FindConcurrency(string prefix) => concurrency.TryGetValue(prefix, out TestConcurrency? counters) ? counters : null;

    private AlmStore Seed(Scenario scenario)
    {
        bool issueTracker = scenario.IssueTracker;
        var store = new AlmStore(issueTracker ? issueTrackerSchemas.Value : almSchemas, issueTracker);
        PluginSchema? jira = store.Schemas.FindLike("jira");
        PluginSchema? trac = store.Schemas.FindLike("trac");
        PluginSchema? github = store.Schemas.FindLike("github");
        if (jira is null || trac is null || github is null)
        {
            return store;
        }

        JsonObject Params(JsonObject values)
        {
            if (!issueTracker)
            {
                return values;
            }

            var renamed = new JsonObject();
            foreach (var (key, value) in values)
            {
                string name = IssueTrackerNames.FieldName(key);
                renamed[name] = IssueTrackerNames.FieldValue(name, value?.DeepClone());
            }

            return renamed;
        }

        ConnectorRecord jiraConnector = store.SeedConnector("Jira Cloud", jira, inaccessible: false, Params(new JsonObject
        {
            ["alm_method"] = "https",
            ["alm_server"] = "jira.example.com",
            ["alm_context_root"] = "",
            ["alm_verify_ssl"] = true,
            ["alm_user"] = "sde-bot@example.com",
            ["alm_pass"] = "jira-secret-T0ken",
            ["alm_issue_type"] = "Bug",
            ["alm_new_status"] = "Open",
            ["alm_done_statuses"] = "Closed,Resolved",
            ["alm_priority_map"] = """{"7-10": "High", "4-6": "Medium", "1-3": "Low"}""",
            ["conflict_policy"] = "alm",
            ["how_tos_in_scope"] = false,
            ["alm_api_version"] = "2",
            ["alm_max_results"] = 100,
            ["sde_min_priority"] = "7",
            ["sde_statuses_in_scope"] = "TODO",
            ["alm_phases"] = "requirements,architecture-design,development",
        }));

        ConnectorRecord tracConnector = store.SeedConnector("Trac (on premises)", trac, inaccessible: true, Params(new JsonObject
        {
            ["alm_method"] = "https",
            ["alm_server"] = "trac.corp.example",
            ["alm_user"] = "sde-sync",
            ["alm_pass"] = "trac-pa55word",
            ["conflict_policy"] = "sde",
            ["how_tos_in_scope"] = true,
            ["sde_min_priority"] = "5",
            ["sde_statuses_in_scope"] = "TODO,DONE",
            ["alm_phases"] = "requirements,development",
        }));

        ConnectorRecord githubConnector = store.SeedConnector("GitHub", github, inaccessible: false, Params(new JsonObject
        {
            ["alm_method"] = "https",
            ["alm_server"] = "api.github.com",
            ["alm_api_token"] = "ghp_simulatorToken0123456789",
            ["alm_close_reason"] = "completed",
            ["conflict_policy"] = "alm",
            ["alm_sync_comments"] = true,
        }));

        ConnectionRecord payments = store.SeedConnection("Payments JIRA", jiraConnector, 1, "daily", inProgress: false,
            Params(new JsonObject { ["alm_project"] = "PAY", ["alm_parent_issue"] = "PAY-1", ["alm_issue_type"] = "Story" }));
        ConnectionRecord mobile = store.SeedConnection("Mobile JIRA", jiraConnector, 2, "weekly", inProgress: true,
            Params(new JsonObject { ["alm_project"] = "MOB", ["sde_min_priority"] = 7 }));
        ConnectionRecord legacy = store.SeedConnection("Legacy Trac", tracConnector, 2, "manually", inProgress: false,
            Params(new JsonObject { ["alm_project"] = "Milestone 7" }));
        _ = store.SeedConnection("Website GitHub", githubConnector, 3, "hourly", inProgress: false,
            Params(new JsonObject { ["alm_project"] = "example/website", ["alm_issue_label"] = "security" }));

        // Ids are not in time order (job 5 ran before job 4), so clients must sort by last_run themselves.
        store.SeedJob(payments, user: 1, succeeded: true, ready: true, automatic: true, "2026-11-28T02:00:03.120Z",
            "Synchronized 42 tasks: 3 created, 39 up to date.");
        store.SeedJob(legacy, user: 2, succeeded: false, ready: true, automatic: false, "2026-11-27T15:41:09.500Z",
            "Error: could not connect to trac.corp.example: connection timed out.");
        store.SeedJob(mobile, user: 1, succeeded: true, ready: true, automatic: true, "2026-11-29T03:00:00.000Z",
            "Synchronized 17 tasks: 17 up to date.");
        store.SeedJob(payments, user: 1, succeeded: false, ready: true, automatic: true, "2026-11-30T02:00:04.800Z",
            "Error: JIRA answered 401 Unauthorized for user sde-bot@example.com.");
        store.SeedJob(payments, user: 2, succeeded: true, ready: true, automatic: false, "2026-11-29T10:15:00.000Z",
            "Synchronized 42 tasks: 42 up to date.");
        store.SeedJob(mobile, user: 1, succeeded: false, ready: false, automatic: true, "2026-12-01T03:00:00.000Z", "");
        store.SeedJob(legacy, user: 1, succeeded: false, ready: true, automatic: true, "2026-11-30T15:41:00.000Z",
            "Error: could not connect to trac.corp.example: connection timed out.");

        // Benchmarks: connections spread over projects 1..1000, alternately through Jira and GitHub,
        // each with the one required project param of its plugin; then a long history of connection 1.
        for (int k = 1; k <= scenario.ExtraConnections; k++)
        {
            bool viaJira = k % 2 == 1;
            _ = store.SeedConnection($"Bulk {k}", viaJira ? jiraConnector : githubConnector, ((k - 1) % 1000) + 1, "manually", inProgress: false,
                Params(new JsonObject { ["alm_project"] = viaJira ? $"BULK{k}" : $"example/bulk-{k}" }));
        }

        for (int k = 1; k <= scenario.ExtraJobs; k++)
        {
            bool failed = k % 10 == 0;
            store.SeedJob(payments, user: 1, succeeded: !failed, ready: true, automatic: true, ExtraJobsStart.AddMinutes(k),
                failed ? "Error: JIRA answered 401 Unauthorized for user sde-bot@example.com." : "Synchronized 42 tasks: 42 up to date.");
        }

        return store;
    }
}
