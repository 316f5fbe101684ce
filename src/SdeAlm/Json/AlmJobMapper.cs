using SdeAlm.Model;

namespace SdeAlm.Json;

/// <summary>Builds the public job objects from what the API sent; times are shown in the local time zone.</summary>
internal static class AlmJobMapper
{
    /// <summary>
    /// A job, remembering the server connection it was read through; the <c>last_job</c> of an ALM connection names neither its connection nor its project, so
    /// the caller passes them as <paramref name="almConnectionId"/> and <paramref name="projectId"/>.
    /// </summary>
    public static AlmJob ToJob(AlmJobWire job, string server, object? serverConnection, int? almConnectionId = null, int? projectId = null) =>
        new(
            job.Id,
            job.Connection ?? almConnectionId,
            job.ProjectId ?? projectId,
            job.User,
            job.Succeeded,
            job.Ready,
            job.Automatic,
            job.LastRun?.ToLocalTime(),
            job.ResultMessage,
            server,
            serverConnection);
}
