using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using SdeAlm.Api;
using SdeAlm.Filtering;
using SdeAlm.Model;
using SdeAlm.Sessions;

namespace SdeAlm.Completion;

/// <summary>What the completers share: the catalog of the connection on the command line, word matching and quoting.</summary>
internal static class CompletionSource
{
    /// <summary>The longest a Tab may wait for the server.</summary>
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The catalog of the -CatalogPath on the line, of the -Connection on the line, or of the current
    /// connection, as the command will read it; empty when not connected, closed, or the server does not
    /// answer in time.
    /// </summary>
    public static IReadOnlyList<AlmPlugin> Plugins(IDictionary? fakeBoundParameters)
    {
        if (BoundTexts(fakeBoundParameters, "CatalogPath") is { Length: 1 } catalogPaths && catalogPaths[0].Length > 0)
        {
            // A local file, read at each Tab (no cache), so that a file just exported again is seen at once.
            return [.. PluginCatalogFile.Open(CurrentSessionState(), catalogPaths[0], "CatalogPath").GetAll(new RequestContext(null, CancellationToken.None))];
        }

        var connection = BoundValue(fakeBoundParameters, "Connection") as SdeConnection ?? SdeSession.Current;
        if (connection is null || !connection.IsOpen)
        {
            return [];
        }

        return CompletionCaches.For(connection).Catalog.Get(
            token => new AlmPluginCatalog(connection.Client).GetAll(new RequestContext(null, token)),
            Timeout);
    }

    /// <summary>
    /// The session state of the runspace that is completing, where a relative path starts (its current
    /// location, not the process's directory). A completer is given none, but runs on that runspace's
    /// thread, where <c>$ExecutionContext</c> is its own.
    /// </summary>
    private static SessionState CurrentSessionState() =>
        ScriptBlock.Create("$ExecutionContext.SessionState").Invoke() is { Count: 1 } results && results[0].BaseObject is SessionState session
            ? session
            : throw new InvalidOperationException("Completion runs outside a PowerShell runspace.");

    /// <summary>The sections of the plugins that -PluginId on the line selects (ids or wildcards; all plugins when absent).</summary>
    public static IEnumerable<AlmPluginSection> Sections(IEnumerable<AlmPlugin> plugins, IDictionary? fakeBoundParameters)
    {
        var ids = WildcardFilter.Create(BoundTexts(fakeBoundParameters, "PluginId"));
        return plugins
            .Where(plugin => ids is null || ids.IsMatch(plugin.Id))
            .SelectMany(plugin => plugin.Sections);
    }

    /// <summary>Runs a completer to the end: a completer that fails offers nothing rather than an error at the prompt.</summary>
    public static IEnumerable<CompletionResult> Safely(Func<IEnumerable<CompletionResult>> complete)
    {
        try
        {
            return complete().ToList();
        }
#pragma warning disable CA1031 // Completion must never fail at the prompt.
        catch (Exception)
#pragma warning restore CA1031
        {
            return [];
        }
    }

    /// <summary>A parameter value already on the line, unwrapped; null when absent.</summary>
    public static object? BoundValue(IDictionary? fakeBoundParameters, string name)
    {
        if (fakeBoundParameters is null || !fakeBoundParameters.Contains(name))
        {
            return null;
        }

        var value = fakeBoundParameters[name];
        return value is PSObject wrapped ? wrapped.BaseObject : value;
    }

    /// <summary>A string or list parameter value on the line as texts; null when absent.</summary>
    public static string[]? BoundTexts(IDictionary? fakeBoundParameters, string name) =>
        BoundValue(fakeBoundParameters, name) switch
        {
            null => null,
            string text => [text],
            IEnumerable items => items.Cast<object?>().Select(item => (item is PSObject wrapped ? wrapped.BaseObject : item)?.ToString() ?? string.Empty).ToArray(),
            var other => [other.ToString() ?? string.Empty],
        };

    /// <summary>
    /// Whether a candidate completes the word typed so far: a case-insensitive prefix, or a pattern
    /// when the word has wildcard characters. Quotes the user opened are ignored.
    /// </summary>
    public static bool Matches(string candidate, string? wordToComplete)
    {
        var word = Unquote(wordToComplete);
        if (word.Length == 0)
        {
            return true;
        }

        return WildcardPattern.ContainsWildcardCharacters(word)
            ? WildcardFilter.Pattern(word + "*").IsMatch(candidate)
            : candidate.StartsWith(word, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The text to insert: as it is when PowerShell reads it as one bare word, otherwise in single
    /// quotes. For parameters that take wildcards, wildcard characters are escaped so they match literally.
    /// </summary>
    public static string Quote(string text, bool escapeWildcards)
    {
        var literal = escapeWildcards ? WildcardPattern.Escape(text) : text;
        return NeedsQuotes(literal) ? "'" + literal.Replace("'", "''") + "'" : literal;
    }

    public static CompletionResult Result(string text, bool escapeWildcards, string toolTip) =>
        new(Quote(text, escapeWildcards), text, CompletionResultType.ParameterValue, string.IsNullOrEmpty(toolTip) ? text : toolTip);

    private static string Unquote(string? word) => (word ?? string.Empty).Trim().Trim('\'', '"', '\u2018', '\u2019', '\u201C', '\u201D');

    private static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || text[0] == '-')
        {
            return true;
        }

        foreach (var character in text)
        {
            if (!char.IsLetterOrDigit(character) && character is not ('_' or '-' or '.' or '/' or ':' or '+'))
            {
                return true;
            }
        }

        return false;
    }
}
