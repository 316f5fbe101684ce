using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SdeAlm.Api;
using SdeAlm.Sessions;

namespace SdeAlm.Completion;

/// <summary>
/// Completes connector ids (-ConnectorId, and -Id of the connector cmdlets) from the server connection
/// on the line: the id is inserted, the name shown as the tooltip and in the list, and the word typed
/// may be the start of the id or of the name.
/// </summary>
public sealed class ConnectorIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters) =>
        CompletionSource.Safely(() =>
        {
            var connection = CompletionSource.BoundValue(fakeBoundParameters, "Connection") as SdeConnection ?? SdeSession.Current;
            if (connection is null || !connection.IsOpen)
            {
                return [];
            }

            return CompletionCaches.For(connection).Connectors.Get(
                    token => new AlmResourceApi(connection.Client)
                        .ListConnectorNames(new RequestContext(null, token))
                        .Select(connector => new ConnectorSummary(connector.Id, connector.Name, connector.PluginId)),
                    CompletionSource.Timeout)
                .Where(connector => CompletionSource.Matches(connector.Id.ToString(CultureInfo.InvariantCulture), wordToComplete)
                    || CompletionSource.Matches(connector.Name, wordToComplete))
                .Select(connector =>
                {
                    var id = connector.Id.ToString(CultureInfo.InvariantCulture);
                    return new CompletionResult(id, $"{id} {connector.Name}", CompletionResultType.ParameterValue, $"{connector.Name} ({connector.PluginId})");
                });
        });
}
