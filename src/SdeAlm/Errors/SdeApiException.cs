using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace SdeAlm.Errors;

/// <summary>
/// A failure talking to SD Elements, carrying what PowerShell needs for a good ErrorRecord:
/// a stable ErrorId, the category and the object the failure concerns.
/// </summary>
public sealed class SdeApiException : Exception
{
    public SdeApiException()
        : this("SD Elements request failed.", SdeErrorIds.RequestFailed, ErrorCategory.ProtocolError)
    {
    }

    public SdeApiException(string message)
        : this(message, SdeErrorIds.RequestFailed, ErrorCategory.ProtocolError)
    {
    }

    public SdeApiException(string message, Exception innerException)
        : this(message, SdeErrorIds.RequestFailed, ErrorCategory.ProtocolError, null, null, innerException)
    {
    }

    internal SdeApiException(
        string message,
        string errorId,
        ErrorCategory category,
        object? targetObject = null,
        int? statusCode = null,
        Exception? innerException = null,
        IReadOnlyList<string>? serverMessages = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Category = category;
        TargetObject = targetObject;
        StatusCode = statusCode;
        ServerMessages = serverMessages ?? [];
    }

    /// <summary>The stable identifier PowerShell shows as FullyQualifiedErrorId.</summary>
    public string ErrorId { get; }

    public ErrorCategory Category { get; }

    /// <summary>The request URL, plugin id or argument the failure concerns.</summary>
    public object? TargetObject { get; }

    /// <summary>The HTTP status code, when the server answered.</summary>
    public int? StatusCode { get; }

    /// <summary>
    /// What the server said about the failure, one problem each: the detail text, or field errors as
    /// <c>params.alm_server: This field is required.</c>. Empty when it said nothing readable.
    /// </summary>
    internal IReadOnlyList<string> ServerMessages { get; }

    internal ErrorRecord ToErrorRecord() => new(this, ErrorId, Category, TargetObject);
}
