using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using SdeAlm.Completion;
using SdeAlm.Model;
using Xunit;

namespace SdeAlm.Tests;

public class CompletionTests
{
    [Theory]
    [InlineData("trac", "trac")]
    [InlineData("Connection Details", "'Connection Details'")]
    [InlineData("Tasks [beta]", "'Tasks `[beta`]'")]
    [InlineData("O'Brien", "'O''Brien'")]
    [InlineData("-x", "'-x'")]
    [InlineData("Éléments", "Éléments")]
    public void Texts_are_quoted_when_PowerShell_would_split_them(string text, string expected) =>
        Assert.Equal(expected, CompletionSource.Quote(text, escapeWildcards: true));

    [Theory]
    [InlineData("jira", "j", true)]
    [InlineData("jira", "J", true)]
    [InlineData("jira", "'ji", true)]
    [InlineData("jira", "", true)]
    [InlineData("jira", "t", false)]
    [InlineData("azure-devops", "*dev", true)]
    public void Words_match_by_prefix_or_pattern(string candidate, string word, bool expected) =>
        Assert.Equal(expected, CompletionSource.Matches(candidate, word));

    [Fact]
    public void The_cache_reads_once_within_its_lifetime_and_again_after_it()
    {
        var now = TimeSpan.Zero;
        var cache = new CatalogSnapshotCache(() => now);
        var reads = 0;
        IEnumerable<AlmPlugin> Fetch(CancellationToken token)
        {
            reads++;
            return [new AlmPlugin(id: "p" + reads)];
        }

        Assert.Equal("p1", cache.Get(Fetch, TimeSpan.FromSeconds(1))[0].Id);
        now = CatalogSnapshotCache.Lifetime - TimeSpan.FromSeconds(1);
        Assert.Equal("p1", cache.Get(Fetch, TimeSpan.FromSeconds(1))[0].Id);
        now = CatalogSnapshotCache.Lifetime;
        Assert.Equal("p2", cache.Get(Fetch, TimeSpan.FromSeconds(1))[0].Id);
        Assert.Equal(2, reads);
    }

    [Fact]
    public void A_failed_read_gives_nothing_and_is_retried_only_later()
    {
        var now = TimeSpan.Zero;
        var cache = new CatalogSnapshotCache(() => now);
        var reads = 0;
        IEnumerable<AlmPlugin> Fail(CancellationToken token)
        {
            reads++;
            throw new InvalidOperationException("down");
        }

        Assert.Empty(cache.Get(Fail, TimeSpan.FromSeconds(1)));
        Assert.Empty(cache.Get(Fail, TimeSpan.FromSeconds(1)));
        Assert.Equal(1, reads);
        now = CatalogSnapshotCache.FailureLifetime;
        Assert.Empty(cache.Get(Fail, TimeSpan.FromSeconds(1)));
        Assert.Equal(2, reads);
    }

    [Fact]
    public void A_slow_read_is_cancelled_after_the_timeout()
    {
        var cache = new CatalogSnapshotCache();
        var started = DateTime.UtcNow;
        var result = cache.Get(
            token =>
            {
                token.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
                token.ThrowIfCancellationRequested();
                return [];
            },
            TimeSpan.FromMilliseconds(200));
        Assert.Empty(result);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Completers_offer_nothing_when_not_connected()
    {
        IDictionary none = new Hashtable();
        Assert.Empty(new PluginIdCompleter().CompleteArgument("Get-SdeAlmPlugin", "Id", "", null!, none));
        Assert.Empty(new SectionCompleter().CompleteArgument("Get-SdeAlmPluginField", "Section", "", null!, none));
        Assert.Empty(new FieldNameCompleter().CompleteArgument("Get-SdeAlmPluginField", "Name", "", null!, none));
    }
}
