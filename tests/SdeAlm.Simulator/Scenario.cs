using System.Globalization;

namespace SdeAlm.Simulator;

/// <summary>
/// Behaviour selected by the path segments that precede <c>api</c>, e.g.
/// <c>/page=2/throttle=1/run=abc/api/v2/plugins/alm/</c>. Keeping the configuration in
/// the URL makes the server stateless from a test's point of view: a test picks a
/// "context root" and gets that behaviour without any setup call.
/// </summary>
/// <remarks>
/// Segments with an unknown name (<c>run=abc</c>, <c>sde</c>) are accepted and ignored,
/// so they can serve as isolation keys or as an ordinary context root.
/// </remarks>
internal sealed class Scenario
{
    public static readonly Scenario Default = new();

    /// <summary>The most extra connections or jobs the <c>connections=N</c> and <c>jobs=N</c> options add.</summary>
    public const int MaxExtra = 100_000;

    /// <summary>List page size; null = no pagination.</summary>
    public int? PageSize { get; private set; }

    /// <summary>Number of leading requests answered with 429.</summary>
    public int Throttle { get; private set; }

    /// <summary>Retry-After seconds for 429 answers; null = omit the header.</summary>
    public int? RetryAfter { get; private set; } = 1;

    /// <summary>Number of requests (after the throttled ones) answered with <see cref="FailStatus"/>.</summary>
    public int Fail { get; private set; }

    public int FailStatus { get; private set; } = 503;

    /// <summary>Fixed status for every request; null = normal behaviour.</summary>
    public int? Status { get; private set; }

    public int DelayMs { get; private set; }

    public bool Html { get; private set; }

    public bool Broken { get; private set; }

    public bool NotJson { get; private set; }

    /// <summary>host:port to redirect to (307), or null.</summary>
    public string? RedirectTo { get; private set; }

    public bool RedirectSame { get; private set; }

    /// <summary>host:port that pagination <c>next</c> links point at (over http), or null for this server.</summary>
    public string? NextTo { get; private set; }

    /// <summary>Serve fuzz mutation number n of the real answers instead of the answers themselves.</summary>
    public int? Fuzz { get; private set; }

    /// <summary>Stream a plugin list this many MiB long (a name that never ends), without holding it in memory.</summary>
    public int? HugeMiB { get; private set; }

    /// <summary>Stream a plugin list this many MiB long made of empty plugins, <c>{},{},…</c>: millions of tiny values.</summary>
    public int? FloodMiB { get; private set; }

    /// <summary>Send the huge or flood answer gzip-compressed (a decompression bomb).</summary>
    public bool Gzip { get; private set; }

    /// <summary>Send the first half of every body, then wait this long before the rest.</summary>
    public int StallMs { get; private set; }

    /// <summary>Serve only the current "issue-tracker" resource names, with <c>issue_tracker_</c> field names.</summary>
    public bool IssueTracker { get; private set; }

    /// <summary>Act as a user without "Edit ALM connections": connections come without <c>params</c>, and writing them is 403.</summary>
    public bool NoParams { get; private set; }

    /// <summary>Connectors (list, by id, write answers) come without <c>params</c>; writing them is still allowed.</summary>
    public bool NoConnectorParams { get; private set; }

    /// <summary>Jobs without <c>project_id</c>, as older servers send them.</summary>
    public bool NoJobProject { get; private set; }

    /// <summary>Status (429 or 503) for the first <see cref="WriteThrottleCount"/> writes, answered before anything is applied.</summary>
    public int? WriteThrottle { get; private set; }

    public int WriteThrottleCount { get; private set; } = 1;

    /// <summary>Status for the next <see cref="WriteFailCount"/> writes, answered after the write was applied; 0 drops the connection instead.</summary>
    public int? WriteFail { get; private set; }

    public int WriteFailCount { get; private set; } = 1;

    /// <summary>DELETE of connectors and connections is not allowed (405), as on a server that keeps removal out of the API.</summary>
    public bool NoDelete { get; private set; }

    /// <summary>DELETE of an existing connector or connection answers 404 although GET finds it.</summary>
    public bool DeleteNotFound { get; private set; }

    /// <summary>How long a queued sync job takes to finish, in milliseconds.</summary>
    public int JobDelayMs { get; private set; } = 1000;

    /// <summary>Every sync job queued through the API fails.</summary>
    public bool JobFail { get; private set; }

    /// <summary>Jobs live under <c>jobs/issue-tracker/</c> instead of <c>jobs/alm/</c>.</summary>
    public bool JobsIssueTracker { get; private set; }

    /// <summary>No jobs paths at all (404), as on a server without the jobs API.</summary>
    public bool NoJobs { get; private set; }

    /// <summary>The project whose syncs the user may not start: its job POSTs answer 403.</summary>
    public int? JobDenyProject { get; private set; }

    /// <summary>How long each connectivity test (<c>testalm</c>) takes before it answers, in milliseconds.</summary>
    public int TestDelayMs { get; private set; }

