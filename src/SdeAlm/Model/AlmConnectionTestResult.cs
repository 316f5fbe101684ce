namespace SdeAlm.Model;

/// <summary>
/// What SD Elements answered when asked whether it can reach an ALM server with a connector's or an
/// ALM connection's settings. A failed test is a result, not an error.
/// </summary>
public sealed class AlmConnectionTestResult
{
    internal AlmConnectionTestResult(bool success, string message, string target, string server)
    {
        Success = success;
        Message = message;
        Target = target;
        Server = server;
    }

    /// <summary>True when SD Elements connected to the ALM server (and found the ALM project) with the settings.</summary>
    public bool Success { get; }

    /// <summary>Why the test failed, in the server's words; empty when it succeeded or the server gave no reason.</summary>
    public string Message { get; }

    /// <summary>What was tested: "connector 3", "connection 12" or "plugin jira (unsaved)".</summary>
    public string Target { get; }

    /// <summary>The server that ran the test, context root included.</summary>
    public string Server { get; }

    public override string ToString() => Success ? $"{Target}: success" : $"{Target}: failed: {Message}";
}
