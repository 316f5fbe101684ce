using SdeAlm.Errors;
using SdeAlm.Model;

namespace SdeAlm.Api;

/// <summary>
/// How waiting for one queued job ended: finished (<see cref="Job"/> ready, no problem), still
/// running when the wait timed out (the job as last seen, and the timeout as the problem), or gone
/// from the server (no job, the problem says so).
/// </summary>
internal sealed class AlmJobWait
{
    public AlmJobWait(AlmJob? job, SdeApiException? problem)
    {
        Job = job;
        Problem = problem;
    }

    public AlmJob? Job { get; }

    public SdeApiException? Problem { get; }
}
