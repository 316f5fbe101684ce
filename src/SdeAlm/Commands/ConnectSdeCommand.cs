using System;
using System.Management.Automation;
using System.Net;
using System.Runtime.InteropServices;
using System.Security;
using SdeAlm.Api;
using SdeAlm.Errors;
using SdeAlm.Sessions;

namespace SdeAlm.Commands;

/// <summary>Connect-Sde: opens a connection to an SD Elements server and, unless -NotCurrent, makes it the current one.</summary>
[Cmdlet(VerbsCommunications.Connect, "Sde")]
[OutputType(typeof(SdeConnection))]
public sealed class ConnectSdeCommand : SdeCmdlet
{
    internal const string ServerVariable = "SDE_SERVER";
    internal const string TokenVariable = "SDE_API_TOKEN";

    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Server { get; set; }

    [Parameter]
    [ValidateNotNull]
    [SecureToken]
    public SecureString? Token { get; set; }

    [Parameter]
    public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Seconds one call may take, retries included; 0 means no limit (as with Invoke-RestMethod).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int TimeoutSec { get; set; } = 100;

    [Parameter]
    [ValidateRange(0, 100)]
    public int MaximumRetryCount { get; set; } = 3;

    [Parameter]
    [ValidateRange(0, 3600)]
    public int RetryIntervalSec { get; set; } = 1;

    [Parameter]
    [ValidateNotNull]
    [ProxyAddress]
    public Uri? Proxy { get; set; }

    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? ProxyCredential { get; set; }

    [Parameter]
    public SwitchParameter SkipValidation { get; set; }

    /// <summary>Opens the connection without making it current (it is listed by Get-SdeConnection -All).</summary>
    [Parameter]
    public SwitchParameter NotCurrent { get; set; }

    protected override void EndProcessing() => InvokeMappingErrors(() =>
    {
        var server = Server ?? Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new SdeApiException(
                $"No SD Elements server was given. Pass -Server (for example: Connect-Sde -Server sde.example.com) or set the {ServerVariable} environment variable.",
                SdeErrorIds.ServerMissing,
                ErrorCategory.InvalidArgument,
                ServerVariable);
        }

        var baseUri = ServerAddress.Parse(server!);
        var proxy = Proxy is null ? null : SdeClientOptions.CheckProxy(Proxy);
        var token = Token is null ? Environment.GetEnvironmentVariable(TokenVariable) : new NetworkCredential(string.Empty, Token).Password;
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new SdeApiException(
                $"No API token was given. Pass -Token (for example: -Token (Read-Host -AsSecureString 'SD Elements API token')) or set the {TokenVariable} environment variable.",
                SdeErrorIds.TokenMissing,
                ErrorCategory.InvalidArgument,
                TokenVariable);
        }

        WarnIfTokenMeantForAnotherServer(baseUri);
        if (baseUri.Scheme == Uri.UriSchemeHttp && !AllowUnencryptedAuthentication)
        {
            throw new SdeApiException(
                $"Refusing to send the API token to {baseUri} over unencrypted http. Use https, or pass -AllowUnencryptedAuthentication if you accept the risk (for example on a test server).",
                SdeErrorIds.UnencryptedAuthentication,
                ErrorCategory.SecurityError,
                baseUri);
        }

        var options = new SdeClientOptions(baseUri)
        {
            Timeout = TimeoutSec == 0 ? null : TimeSpan.FromSeconds(TimeoutSec),
            MaximumRetryCount = MaximumRetryCount,
            RetryIntervalSec = RetryIntervalSec,
            SkipCertificateCheck = SkipCertificateCheck,
            Proxy = proxy,
            ProxyCredential = ProxyCredential?.GetNetworkCredential(),
            UserAgent = UserAgent(),
        };
        var client = new SdeApiClient(options, token!.Trim());
        string? user = null;
        try
        {
            if (!SkipValidation)
            {
                user = SdeAccount.WhoAmI(client, NewRequestContext());
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        var connection = new SdeConnection(client, options, user, DateTimeOffset.Now);
        SdeSession.Add(connection, makeCurrent: !NotCurrent);
        WriteVerbose(NotCurrent ? $"Connected to {connection}; it is not the current connection." : $"Connected to {connection}.");
        WriteObject(connection);
    });

    /// <summary>
    /// SDE_API_TOKEN set next to SDE_SERVER is the token of that server: say so before it goes to another one.
    /// Without SDE_SERVER (CI jobs that set only the token) nothing says which server it is for.
    /// </summary>
    private void WarnIfTokenMeantForAnotherServer(Uri baseUri)
    {
        var environmentServer = Environment.GetEnvironmentVariable(ServerVariable);
        if (Token is not null || Server is null || string.IsNullOrWhiteSpace(environmentServer))
        {
            return;
        }

        Uri? tokenServer;
        try
        {
            tokenServer = ServerAddress.Parse(environmentServer!);
        }
        catch (SdeApiException)
        {
            tokenServer = null;
        }

        if (tokenServer is null || !ServerAddress.IsSameOrigin(tokenServer, baseUri))
        {
            WriteWarning(
                $"The API token comes from {TokenVariable}, which is set next to {ServerVariable}={environmentServer.Trim()}, "
                + $"but this connects to {baseUri}. If the token is not meant for {baseUri.Host}, pass -Token for it instead.");
        }
    }

    private static string UserAgent()
    {
        var module = typeof(ConnectSdeCommand).Assembly.GetName().Version;
        var powerShell = typeof(PSObject).Assembly.GetName().Version;
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "Windows"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "macOS"
            : "Linux";
        return $"SdeAlm/{module?.ToString(3)} (PowerShell {powerShell?.ToString(3)}; {os})";
    }
}

/// <summary>
/// Converts -Proxy text to a Uri as PowerShell does, except that text with user information ('@') that
/// is no valid URL (a password with '#', '/', '?' or '@' in it) is refused without PowerShell's
/// "Cannot convert value", which would echo the password. A valid one goes on to be refused by
/// <see cref="SdeClientOptions.CheckProxy"/> as SdeProxyInvalid.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class ProxyAddressAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        if ((inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is not string text || text.IndexOf('@') < 0)
        {
            return inputData;
        }

        return Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var proxy)
            ? proxy
            : throw new ArgumentTransformationMetadataException(
                "-Proxy holds a user name and password, and is no valid URL. Give -Proxy the proxy's address alone, such as http://proxy.example.com:3128, "
                + "and the user name and password with -ProxyCredential (for example -ProxyCredential (Get-Credential)).");
    }
}
