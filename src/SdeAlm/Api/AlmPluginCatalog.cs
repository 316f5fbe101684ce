using System;
using System.Collections.Generic;
using System.Management.Automation;
using SdeAlm.Errors;
using SdeAlm.Json;
using SdeAlm.Model;

namespace SdeAlm.Api;

/// <summary>The plugin endpoints: the (possibly paginated) list and one plugin by id.</summary>
internal sealed class AlmPluginCatalog
{
    private const string ListPath = "api/v2/plugins/alm/";

    private readonly SdeApiClient _client;

    public AlmPluginCatalog(SdeApiClient client)
    {
        _client = client;
    }

    /// <summary>Every plugin, page after page, following <c>next</c> until it is null.</summary>
    public IEnumerable<AlmPlugin> GetAll(RequestContext context)
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

    /// <summary>One plugin by its exact id; a 404 becomes a "no such plugin" error naming the id.</summary>
    public AlmPlugin Get(string id, RequestContext context)
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
}
