using System;
using System.Management.Automation;
using System.Security;

namespace SdeAlm.Commands;

/// <summary>
/// Lets -Token take only a SecureString, and answers a plain string with how to pass one instead of
/// PowerShell's bare "Cannot convert". The text itself is never echoed: it is the secret.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecureTokenAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) switch
        {
            null => null,
            SecureString token => token,
            string => throw new ArgumentTransformationMetadataException(
                "-Token takes a SecureString, not plain text, so that the token stays out of the command history. "
                + "Pass -Token (Read-Host -AsSecureString 'SD Elements API token'), or from a vault -Token (Get-Secret SdeApiToken), "
                + "or for a token already in a variable -Token (ConvertTo-SecureString $token -AsPlainText -Force); "
                + "or set the SDE_API_TOKEN environment variable and omit -Token."),
            var other => throw new ArgumentTransformationMetadataException(
                $"-Token takes a SecureString, not a {other.GetType().Name}. Pass -Token (Read-Host -AsSecureString 'SD Elements API token') or -Token (Get-Secret SdeApiToken)."),
        };
}
