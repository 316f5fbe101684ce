using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using SdeAlm.Api;
using SdeAlm.Configuration;
using SdeAlm.Errors;
using SdeAlm.Sessions;
using SdeAlm.Settings;

namespace SdeAlm.Commands;

/// <summary>
/// What Compare-, Set- and Test-SdeAlmConfiguration share: the document (-Path or -Configuration), the
/// server read once per run (one catalog, one connectors list, one ALM connections list), secret
/// references resolved (environment variables, or Get-Secret when it exists), and one error that lists
/// every problem of a document.
/// </summary>
public abstract class SdeAlmConfigurationCmdlet : SdeAlmResourceCmdlet
{
    internal const string PathSet = "Path";
    internal const string ObjectSet = "Configuration";

    /// <summary>The JSON file of the document.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The document as an object: a hashtable (Import-PowerShellDataFile) or a PSCustomObject (ConvertFrom-Json).</summary>
    [Parameter(ParameterSetName = ObjectSet, Mandatory = true)]
    [ValidateNotNull]
    public object? Configuration { get; set; }

    /// <summary>Reads the document of -Path or -Configuration; its problems of shape are in it, not thrown.</summary>
    internal AlmConfiguration ReadDocument()
    {
        if (Path is not null)
        {
            return ConfigurationFile.Read(FileSystemPath(SessionState, Path));
        }

        var value = Configuration is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : Configuration;
        if (value is string)
        {
            throw new SdeApiException(
                "-Configuration takes the document as an object (a hashtable, or a PSCustomObject from ConvertFrom-Json), not text. For a file, use -Path.",
                SdeErrorIds.AlmConfigurationInvalid,
                ErrorCategory.InvalidArgument,
                "Configuration");
        }

        object? tree;
        try
        {
            tree = DocumentTree.FromObject(value);
        }
        catch (InvalidOperationException ex)
        {
            throw new SdeApiException(ex.Message, SdeErrorIds.AlmConfigurationInvalid, ErrorCategory.InvalidArgument, "Configuration", innerException: ex);
        }

        return ConfigurationReader.Read(tree, "The -Configuration object");
    }

    /// <summary>What the document is planned against, read now: one catalog, one connectors list, one ALM connections list.</summary>
    internal ServerState ReadServer(SdeConnection connection, RequestContext context)
    {
        var resources = ResourcesOf(connection);
        var catalog = resources.Catalog(context);
        var connectors = resources.Connectors(context).ToList();
        var connections = resources.Connections(null, includeLastJob: false, context).ToList();
        return new ServerState(catalog, connectors, connections, resources.Server, connection);
    }

    /// <summary>
    /// The document planned against the server of -Connection (or the current one); planning warnings are
    /// written. A document that could not be read at all is planned without reading the server.
    /// </summary>
    internal ConfigurationPlan Plan(UnresolvedSecrets unresolved, bool includeUnmanaged, out SdeConnection connection, out RequestContext context)
    {
        var document = ReadDocument();
        connection = ResolveConnection();
        context = NewRequestContext();
        var state = document.Problems.Count > 0 && document.Connectors.Count == 0 && document.Connections.Count == 0
            ? new ServerState(new PluginCatalogIndex([]), [], [], connection.Server, connection)
            : ReadServer(connection, context);
        var plan = ConfigurationPlanner.Plan(document, state, Secrets(), unresolved, includeUnmanaged);
        foreach (var warning in plan.Warnings)
        {
            WriteWarning(warning);
        }

        return plan;
    }

    /// <summary>
    /// The document checked against a catalog file alone (Export-SdeAlmPluginCatalog): no connection, no
    /// request, secret references checked for their form only. Planning warnings are written.
    /// </summary>
    internal ConfigurationPlan PlanAgainstCatalog(string catalogPath)
    {
        if (Connection is not null)
        {
            throw new SdeApiException(
                "-CatalogPath and -Connection both say what to check the document against: give one. With -CatalogPath the document is checked against the catalog file alone, with no connection.",
                SdeErrorIds.CatalogSourceConflict,
                ErrorCategory.InvalidArgument,
                "CatalogPath");
        }

        var document = ReadDocument();
        var file = PluginCatalogFile.Open(SessionState, catalogPath, "CatalogPath");
        var plan = ConfigurationPlanner.Plan(document, ServerState.OfCatalogOnly(file.Index(NewRequestContext()), "the catalog file " + file.Path), Secrets(), UnresolvedSecrets.LeaveOut);
        foreach (var warning in plan.Warnings)
        {
            WriteWarning(warning);
        }

        return plan;
    }

