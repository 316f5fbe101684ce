using System;
using System.Collections.Generic;

namespace SdeAlm.Settings;

/// <summary>Finds the name a mistyped key was probably meant to be, by edit distance.</summary>
internal static class NameSuggester
{
    /// <summary>
    /// The candidate with the smallest Levenshtein distance to <paramref name="name"/>, ignoring case;
    /// on a tie the earlier candidate wins. Null when there are no candidates.
    /// </summary>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Insertions, deletions and substitutions needed to turn one text into the other, ignoring case.</summary>
    public static int Distance(string a, string b)
    {
        var source = a.ToUpperInvariant();
        var target = b.ToUpperInvariant();
        var previous = new int[target.Length + 1];
        var current = new int[target.Length + 1];
        for (var j = 0; j <= target.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= source.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= target.Length; j++)
            {
                var substitution = previous[j - 1] + (source[i - 1] == target[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[target.Length];
    }
}
