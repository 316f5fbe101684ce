using System.Collections.Generic;
using SdeAlm.Model;
using SdeAlm.Settings;

namespace SdeAlm.Api;

/// <summary>
/// Where a command reads the ALM plugin catalog: a server connection (<see cref="AlmPluginCatalog"/>,
/// through the API) or a catalog file (<see cref="PluginCatalogFile"/>, written by
/// Export-SdeAlmPluginCatalog). Both give the same model objects, so the plugin cmdlets, completion and
/// the settings checks take one of these and never ask which it is.
/// </summary>
internal abstract class PluginCatalogSource
{
    /// <summary>Where the catalog is, as messages say it: "on https://sde.example.com/", "in the catalog file /ci/catalog.json".</summary>
    public abstract string Location { get; }

    /// <summary>The command that lists this catalog's plugins, for messages that send the reader there.</summary>
    public abstract string ListCommand { get; }

    /// <summary>Every plugin, in catalog order.</summary>
    public abstract IEnumerable<AlmPlugin> GetAll(RequestContext context);

    /// <summary>
    /// One plugin by its id as written. A catalog without it throws SdeAlmPluginNotFound (ObjectNotFound),
    /// which <c>PluginResolver</c> answers by looking through the list without regard to case.
    /// </summary>
    public abstract AlmPlugin Get(string id, RequestContext context);

    /// <summary>The whole catalog, indexed for the settings checks (a plugin by id, which keys are secrets).</summary>
    public PluginCatalogIndex Index(RequestContext context) => new(GetAll(context));

    /// <summary>"1 ALM plugin", "6 ALM plugins": how many a catalog holds, as -Verbose says it.</summary>
    public static string CountOf(int plugins) => plugins == 1 ? "1 ALM plugin" : $"{plugins} ALM plugins";
}
