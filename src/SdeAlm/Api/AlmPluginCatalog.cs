using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SdeAlm.Errors;
using SdeAlm.Json;
using SdeAlm.Model;

namespace SdeAlm.Api;

/// <summary>
/// The plugin endpoints: the (possibly paginated) list and one plugin by id; the catalog source of a
/// server connection. <see cref="Export"/> reads the list as the API sent it, for a catalog file.
/// </summary>
internal sealed class AlmPluginCatalog : PluginCatalogSource
{
    private const string ListPath = "api/v2/plugins/alm/";

    private readonly SdeApiClient _client;

    public AlmPluginCatalog(SdeApiClient client)
    {
        _client = client;
    }

    public override string Location => "on " + _client.BaseUri;

    public override string ListCommand => "Get-SdeAlmPlugin";

    /// <summary>Every plugin, page after page, following <c>next</c> until it is null.</summary>
    public override IEnumerable<AlmPlugin> GetAll(RequestContext context)
    {
        var plugins = PageWalker.Walk(
            _client.BaseUri,
            _client.Resolve(ListPath),
            "plugin list",
            page => _client.GetJson(page, SdeJsonContext.Default.AlmPluginPage, context));
        foreach (var plugin in plugins)
        {
            yield return AlmPluginMapper.ToPlugin(plugin);
        }
    }

    /// <summary>
    /// The whole catalog as a catalog file holds it: every page's plugins as the API sent them, merged into
    /// one <c>{"results": [...]}</c>. It is read back as a file would be before it is handed out, so what
    /// is written always reads (within the caps of a file, which a catalog of several pages could exceed).
    /// </summary>
    public ExportedCatalog Export(RequestContext context)
    {
        var plugins = PageWalker.Walk(
            _client.BaseUri,
            _client.Resolve(ListPath),
            "plugin list",
            page => _client.GetJson(page, SdeJsonContext.Default.RawPluginPage, context));
        var json = PluginCatalogDocument.Write(plugins.Select(plugin => plugin.Json));
        return new ExportedCatalog(json, PluginCatalogFile.Parse(json, new ExportOrigin(_client.BaseUri)));
    }

    /// <summary>One plugin by its exact id; a 404 becomes a "no such plugin" error naming the id.</summary>
    public override AlmPlugin Get(string id, RequestContext context)
    {
        var uri = _client.Resolve(ListPath + Uri.EscapeDataString(id) + "/");
        try
        {
            return AlmPluginMapper.ToPlugin(_client.GetJson(uri, SdeJsonContext.Default.AlmPluginWire, context));
        }
        catch (SdeApiException ex) when (ex.StatusCode == 404)
        {
            throw new SdeApiException(
                $"There is no ALM plugin with id '{id}' on {_client.BaseUri}. Run Get-SdeAlmPlugin to list the ids.",
                SdeErrorIds.PluginNotFound,
                ErrorCategory.ObjectNotFound,
                id,
                404,
                ex);
        }
    }

    /// <summary>A catalog about to be exported that would not read back: the server's answer is at fault, and nothing is written.</summary>
    private sealed class ExportOrigin : JsonOrigin
    {
        private readonly Uri _server;

        public ExportOrigin(Uri server)
        {
            _server = server;
        }

        public override string Noun => "the catalog";

        public override SdeApiException Invalid(string reason, Exception? inner = null) =>
            new(
                $"The ALM plugin catalog of {_server} cannot be written as a catalog file: {reason}. Nothing was written. Check that -Server points at SD Elements.",
                SdeErrorIds.InvalidJson,
                ErrorCategory.InvalidData,
                _server,
                null,
                inner);

        public override SdeApiException TooLarge(string excess) =>
            new(
                $"The ALM plugin catalog of {_server} {excess}, the most a catalog file may hold. Nothing was written.",
                SdeErrorIds.ResponseTooLarge,
                ErrorCategory.LimitsExceeded,
                _server);
    }
}
