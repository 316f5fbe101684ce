using System;
using System.Collections.Generic;
using System.Linq;
using SdeAlm.Api;
using SdeAlm.Filtering;

namespace SdeAlm.Commands;

/// <summary>
/// What Get-SdeAlmConnector and Get-SdeAlmConnection share: the resources read (by id, an unknown id
/// being a non-terminating error, or listed), kept when every wildcard filter given matches, and
/// written one at a time.
/// </summary>
public abstract class SdeAlmListCmdlet<T> : SdeAlmResourceCmdlet
    where T : class
{
    private readonly List<(WildcardFilter Filter, Func<T, string?> Property)> _filters = [];

    protected override void ProcessRecord() => InvokeForRecord(() =>
    {
        foreach (var item in Read(NewRequestContext()))
        {
            if (_filters.All(filter => filter.Filter.IsMatch(filter.Property(item))))
            {
                WriteObject(item);
            }
        }
    });

    /// <summary>Keeps only the resources whose <paramref name="property"/> matches one of the patterns (none given: all).</summary>
    internal void FilterBy(string[]? patterns, Func<T, string?> property)
    {
        if (WildcardFilter.Create(patterns) is { } filter)
        {
            _filters.Add((filter, property));
        }
    }

    /// <summary>The resources to consider, before the filters, read from the server connection they belong to.</summary>
    internal abstract IEnumerable<T> Read(RequestContext context);
}
