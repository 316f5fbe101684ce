using System;
using System.IO;
using System.Management.Automation;
using SdeAlm.Sessions;

namespace SdeAlm.Commands;

/// <summary>
/// Lets a file path parameter (-CatalogPath, -Path of an export) take only text or a file from Get-Item
/// or Get-ChildItem (its full path). Any other object is refused rather than turned into text with
/// ToString: a server connection given where a path goes would have named the file 'admin @ https://…'.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FilePathArgumentAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        ArgumentDescription.Base(inputData) switch
        {
            null => null,
            string path => path,
            FileInfo file => file.FullName,
            SdeConnection => throw Refused("a server connection (SdeConnection), which is given with -Connection (or -ReferenceConnection, -DifferenceConnection)"),
            var other => throw Refused(ArgumentDescription.Of(other)),
        };

    private static ArgumentTransformationMetadataException Refused(string what) =>
        new($"A file path is text, or a file from Get-Item or Get-ChildItem. This is {what}.");
}
