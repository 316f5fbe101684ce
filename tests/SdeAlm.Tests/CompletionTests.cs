using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using SdeAlm.Api;
using SdeAlm.Completion;
using SdeAlm.Model;
using SdeAlm.Sessions;
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
        var cache = new SnapshotCache<AlmPlugin>(CompletionCaches.CatalogLifetime, () => now);
        var reads = 0;
        IEnumerable<AlmPlugin> Fetch(CancellationToken token)
        {
            reads++;
            return [new AlmPlugin(id: "p" + reads)];
        }

        Assert.Equal("p1", cache.Get(Fetch, TimeSpan.FromSeconds(1))[0].Id);
        now = CompletionCaches.CatalogLifetime - TimeSpan.FromSeconds(1);
        Assert.Equal("p1", cache.Get(Fetch, TimeSpan.FromSeconds(1))[0].Id);
        now = CompletionCaches.CatalogLifetime;
        Assert.Equal("p2", cache.Get(Fetch, TimeSpan.FromSeconds(1))[0].Id);
        Assert.Equal(2, reads);
    }

    [Fact]
    public void A_failed_read_gives_nothing_and_is_retried_only_later()
    {
        var now = TimeSpan.Zero;
        var cache = new SnapshotCache<AlmPlugin>(CompletionCaches.CatalogLifetime, () => now);
        var reads = 0;
        IEnumerable<AlmPlugin> Fail(CancellationToken token)
        {
            reads++;
            throw new InvalidOperationException("down");
        }

        Assert.Empty(cache.Get(Fail, TimeSpan.FromSeconds(1)));
        Assert.Empty(cache.Get(Fail, TimeSpan.FromSeconds(1)));
        Assert.Equal(1, reads);
        now = SnapshotCache<AlmPlugin>.FailureLifetime;
        Assert.Empty(cache.Get(Fail, TimeSpan.FromSeconds(1)));
        Assert.Equal(2, reads);
    }

    [Fact]
    public void A_slow_read_is_cancelled_after_the_timeout()
    {
        var cache = new SnapshotCache<AlmPlugin>(CompletionCaches.CatalogLifetime);
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
    public void Every_catalog_completer_answers_from_the_catalog_of_an_open_connection_and_from_none_when_it_is_closed()
    {
        // A connection whose completion cache already holds a catalog, so that no request is made: only
        // whether the connection is open decides. Called without the safety wrapper's catch hiding a throw.
        var options = new SdeClientOptions(new Uri("https://sde.example.com/"));
        var connection = new SdeConnection(new SdeApiClient(options, "token"), options, "admin", DateTimeOffset.Now);
        CompletionCaches.For(connection).Catalog.Get(_ => [Catalog()], TimeSpan.FromSeconds(1));
        IDictionary line = new Hashtable { ["Connection"] = connection };
        var completers = new CatalogCompleter[] { new PluginIdCompleter(), new PluginNameCompleter(), new SectionCompleter(), new FieldNameCompleter(), new FieldTypeCompleter() };

        Assert.Equal(
            [["jira"], ["'Jira Cloud'"], ["'(general)'", "Credentials"], ["alm_server", "verify", "alm_pass", "alm_user"], ["boolean", "masked_string", "string"]],
            completers.Select(completer => completer.Complete(CompletionSource.Plugins(line), "", line).Select(result => result.CompletionText).ToArray()));

        connection.Close();
        Assert.Empty(CompletionSource.Plugins(line));
        Assert.All(completers, completer => Assert.Empty(completer.CompleteArgument("Get-SdeAlmPluginField", "Name", "", null!, line)));
    }

    [Fact]
    public void Not_connected_means_no_catalog()
    {
        // No runspace here, so no current connection; none on the line either.
        Assert.Null(SdeSession.Current);
        Assert.Empty(CompletionSource.Plugins(new Hashtable()));
        Assert.Empty(CompletionSource.Plugins(null));
    }

    [Fact]
    public void A_completer_that_fails_offers_nothing()
    {
        Assert.Empty(CompletionSource.Safely(() => throw new InvalidOperationException("broken")));
        Assert.Empty(CompletionSource.Safely(Broken));

        static IEnumerable<CompletionResult> Broken()
        {
            yield return new CompletionResult("x");
            throw new InvalidOperationException("broken after the first");
        }
    }

    [Fact]
    public void Sections_complete_with_general_for_the_unlabeled_one()
    {
        var results = new SectionCompleter().Complete([Catalog()], "", new Hashtable { ["PluginId"] = "jira" });
        Assert.Equal(["'(general)'", "Credentials"], results.Select(result => result.CompletionText));
        Assert.Equal(["(general)", "Credentials"], results.Select(result => result.ListItemText));
    }

    [Fact]
    public void Field_types_complete_from_the_plugins_on_the_line_each_once()
    {
        var results = new FieldTypeCompleter().Complete([Catalog()], "", new Hashtable());
        Assert.Equal(["boolean", "masked_string", "string"], results.Select(result => result.CompletionText));
        Assert.Equal(["masked_string"], new FieldTypeCompleter().Complete([Catalog()], "m", null).Select(result => result.CompletionText));
    }

    [Fact]
    public void Plugin_names_complete_quoted_with_the_id_as_tooltip()
    {
        var result = Assert.Single(new PluginNameCompleter().Complete([Catalog()], "ji", null));
        Assert.Equal("'Jira Cloud'", result.CompletionText);
        Assert.Equal("jira", result.ToolTip);
    }

    private static AlmPlugin Catalog() =>
        new(
            id: "jira",
            name: "Jira Cloud",
            sections:
            [
                new AlmPluginSection(pluginId: "jira", fields: [new AlmPluginField(pluginId: "jira", name: "alm_server", fieldType: "string"), new AlmPluginField(pluginId: "jira", name: "verify", fieldType: "boolean")]),
                new AlmPluginSection(pluginId: "jira", label: "Credentials", fields: [new AlmPluginField(pluginId: "jira", section: "Credentials", name: "alm_pass", fieldType: "masked_string"), new AlmPluginField(pluginId: "jira", section: "Credentials", name: "alm_user", fieldType: "String")]),
            ]);
}
