using System;
using System.Collections.Generic;

namespace SdeAlm.Settings;

/// <summary>
/// Finds the name a mistyped one was probably meant to be, by edit distance, and only when it is
/// close: a suggestion that has little to do with what was typed misleads more than none.
/// </summary>
internal static class NameSuggester
{
    /// <summary>
    /// The candidate closest to <paramref name="name"/> (ignoring case), counted by edits relative to
    /// the longer of the two names, among those within a third of it (<see cref="IsClose"/>); on a
    /// tie the candidate with fewer edits, then the earlier one, wins. Null when none is close.
    /// </summary>
    public static string? Nearest(string name, IEnumerable<string> candidates) => Nearest([name], candidates);

    /// <summary>
    /// <see cref="Nearest(string, IEnumerable{string})"/> for a name that has several spellings (as a
    /// setting key has in the two generations of SD Elements' names): the candidate closest to any of them.
    /// </summary>
    public static string? Nearest(IReadOnlyCollection<string> spellings, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = 0;
        var bestLength = 1;
        foreach (var candidate in candidates)
        {
            foreach (var spelling in spellings)
            {
                var distance = Distance(spelling, candidate);
                var length = Math.Max(spelling.Length, candidate.Length);
                if (!IsClose(distance, length))
                {
                    continue;
                }

                // distance / length < bestDistance / bestLength, without division; fewer edits on a tie.
                var order = ((long)distance * bestLength).CompareTo((long)bestDistance * length);
                if (best is null || order < 0 || (order == 0 && distance < bestDistance))
                {
                    best = candidate;
                    bestDistance = distance;
                    bestLength = length;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Whether <paramref name="distance"/> edits between two names, the longer of which is
    /// <paramref name="length"/> characters, still leave them alike: at most a third of the
    /// characters changed, and something in common at all.
    /// </summary>
    public static bool IsClose(int distance, int length) => distance < length && 3 * distance <= length;

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
