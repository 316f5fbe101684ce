using System.Linq;
using System.Management.Automation;

namespace SdeAlm.Filtering;

/// <summary>Case-insensitive PowerShell wildcard matching against any of several patterns.</summary>
internal sealed class WildcardFilter
{
    private readonly WildcardPattern[] _patterns;

    private WildcardFilter(string[] patterns)
    {
        _patterns = patterns.Select(Pattern).ToArray();
    }

    /// <summary>How every wildcard of the module matches: without regard to case or culture, as PowerShell's own cmdlets do.</summary>
    public static WildcardPattern Pattern(string pattern) =>
        WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);

    /// <summary>Null when no patterns were given, which callers read as "everything matches".</summary>
    public static WildcardFilter? Create(string[]? patterns) =>
        patterns is { Length: > 0 } ? new WildcardFilter(patterns) : null;

    public bool IsMatch(string? value)
    {
        var text = value ?? string.Empty;
        foreach (var pattern in _patterns)
        {
            if (pattern.IsMatch(text))
            {
                return true;
            }
        }

        return false;
    }
}
