using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SdeAlm.ReferenceCheck;

/// <summary>Assembly identities read from files with System.Reflection.Metadata, without loading anything.</summary>
internal static class AssemblyIdentities
{
    /// <summary>The identity a file defines, or null for a file that is not a managed assembly.</summary>
    public static AssemblyName? Definition(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        if (!pe.HasMetadata)
        {
            return null;
        }

        var metadata = pe.GetMetadataReader();
        return metadata.IsAssembly ? WithToken(metadata.GetAssemblyDefinition().GetAssemblyName()) : null;
    }

    /// <summary>The identities a file's metadata refers to (none for a native DLL).</summary>
    public static IReadOnlyList<AssemblyName> References(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var references = new List<AssemblyName>();
        if (!pe.HasMetadata)
        {
            return references;
        }

        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.AssemblyReferences)
        {
            references.Add(WithToken(metadata.GetAssemblyReference(handle).GetAssemblyName()));
        }

        return references;
    }

    /// <summary>Simple name to identity of every assembly in those of the folders that exist (not their subfolders).</summary>
    public static Dictionary<string, AssemblyName> InFolders(params string[] folders)
    {
        var index = new Dictionary<string, AssemblyName>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var file in Directory.GetFiles(folder, "*.dll"))
            {
                if (Definition(file) is { Name: not null } identity)
                {
                    index[identity.Name] = identity;
                }
            }
        }

        return index;
    }

    /// <summary>
    /// Identities compare by public key token; metadata may carry the whole key instead, from which
    /// AssemblyName derives the token once the key alone is set.
    /// </summary>
    private static AssemblyName WithToken(AssemblyName name)
    {
        var key = name.GetPublicKey();
        if (key is { Length: > 0 })
        {
            var copy = new AssemblyName(name.Name!) { Version = name.Version, CultureName = name.CultureName };
            copy.SetPublicKey(key);
            copy.SetPublicKeyToken(copy.GetPublicKeyToken());
            return copy;
        }

        return name;
    }
}
