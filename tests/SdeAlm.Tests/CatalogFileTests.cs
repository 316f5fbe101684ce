using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using SdeAlm.Api;
using SdeAlm.Errors;
using SdeAlm.Model;
using Xunit;

namespace SdeAlm.Tests;

/// <summary>
/// A catalog file: exported from a server's pages as sent, read by the rules of an answer into the
/// objects the server's list gives, and refused with a clear error when it is not a catalog.
/// </summary>
public sealed class CatalogFileTests : IDisposable
{
    private static readonly Uri s_server = new("https://sde.example.com/sde/");

    // A plugin whose JSON a re-serialization would change: a number where text is expected, a number
    // with a trailing zero, text that JSON writers escape by default, and properties SdeAlm does not read.
    private const string Odd = """
        {"id":"odd","name":"Odd & <Co>","vendor_note":{"since":"2026.1"},"sections":[{"label":"Ränge","fields":[
          {"name":"level","field_type":"select","default":2.50,"options":[{"label":"Seven","value":7,"disabled":false}]}]}]}
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sdealm-catalog-" + Guid.NewGuid().ToString("n"));
    private readonly List<string> _verbose = [];

    public CatalogFileTests()
    {
        Directory.CreateDirectory(_folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void An_export_merges_every_page_as_sent_and_reads_back_as_the_plugins_the_server_lists()
    {
        var stub = TwoPages();
        using var client = NewClient(stub);
        var server = new AlmPluginCatalog(client);
        var exported = server.Export(Context());
        var path = Path.Combine(_folder, "catalog.json");
        PluginCatalogFile.Write(path, exported.Json, noClobber: false);

        var fromFile = new PluginCatalogFile(path).GetAll(Context()).ToList();
        var fromServer = server.GetAll(Context()).ToList();
        Assert.Equal(["trac", "odd", "jira"], fromFile.Select(plugin => plugin.Id));
        Assert.Equal(Describe(fromServer), Describe(fromFile));
        Assert.Equal(["trac", "odd", "jira"], exported.Plugins.Select(plugin => plugin.Id));

        // The server's JSON, not a re-serialization: its numbers, its own properties, text unescaped, one document.
        var text = File.ReadAllText(path);
        Assert.StartsWith("{" + Environment.NewLine + "  \"results\": [", text, StringComparison.Ordinal);
        Assert.EndsWith("}" + Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Contains("\"default\": 2.50", text, StringComparison.Ordinal);
        Assert.Contains("\"value\": 7,", text, StringComparison.Ordinal);
        Assert.Contains("\"vendor_note\": {", text, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"Odd & <Co>\"", text, StringComparison.Ordinal);
        Assert.Contains("\"label\": \"Ränge\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"next\"", text, StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(text);
        Assert.Equal(["trac", "odd", "jira"], document.RootElement.GetProperty("results").EnumerateArray().Select(plugin => plugin.GetProperty("id").GetString()));
        Assert.False(File.ReadAllBytes(path) is [0xEF, 0xBB, 0xBF, ..], "no byte order mark");
    }

    [Fact]
    public void A_file_is_read_once_per_source_and_says_so_in_verbose()
    {
        var path = WriteFile("""{"results":[{"id":"a","name":"A"}]}""");
        var catalog = new PluginCatalogFile(path);
        Assert.Equal("A", catalog.Get("a", Context()).Name);
        File.Delete(path);
        Assert.Equal(["a"], catalog.GetAll(Context()).Select(plugin => plugin.Id));
        Assert.Equal([$"Read 1 ALM plugin from the catalog file {path} (35 B); nothing is sent to a server."], _verbose);
    }

    [Fact]
    public void An_id_is_found_as_written_and_otherwise_is_not_found_in_the_file()
    {
        var path = WriteFile("""{"results":[{"id":"jira"}]}""");
        var catalog = new PluginCatalogFile(path);
        Assert.Equal("jira", catalog.Get("jira", Context()).Id);
        var error = Assert.Throws<SdeApiException>(() => catalog.Get("JIRA", Context()));
        Assert.Equal(SdeErrorIds.PluginNotFound, error.ErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.Category);
        Assert.Equal($"There is no ALM plugin with id 'JIRA' in the catalog file {path}. Run Get-SdeAlmPlugin -CatalogPath '{path}' to list the ids.", error.Message);
    }

    [Theory]
    [InlineData("", ErrorCategory.InvalidData, "the file is empty")]
    [InlineData("null", ErrorCategory.InvalidData, "the file is the JSON literal null")]
    [InlineData("<html>", ErrorCategory.InvalidData, "'<' is an invalid start of a value (line 1, byte 1)")]
    [InlineData("[]", ErrorCategory.InvalidData, "the JSON value could not be converted to a plugin list (line 1, byte 2)")]
    [InlineData("{}", ErrorCategory.InvalidData, "the file has no 'results' list of plugins")]
    [InlineData("""{"id":"trac","sections":[]}""", ErrorCategory.InvalidData, "the file has no 'results' list of plugins")]
    [InlineData("""{"count":9,"next":"https://sde.example.com/api/v2/plugins/alm/?page=2","results":[]}""", ErrorCategory.InvalidData, "the file is one page of a longer list; its 'next' is https://sde.example.com/api/v2/plugins/alm/?page=2")]
    [InlineData("""{"results":[{"id":"a","sections":5}]}""", ErrorCategory.InvalidData, "the JSON value could not be converted to a list at $.results[0].sections (line 1, byte 35)")]
    [InlineData("""{"results":[{"id":"a"}""", ErrorCategory.InvalidData, "expected depth to be zero at the end of the JSON payload")]
    public void A_file_that_is_not_a_catalog_is_refused_saying_why(string content, ErrorCategory category, string reason)
    {
        var path = WriteFile(content);
        var error = Assert.Throws<SdeApiException>(() => new PluginCatalogFile(path).GetAll(Context()));
        Assert.Equal(SdeErrorIds.CatalogFileInvalid, error.ErrorId);
        Assert.Equal(category, error.Category);
        Assert.Equal(path, error.TargetObject);
        Assert.StartsWith($"The file {path} is not an ALM plugin catalog: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith(". Write a catalog with Export-SdeAlmPluginCatalog.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_and_null_plugins_are_read_past_as_in_an_answer()
    {
        var path = Path.Combine(_folder, "bom.json");
        File.WriteAllText(path, """{"results":[null,{"id":"a"},null]}""", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(["a"], new PluginCatalogFile(path).GetAll(Context()).Select(plugin => plugin.Id));
    }

    [Fact]
    public void A_file_of_more_values_than_an_answer_may_hold_is_refused()
    {
        var path = WriteFile("{\"results\":[],\"padding\":[" + string.Join(",", Enumerable.Repeat("0", ResponseReader.MaximumValues)) + "]}");
        var error = Assert.Throws<SdeApiException>(() => new PluginCatalogFile(path).GetAll(Context()));
        Assert.Equal(SdeErrorIds.CatalogFileInvalid, error.ErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.Category);
        Assert.Equal($"The file {path} holds more than 2,000,000 JSON values, the most SdeAlm reads; a plugin catalog is a few MB. Check that it is a catalog that Export-SdeAlmPluginCatalog wrote.", error.Message);
    }

    [Fact]
    public void A_file_larger_than_an_answer_may_be_is_refused_without_reading_it()
    {
        var path = Path.Combine(_folder, "huge.json");
        using (var file = File.Create(path))
        {
            file.SetLength(ResponseReader.MaximumBytes + 1);
        }

        var error = Assert.Throws<SdeApiException>(() => new PluginCatalogFile(path).GetAll(Context()));
        Assert.Equal(SdeErrorIds.CatalogFileInvalid, error.ErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.Category);
        Assert.StartsWith($"The file {path} is larger than 64 MiB, the most SdeAlm reads;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_or_a_folder_is_a_clear_error()
    {
        var missing = Path.Combine(_folder, "missing.json");
        var error = Assert.Throws<SdeApiException>(() => new PluginCatalogFile(missing).GetAll(Context()));
        Assert.Equal(SdeErrorIds.CatalogFileNotFound, error.ErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.Category);
        Assert.Equal($"There is no catalog file {missing}. Check the path, or write the file with Export-SdeAlmPluginCatalog.", error.Message);

        var inMissingFolder = Path.Combine(_folder, "nowhere", "catalog.json");
        Assert.Equal(SdeErrorIds.CatalogFileNotFound, Assert.Throws<SdeApiException>(() => new PluginCatalogFile(inMissingFolder).GetAll(Context())).ErrorId);

        var folder = Assert.Throws<SdeApiException>(() => new PluginCatalogFile(_folder).GetAll(Context()));
        Assert.Equal(SdeErrorIds.CatalogFileError, folder.ErrorId);
        Assert.Equal(ErrorCategory.ReadError, folder.Category);
        Assert.Equal($"The catalog file {_folder} is a folder. Give the path of a catalog file that Export-SdeAlmPluginCatalog wrote.", folder.Message);
    }

    [Fact]
    public void Writing_replaces_a_file_whole_and_NoClobber_keeps_it()
    {
        var path = WriteFile("old");
        PluginCatalogFile.Write(path, Encoding.UTF8.GetBytes("new"), noClobber: false);
        Assert.Equal("new", File.ReadAllText(path));

        var kept = Assert.Throws<SdeApiException>(() => PluginCatalogFile.CheckTarget(path, noClobber: true));
        Assert.Equal(SdeErrorIds.CatalogFileExists, kept.ErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, kept.Category);
        Assert.Equal($"The file {path} already exists, and -NoClobber keeps it: nothing was written. Give another -Path, or leave out -NoClobber to replace it.", kept.Message);

        // A file that appears between the check and the write is kept too.
        var raced = Assert.Throws<SdeApiException>(() => PluginCatalogFile.Write(path, Encoding.UTF8.GetBytes("newer"), noClobber: true));
        Assert.Equal(SdeErrorIds.CatalogFileExists, raced.ErrorId);
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_target_in_a_missing_folder_or_on_a_folder_is_refused_before_anything_is_read()
    {
        var inMissingFolder = Path.Combine(_folder, "nowhere", "catalog.json");
        var error = Assert.Throws<SdeApiException>(() => PluginCatalogFile.CheckTarget(inMissingFolder, noClobber: false));
        Assert.Equal(SdeErrorIds.CatalogFileError, error.ErrorId);
        Assert.Equal(ErrorCategory.WriteError, error.Category);
        Assert.Equal($"The catalog file {inMissingFolder} cannot be written: the folder {Path.Combine(_folder, "nowhere")} does not exist.", error.Message);

        var folder = Assert.Throws<SdeApiException>(() => PluginCatalogFile.CheckTarget(_folder, noClobber: false));
        Assert.Equal(SdeErrorIds.CatalogFileError, folder.ErrorId);
        Assert.Contains("is a folder", folder.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_export_that_would_not_read_back_is_refused_as_the_server_s_fault()
    {
        var stub = new StubHandler((_, _) => StubHandler.Json(200, """{"results":[{"id":"a","sections":"none"}]}"""));
        using var client = NewClient(stub);
        var error = Assert.Throws<SdeApiException>(() => new AlmPluginCatalog(client).Export(Context()));
        Assert.Equal(SdeErrorIds.InvalidJson, error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.Category);
        Assert.StartsWith($"The ALM plugin catalog of {s_server} cannot be written as a catalog file: the JSON value could not be converted to a list at $.results[0].sections", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was written. Check that -Server points at SD Elements.", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The list in two pages: trac and the odd plugin, then a null and jira.</summary>
    private static StubHandler TwoPages() =>
        new((request, _) => request.RequestUri!.Query.Contains("page=2", StringComparison.Ordinal)
            ? StubHandler.Json(200, $$"""{"count":3,"next":null,"results":[null,{{Fixture("jira.json")}}]}""")
            : StubHandler.Json(200, $$"""{"count":3,"next":"{{s_server}}api/v2/plugins/alm/?page=2","results":[{{Fixture("trac.json")}},{{Odd}}]}"""));

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>Everything a plugin object holds, as text, to compare two readings of one catalog.</summary>
    private static string[] Describe(IEnumerable<AlmPlugin> plugins) =>
    [
        .. plugins.SelectMany(plugin => new[] { $"{plugin.Id}|{plugin.Name}|{plugin.ShortName}|{plugin.Command}" }
            .Concat(plugin.Sections.Select(section => $"  {section.PluginId}|{section.Label}|{section.Optional}"))
            .Concat(plugin.Sections.SelectMany(section => section.Fields).Select(field =>
                $"    {field.PluginId}|{field.Section}|{field.Name}|{field.Label}|{field.Description}|{field.FieldType}|{DisplayText.Of(field.Default)}|{field.Default?.GetType().Name}|"
                + $"{field.ReadOnly}|{field.MaxLength}|{field.Required}|{field.Deprecated}|{field.Placeholder}|{field.Scope}|{field.HelpText}|"
                + string.Join(";", field.Options.Select(option => $"{option.Value}={option.Label}/{option.Disabled}"))))),
    ];

    private string WriteFile(string content)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("n") + ".json");
        File.WriteAllText(path, content);
        return path;
    }

    private RequestContext Context() => new(_verbose.Add, CancellationToken.None);

    private static SdeApiClient NewClient(StubHandler stub) =>
        new(new SdeClientOptions(s_server) { RetryIntervalSec = 0, MaximumRetryCount = 0 }, "secret-token", stub, new CertificateCheck());
}