    /// <summary>The secret references of a document, each read once per run.</summary>
    internal SecretResolver Secrets() => new(ReadVault);

    /// <summary>One error with every problem of a plan, each with where it is in the document.</summary>
    internal static SdeApiException Invalid(ConfigurationPlan plan, string source, string server, bool applying) =>
        new(
            $"{source} has {Count(plan.Problems.Count, "problem")}, so it {(applying ? $"cannot be applied to {server}; nothing was sent" : $"cannot be compared with {server}")}:"
                + string.Concat(plan.Problems.Select(problem => Environment.NewLine + "  " + problem))
                + Environment.NewLine + "Correct the document; Test-SdeAlmConfiguration lists the same problems as warnings.",
            SdeErrorIds.AlmConfigurationInvalid,
            ErrorCategory.InvalidArgument,
            source);

    internal static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>A -Path as the file system path it names, relative to the current location.</summary>
    internal static string FileSystemPath(SessionState session, string path)
    {
        var resolved = session.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
        if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
        {
            throw new SdeApiException(
                $"-Path '{path}' is on the {provider.Name} provider; a configuration document is a file. Give a file system path.",
                SdeErrorIds.AlmConfigurationFileError,
                ErrorCategory.InvalidArgument,
                path);
        }

        return resolved;
    }

    /// <summary>
    /// A secret from SecretManagement: Get-Secret -Name NAME [-Vault VAULT], run in this runspace when the
    /// command exists (a SecureString or a string comes back). Its failure is worded to follow the reference.
    /// </summary>
    private SecretLookup ReadVault(string name, string? vault)
    {
        var command = InvokeCommand.GetCommand("Get-Secret", CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias);
        if (command is null)
        {
            return SecretLookup.Missing(
                "cannot be read: the command Get-Secret is not available. Install SecretManagement (Install-PSResource Microsoft.PowerShell.SecretManagement) and register a vault, or refer to an environment variable with { \"env\": \"NAME\" }");
        }

        // By name (module-qualified when it comes from one), so that a module's function runs in its module's scope.
        using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddCommand(string.IsNullOrEmpty(command.ModuleName) ? command.Name : command.ModuleName + "\\" + command.Name).AddParameter("Name", name);
        if (vault is not null)
        {
            shell.AddParameter("Vault", vault);
        }

        // Its errors are collected here, whatever $ErrorActionPreference the caller has.
        shell.AddParameter("ErrorAction", ActionPreference.Continue);
        object? value;
        try
        {
            value = shell.Invoke().FirstOrDefault()?.BaseObject;
        }
        catch (RuntimeException ex)
        {
            var said = ex is ActionPreferenceStopException { ErrorRecord: { } record } ? record.Exception.Message : ex.Message;
            return SecretLookup.Missing($"cannot be read: Get-Secret says: {said}");
        }

        if (shell.Streams.Error.FirstOrDefault() is { } error)
        {
            return SecretLookup.Missing($"cannot be read: Get-Secret says: {error.Exception.Message}");
        }

        return value switch
        {
            SecureString secret when secret.Length > 0 => SecretLookup.Found(secret),
            string text when text.Length > 0 => SecretLookup.Found(SecretText.Protect(text)),
            PSCredential credential => SecretLookup.Found(credential.Password),
            null or SecureString or string => SecretLookup.Missing("is empty: Get-Secret returned nothing"),
            var other => SecretLookup.Missing($"cannot be used: Get-Secret returned a {other.GetType().Name}, not a text secret"),
        };
    }
}
