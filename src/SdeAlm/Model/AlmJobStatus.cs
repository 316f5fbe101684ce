namespace SdeAlm.Model;

/// <summary>Where a sync job is: still running, or finished with or without success.</summary>
public enum AlmJobStatus
{
    /// <summary>The job has not finished (not Ready): it has no outcome yet.</summary>
    Running,

    /// <summary>The job finished without error.</summary>
    Succeeded,

    /// <summary>The job finished with an error; its Message says why.</summary>
    Failed,
}
