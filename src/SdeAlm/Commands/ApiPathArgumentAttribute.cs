using System;
using System.Management.Automation;

namespace SdeAlm.Commands;

/// <summary>
/// Lets Invoke-SdeRestMethod -Path take only text or a URL. Any other object is refused rather than
/// turned into text with ToString, which sent a piped ALM connection to the path '4 Website GitHub'.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ApiPathArgumentAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        ArgumentDescription.Base(inputData) switch
        {
            null => null,
            string path => path,
            Uri uri => uri.OriginalString,
            var other => throw new ArgumentTransformationMetadataException(
                $"-Path takes an API path as text, such as 'api/v2/users/me/', or a URL of the server. This is {ArgumentDescription.Of(other)}."),
        };
}