    /// <summary>ALM connections added to the seeded store (<c>Bulk 1</c> …), for benchmarks.</summary>
    public int ExtraConnections { get; private set; }

    /// <summary>Finished jobs of connection 1 added to the seeded store, for benchmarks.</summary>
    public int ExtraJobs { get; private set; }

    /// <summary>Parses the scenario segments; returns false with a message for a malformed known option.</summary>
    public static bool TryParse(IReadOnlyList<string> segments, out Scenario scenario, out string? error)
    {
        scenario = Default;
        error = null;
        if (segments.Count == 0)
        {
            return true;
        }

        var result = new Scenario();
        foreach (string segment in segments)
        {
            int eq = segment.IndexOf('=');
            string name = eq < 0 ? segment : segment[..eq];
            string? value = eq < 0 ? null : segment[(eq + 1)..];

            bool ok = name switch
            {
                "page" => TryInt(value, 1, int.MaxValue, v => result.PageSize = v),
                "throttle" => TryInt(value, 0, int.MaxValue, v => result.Throttle = v),
                "retryafter" when value == "none" => Set(() => result.RetryAfter = null),
                "retryafter" => TryInt(value, 0, int.MaxValue, v => result.RetryAfter = v),
                "fail" => TryInt(value, 0, int.MaxValue, v => result.Fail = v),
                "failstatus" => TryInt(value, 400, 599, v => result.FailStatus = v),
                "status" => TryInt(value, 200, 599, v => result.Status = v),
                "delay" => TryInt(value, 0, 600_000, v => result.DelayMs = v),
                "html" => Set(() => result.Html = true),
                "broken" => Set(() => result.Broken = true),
                "notjson" => Set(() => result.NotJson = true),
                "redirect" => TryHostPort(value, v => result.RedirectTo = v),
                "redirectsame" => Set(() => result.RedirectSame = true),
                "nextto" => TryHostPort(value, v => result.NextTo = v),
                "fuzz" => TryInt(value, 0, int.MaxValue, v => result.Fuzz = v),
                "huge" => TryInt(value, 1, 4096, v => result.HugeMiB = v),
                "flood" => TryInt(value, 1, 4096, v => result.FloodMiB = v),
                "gzip" => Set(() => result.Gzip = true),
                "stall" => TryInt(value, 0, 600_000, v => result.StallMs = v),
                "issuetracker" => Set(() => result.IssueTracker = true),
                "noparams" => Set(() => result.NoParams = true),
                "noconnectorparams" => Set(() => result.NoConnectorParams = true),
                "nojobproject" => Set(() => result.NoJobProject = true),
                "writethrottle" => TryInt(value, 400, 599, v => result.WriteThrottle = v),
                "writethrottlecount" => TryInt(value, 0, int.MaxValue, v => result.WriteThrottleCount = v),
                "writefail" when value == "drop" => Set(() => result.WriteFail = 0),
                "writefail" => TryInt(value, 400, 599, v => result.WriteFail = v),
                "writefailcount" => TryInt(value, 0, int.MaxValue, v => result.WriteFailCount = v),
                "nodelete" => Set(() => result.NoDelete = true),
                "deletenotfound" => Set(() => result.DeleteNotFound = true),
                "jobdelay" => TryInt(value, 0, 600_000, v => result.JobDelayMs = v),
                "jobfail" => Set(() => result.JobFail = true),
                "jobsissuetracker" => Set(() => result.JobsIssueTracker = true),
                "nojobs" => Set(() => result.NoJobs = true),
                "jobdeny" => TryInt(value, 1, int.MaxValue, v => result.JobDenyProject = v),
                "testdelay" => TryInt(value, 0, 600_000, v => result.TestDelayMs = v),
                "connections" => TryInt(value, 0, MaxExtra, v => result.ExtraConnections = v),
                "jobs" => TryInt(value, 0, MaxExtra, v => result.ExtraJobs = v),
                _ => true,
            };

            if (!ok)
            {
                error = $"Invalid simulator option \"{segment}\".";
                return false;
            }
        }

        scenario = result;
        return true;
    }

    /// <summary>True if this segment is one the redirect options strip from the forwarded path.</summary>
    public static bool IsRedirectSegment(string segment) =>
        segment == "redirectsame" || segment.StartsWith("redirect=", StringComparison.Ordinal);

    private static bool Set(Action apply)
    {
        apply();
        return true;
    }

    private static bool TryInt(string? text, int min, int max, Action<int> apply)
    {
        if (text is null ||
            !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ||
            value < min || value > max)
        {
            return false;
        }

        apply(value);
        return true;
    }

    private static bool TryHostPort(string? text, Action<string> apply)
    {
        // Only host:port is meaningful here; a scheme or path would make the Location ambiguous.
        if (string.IsNullOrEmpty(text) || text.Contains('/') ||
            !Uri.TryCreate("http://" + text + "/", UriKind.Absolute, out _))
        {
            return false;
        }

        apply(text);
        return true;
    }
}
