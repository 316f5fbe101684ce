using System;
using System.Collections.Generic;
using SdeAlm.Api;
using SdeAlm.Filtering;

namespace SdeAlm.Commands;

/// <summary>
/// What Get-SdeAlmConnector and Get-SdeAlmConnection share: the resources read (by id, an unknown id
/// being a non-terminating error, or listed), kept when every wildcard filter given matches, and
/// written one at a time; at the end, each literal filter value that matched nothing is reported.
/// </summary>
public abstract class SdeAlmListCmdlet<T> : SdeAlmResourceCmdlet
    where T : class
{
    private readonly ItemFilter<T> _filter = new();

    /// <summary>What the resources read are, as in "No {noun} matches -Name 'x'": "ALM connector with -Id 1".</summary>
    internal abstract string ReadNoun { get; }

    protected override void ProcessRecord() => InvokeForRecord(() =>
    {
        foreach (var item in Read(NewRequestContext()))
        {
            if (_filter.Keep(item))
            {
                WriteObject(Output(item));
            }
        }
    });

    protected override void EndProcessing() => WriteMisses(_filter.Misses(ReadNoun));

    /// <summary>Keeps only the resources whose <paramref name="property"/> matches one of the patterns of -<paramref name="parameter"/> (none given: all).</summary>
    internal void FilterBy(string parameter, string[]? patterns, Func<T, string?> property) => _filter.Where(parameter, patterns, property);

    /// <summary>The resources to consider, before the filters, read from the server connection they belong to.</summary>
    internal abstract IEnumerable<T> Read(RequestContext context);

    /// <summary>What is written for a resource kept: the resource itself, unless a cmdlet gives it a view of its own.</summary>
    internal virtual object Output(T item) => item;
}
