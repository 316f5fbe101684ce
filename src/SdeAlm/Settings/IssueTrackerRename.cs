using System;

namespace SdeAlm.Settings;

/// <summary>
/// SD Elements' rename of its ALM params: current releases call <c>alm_X</c> <c>issue_tracker_X</c>
/// (<c>alm_server</c> is <c>issue_tracker_server</c>) and the option value <c>alm</c> (of
/// <c>conflict_policy</c>) <c>issue_tracker</c>. So that a script written for one generation works on a
/// server of the other, a name or option value the server's catalog lacks is translated to its
/// counterpart when the catalog has that. The rule is the prefix, not a list: the renames SD Elements
/// documents are examples of it, and only the catalog says which names a server has.
/// </summary>
internal static class IssueTrackerRename
{
    private const string AlmPrefix = "alm_";
    private const string IssueTrackerPrefix = "issue_tracker_";
    private const string AlmValue = "alm";
    private const string IssueTrackerValue = "issue_tracker";

    /// <summary>The name in the other generation (<c>alm_X</c> ↔ <c>issue_tracker_X</c>, prefix in any case); null for a name of neither.</summary>
    public static string? Counterpart(string name) =>
        name.StartsWith(AlmPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > AlmPrefix.Length ? IssueTrackerPrefix + name.Substring(AlmPrefix.Length)
        : name.StartsWith(IssueTrackerPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > IssueTrackerPrefix.Length ? AlmPrefix + name.Substring(IssueTrackerPrefix.Length)
        : null;

    /// <summary>The option value in the other generation (<c>alm</c> ↔ <c>issue_tracker</c>, in any case); null for any other.</summary>
    public static string? ValueCounterpart(string value) =>
        string.Equals(value, AlmValue, StringComparison.OrdinalIgnoreCase) ? IssueTrackerValue
        : string.Equals(value, IssueTrackerValue, StringComparison.OrdinalIgnoreCase) ? AlmValue
        : null;

    /// <summary>Why a name or value was translated to <paramref name="translated"/>, as -Verbose says it.</summary>
    public static string Reason(string translated) =>
        translated.StartsWith(IssueTrackerPrefix, StringComparison.OrdinalIgnoreCase) || string.Equals(translated, IssueTrackerValue, StringComparison.OrdinalIgnoreCase)
            ? "this server uses the issue-tracker names"
            : "this server uses the ALM names of SD Elements 4.x and 5.x";
}
