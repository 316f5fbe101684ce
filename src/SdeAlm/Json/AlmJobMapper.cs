using SdeAlm.Model;

namespace SdeAlm.Json;

/// <summary>Builds the public job objects from what the API sent; times are shown in the local time zone.</summary>
internal static class AlmJobMapper
{
    public static AlmJob ToJob(AlmJobJson job, string server) =>
        new(
            job.Id,
            job.Connection,
            job.ProjectId,
            job.User,
            job.Succeeded,
            job.Ready,
            job.Automatic,
            job.LastRun?.ToLocalTime(),
            job.ResultMessage,
            server);
}
