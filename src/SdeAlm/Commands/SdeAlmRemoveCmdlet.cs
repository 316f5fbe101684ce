using SdeAlm.Api;
using SdeAlm.Sessions;

namespace SdeAlm.Commands;

/// <summary>
/// What Remove-SdeAlmConnector and Remove-SdeAlmConnection share: each resource is read first (one that
/// is gone already is an error about that record), -WhatIf/-Confirm name it, and only then is the DELETE
/// sent, once.
/// </summary>
public abstract class SdeAlmRemoveCmdlet<T> : SdeAlmResourceCmdlet
    where T : class
{
    /// <summary>"ALM connector" or "ALM connection".</summary>
    internal abstract string Noun { get; }

    /// <summary>The cmdlet that reads the resource by -Id, for messages that say how to check.</summary>
    internal abstract string GetCommand { get; }

    internal abstract T Read(AlmResources resources, int id, RequestContext context);

    /// <summary>How -WhatIf, -Confirm and -Verbose name the resource: "ALM connector 3 'GitHub'".</summary>
    internal abstract string Describe(T resource);

    internal abstract void Remove(AlmResources resources, T resource, RequestContext context);

    /// <summary>Removes the resource <paramref name="id"/> of the server <paramref name="connection"/> points at (run it with <see cref="SdeCmdlet.InvokeForRecord"/>).</summary>
    internal void RemoveOne(SdeConnection connection, int id)
    {
        var context = NewRequestContext();
        context.PermissionHint = EditPermissionHint;
        context.WriteCheckHint = $"Run {GetCommand} -Id {id} to see whether it was removed.";
        var resources = ResourcesOf(connection);
        var resource = Read(resources, id, context);
        var target = $"{Describe(resource)} on {resources.Server}";
        if (ShouldProcess(target, $"Remove {Noun}"))
        {
            Remove(resources, resource, context);
            WriteVerbose($"Removed {target}.");
        }
    }
}
