using System;
using System.Collections.Generic;
using System.Management.Automation;
using SdeAlm.Json;
using SdeAlm.Model;

namespace SdeAlm.Api;

/// <summary>The plugin endpoints: the (possibly paginated) list and one plugin by id.</summary>
internal sealed class AlmPluginCatalog
{
    private const string ListPath = "api/v2/plugins/alm/";
    private const int MaximumPages = 10_000;

    private readonly SdeApiClient _client;

    public AlmPluginCatalog(SdeApiClient client)
    {
        _client = client;
    }

    /// <summary>Every plugin, page after page, following <c>next</c> until it is null.</summary>
    public IEnumerable<AlmPlugin> GetAll(RequestContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Uri? page = _client.Resolve(ListPath);
        while (page is not null)
        {
            if (!seen.Add(page.AbsoluteUri) || seen.Count > MaximumPages)
            {
                throw new SdeApiException(
                    $"The plugin list's 'next' links loop back to {page}. The server's pagination is broken; report it to your SD Elements administrator.",
                    SdeErrorIds.InvalidJson,
                    ErrorCategory.InvalidData,
                    page);
            }

            var current = page;
            var result = _client.GetJson(current, SdeJsonContext.Default.AlmPluginPage, context);
            if (result.Results is null)
            {
                throw new SdeApiException(
                    $"The answer from {current} has no 'results' list of plugins. Check that -Server points at SD Elements.",
                    SdeErrorIds.InvalidJson,
                    ErrorCategory.InvalidData,
                    current);
            }

            page = NextPage(current, result.Next);
            foreach (var plugin in result.Results)
            {
                if (plugin is not null)
                {
                    yield return AlmPluginMapper.ToPlugin(plugin);
                }
            }
        }
    }

    /// <summary>One plugin by its exact id; a 404 becomes a "no such plugin" error naming the id.</summary>
    public AlmPlugin Get(string id, RequestContext context)
    {
        var uri = _client.Resolve(ListPath + Uri.EscapeDataString(id) + "/");
        try
        {
            return AlmPluginMapper.ToPlugin(_client.GetJson(uri, SdeJsonContext.Default.AlmPluginJson, context));
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

    private Uri? NextPage(Uri current, string? next)
    {
        if (string.IsNullOrEmpty(next))
        {
            return null;
        }

        if (!Uri.TryCreate(current, next, out var target) || !ServerAddress.IsSameOrigin(target, _client.BaseUri))
        {
            throw new SdeApiException(
                $"The plugin list's 'next' link '{next}' leaves {_client.BaseUri}. SdeAlm does not follow it so that the API token is never sent anywhere else.",
                SdeErrorIds.RedirectRefused,
                ErrorCategory.SecurityError,
                next);
        }

        return target;
    }
}
