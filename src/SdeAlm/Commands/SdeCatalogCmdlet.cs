using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Errors;

namespace SdeAlm.Commands;

/// <summary>
/// A cmdlet that reads the ALM plugin catalog: from the server connection (-Connection, or the current
/// one), or with -CatalogPath from a catalog file, with no connection needed and nothing sent. The one
/// place that decides which; the cmdlets ask <see cref="CatalogSource"/> and never look.
/// </summary>
public abstract class SdeCatalogCmdlet : SdeConnectedCmdlet
{
    /// <summary>A catalog file from Export-SdeAlmPluginCatalog to read instead of a server's catalog.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [FilePathArgument]
    public string? CatalogPath { get; set; }

    private PluginCatalogFile? _file;

    /// <summary>
    /// Where this command reads the catalog: the file of -CatalogPath (read once per command, however many
    /// records), or the server connection. Both together are refused, since they say different things.
    /// </summary>
    internal PluginCatalogSource CatalogSource()
    {
        if (CatalogPath is null)
        {
            return new AlmPluginCatalog(ResolveClient());
        }

        if (Connection is not null)
        {
            throw new SdeApiException(
                "-CatalogPath and -Connection both say where to read the ALM plugin catalog: give one. With -CatalogPath the command reads the file and needs no connection.",
                SdeErrorIds.CatalogSourceConflict,
                ErrorCategory.InvalidArgument,
                nameof(CatalogPath));
        }

        return _file ??= PluginCatalogFile.Open(SessionState, CatalogPath, nameof(CatalogPath));
    }

    /// <summary>Turns plugin ids into plugins from this command's catalog, writing an unknown id as a non-terminating error.</summary>
    internal PluginResolver NewPluginResolver() => new(CatalogSource(), NewRequestContext(), WriteError);
}
