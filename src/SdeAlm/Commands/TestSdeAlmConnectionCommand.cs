using System.Management.Automation;
using SdeAlm.Model;

namespace SdeAlm.Commands;

/// <summary>
/// Test-SdeAlmConnection: asks SD Elements to connect to the ALM server with an ALM connection's
/// settings (over its connector's) and to find the ALM project, by id or piped, up to -ThrottleLimit at once.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SdeAlmConnection", DefaultParameterSetName = IdSet)]
[OutputType(typeof(AlmConnectionTestResult))]
public sealed class TestSdeAlmConnectionCommand : SdeAlmParallelCmdlet<AlmConnectionTestResult>
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
    [ValidateRange(1, int.MaxValue)]
    public int[]? Id { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [ValidateNotNull]
    public AlmConnection[]? InputObject { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            foreach (var id in Id!)
            {
                StartRecord(() =>
                {
                    var resources = ResourcesOf(ResolveConnection());
                    return context =>
                    {
                        context.PermissionHint = EditPermissionHint;
                        return resources.Test(resources.ReadConnection(id, includeLastJob: false, context), context);
                    };
                });
            }

            return;
        }

        foreach (var almConnection in InputObject!)
        {
            StartRecord(() =>
            {
                var resources = ResourcesOf(ConnectionOf(almConnection));
                return context =>
                {
                    context.PermissionHint = EditPermissionHint;
                    return resources.Test(almConnection, context);
                };
            });
        }
    }
}
