using System.Collections;
using System.Management.Automation;
using System.Net.Http;
using SdeAlm.Api;
using SdeAlm.Errors;

namespace SdeAlm.Commands;

/// <summary>
/// Invoke-SdeRestMethod: any SD Elements API endpoint with the server connection's token and settings,
/// answered as PowerShell objects built from the raw JSON. Unlike every other cmdlet it shows the
/// server's answer as it is, secrets included.
/// </summary>
/// <remarks>
/// ConfirmImpact is High because DELETE is; POST, PATCH and PUT are Medium, so they skip the prompt that
/// a High cmdlet would get from the default $ConfirmPreference (see <see cref="ShouldSend"/>).
/// </remarks>
[Cmdlet(VerbsLifecycle.Invoke, "SdeRestMethod", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PSCustomObject))]
public sealed class InvokeSdeRestMethodCommand : SdeConnectedCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ApiPathArgument]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter]
    [ValidateSet("GET", "POST", "PATCH", "PUT", "DELETE", IgnoreCase = true)]
    public string Method { get; set; } = "GET";

    [Parameter]
    public object? Body { get; set; }

    [Parameter]
    public IDictionary? Query { get; set; }

    [Parameter]
    public SwitchParameter All { get; set; }

    private HttpMethod _method = HttpMethod.Get;

    protected override void BeginProcessing() => InvokeMappingErrors(() =>
    {
        _method = new HttpMethod(Method.ToUpperInvariant());
        if (All && _method != HttpMethod.Get)
        {
            throw Conflict($"-All follows the 'next' links of a list, which only GET reads; it cannot be used with -Method {_method}.", "All");
        }

        if (Body is not null && _method == HttpMethod.Get)
        {
            throw Conflict("A GET request carries no body. Put filters in -Query, or choose -Method POST, PATCH, PUT or DELETE.", "Body");
        }
    });

    protected override void ProcessRecord() => InvokeForRecord(() =>
    {
        var api = new RestApi(ResolveClient());
        var target = RestTarget.Resolve(api.BaseUri, Path!, Query);
        var context = NewRequestContext();
        if (_method != HttpMethod.Get)
        {
            if (!ShouldSend(target.ToString()))
            {
                return;
            }

            context.WriteCheckHint = $"Read {Path} with Invoke-SdeRestMethod to see whether it was made.";
        }

        // Like the items of a list command: one at a time down the pipeline.
        foreach (var item in All ? api.GetAll(target, context) : api.Send(_method, target, Body, context))
        {
            WriteObject(item);
        }
    });

    /// <summary>
    /// DELETE asks like any High-impact change. POST, PATCH and PUT ask like a Medium one: everywhere
    /// ShouldProcess would ask a Medium cmdlet, except when only the default $ConfirmPreference (High)
    /// would make it ask, because the cmdlet as a whole declares High.
    /// </summary>
    private bool ShouldSend(string target)
    {
        var action = _method.Method;
        if (_method.Method == "DELETE" || !OnlyHighImpactAsks())
        {
            return ShouldProcess(target, action);
        }

        return true;
    }

    /// <summary>True when no -WhatIf, no -Confirm, and $ConfirmPreference is High: then only High-impact changes ask.</summary>
    private bool OnlyHighImpactAsks()
    {
        var bound = MyInvocation.BoundParameters;
        if (bound.ContainsKey("Confirm"))
        {
            return false;
        }

        var whatIf = bound.TryGetValue("WhatIf", out var flag)
            ? ((SwitchParameter)flag).IsPresent
            : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
        if (whatIf)
        {
            return false;
        }

        return LanguagePrimitives.TryConvertTo<ConfirmImpact>(SessionState.PSVariable.GetValue("ConfirmPreference"), out var preference)
            && preference == ConfirmImpact.High;
    }

    private static SdeApiException Conflict(string message, string parameter) =>
        new(message, SdeErrorIds.RestArgumentInvalid, ErrorCategory.InvalidArgument, parameter);
}
