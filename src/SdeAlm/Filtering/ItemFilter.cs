using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Settings;

namespace SdeAlm.Filtering;

/// <summary>
/// The filters of a Get- cmdlet: items are kept when every condition holds. Over the whole input (every
/// record of a pipeline) it also remembers what each literal value, one without wildcards, found, so
/// that a literal that found nothing can be reported once at the end, as Get-Process -Name does, while
/// a wildcard that matches nothing stays silent.
/// </summary>
internal sealed class ItemFilter<T>
{
    private readonly List<PatternCondition> _patterns = [];
    private readonly List<(string Description, Func<T, bool> Holds)> _conditions = [];

    /// <summary>
    /// Keeps the items whose <paramref name="property"/> (or <paramref name="alsoNamed"/>, another name
    /// the item goes by) matches one of the patterns given to -<paramref name="parameter"/>; none given: no condition.
    /// </summary>
    public ItemFilter<T> Where(string parameter, string[]? patterns, Func<T, string?> property, Func<T, string?>? alsoNamed = null)
    {
        if (patterns is { Length: > 0 })
        {
            _patterns.Add(new PatternCondition(parameter, patterns, property, alsoNamed));
        }

        return this;
    }

    /// <summary>Keeps the items for which <paramref name="holds"/> is true; <paramref name="description"/> names it in messages, such as "-Scope project".</summary>
    public ItemFilter<T> Where(string description, Func<T, bool> holds)
    {
        _conditions.Add((description, holds));
        return this;
    }

    /// <summary>True when the item meets every condition; remembers what the literal values found.</summary>
    public bool Keep(T item)
    {
        var kept = true;
        foreach (var condition in _patterns)
        {
            // Every pattern condition sees every item, so that a literal found but filtered out by another condition is known as such.
            kept &= condition.Match(item);
        }

        kept = kept && _conditions.All(condition => condition.Holds(item));
        if (kept)
        {
            foreach (var condition in _patterns)
            {
                condition.KeepMatched();
            }
        }

        return kept;
    }

    /// <summary>
    /// Each literal value that no kept item matched, once, with a message: nothing had that value (with
    /// the nearest value there was), or items had it but none met the other conditions too.
    /// </summary>
    /// <param name="noun">What the items are, as in "No {noun} matches": "field of trac", "ALM connector".</param>
    public IReadOnlyList<FilterMiss> Misses(string noun)
    {
        var misses = new List<FilterMiss>();
        foreach (var condition in _patterns)
        {
            foreach (var literal in condition.Literals.Where(literal => !literal.Kept))
            {
                misses.Add(literal.Seen
                    ? new FilterMiss(condition.Parameter, literal.Text, $"{Article(noun)} {noun} matches -{condition.Parameter} '{literal.Text}', but none also matches {Others(condition)}.")
                    : new FilterMiss(condition.Parameter, literal.Text, Unmatched(noun, condition, literal.Text)));
            }
        }

        return misses;
    }

    private static string Unmatched(string noun, PatternCondition condition, string literal)
    {
        var nearest = NameSuggester.Nearest(literal, condition.Values);
        return nearest is null
            ? $"No {noun} matches -{condition.Parameter} '{literal}'. Leave -{condition.Parameter} out to see every {noun}."
            : $"No {noun} matches -{condition.Parameter} '{literal}'. Did you mean '{nearest}'?";
    }

    /// <summary>The conditions other than <paramref name="except"/>, as given: "-Section 'Cred*', -Scope project and -Required".</summary>
    private string Others(PatternCondition except)
    {
        var others = _patterns.Where(condition => !ReferenceEquals(condition, except)).Select(condition => condition.Description)
            .Concat(_conditions.Select(condition => condition.Description))
            .ToList();
        return others.Count == 1 ? others[0] : $"{string.Join(", ", others.Take(others.Count - 1))} and {others[others.Count - 1]}";
    }

    private static string Article(string noun) => "AEIOU".IndexOf(char.ToUpperInvariant(noun[0])) >= 0 ? "An" : "A";

    private sealed class Literal(string text, WildcardPattern pattern)
    {
        public string Text { get; } = text;

        public WildcardPattern Pattern { get; } = pattern;

        /// <summary>Some item had the value.</summary>
        public bool Seen { get; set; }

        /// <summary>Some item with the value met every condition.</summary>
        public bool Kept { get; set; }

        /// <summary>The item being judged has the value.</summary>
        public bool MatchesCurrent { get; set; }
    }

    private sealed class PatternCondition
    {
        private readonly WildcardFilter _filter;
        private readonly Func<T, string?> _property;
        private readonly Func<T, string?>? _alsoNamed;
        private readonly List<string> _values = [];
        private readonly HashSet<string> _distinct = new(StringComparer.OrdinalIgnoreCase);

        public PatternCondition(string parameter, string[] patterns, Func<T, string?> property, Func<T, string?>? alsoNamed)
        {
            Parameter = parameter;
            _filter = WildcardFilter.Create(patterns)!;
            _property = property;
            _alsoNamed = alsoNamed;
            Literals = patterns
                .Where(pattern => !WildcardPattern.ContainsWildcardCharacters(pattern))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(pattern => new Literal(pattern, WildcardFilter.Pattern(pattern)))
                .ToList();
            Description = $"-{parameter} {(patterns.Length == 1 ? $"'{patterns[0]}'" : $"({string.Join(" or ", patterns.Select(pattern => $"'{pattern}'"))})")}";
        }

        public string Parameter { get; }

        /// <summary>How messages name the condition: "-Section 'Cred*'" or "-Name ('a' or 'b*')".</summary>
        public string Description { get; }

        public List<Literal> Literals { get; }

        /// <summary>The values the items had, each once, in the order seen: where a suggestion comes from.</summary>
        public IReadOnlyList<string> Values => _values;

        public bool Match(T item)
        {
            var value = _property(item) ?? string.Empty;
            var alias = _alsoNamed?.Invoke(item);
            if (Literals.Count > 0)
            {
                var shown = alias ?? value;
                if (_distinct.Add(shown))
                {
                    _values.Add(shown);
                }

                foreach (var literal in Literals)
                {
                    literal.MatchesCurrent = literal.Pattern.IsMatch(value) || (alias is not null && literal.Pattern.IsMatch(alias));
                    literal.Seen |= literal.MatchesCurrent;
                }
            }

            return _filter.IsMatch(value) || (alias is not null && _filter.IsMatch(alias));
        }

        public void KeepMatched()
        {
            foreach (var literal in Literals)
            {
                literal.Kept |= literal.MatchesCurrent;
            }
        }
    }
}

/// <summary>A literal value of a filter that no item kept matched, and what to tell the user.</summary>
internal sealed class FilterMiss(string parameter, string value, string message)
{
    /// <summary>The parameter the value was given to, without its dash: Name.</summary>
    public string Parameter { get; } = parameter;

    public string Value { get; } = value;

    public string Message { get; } = message;
}
