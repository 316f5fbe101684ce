using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SdeAlm;

/// <summary>
/// Loads our private copies of System.Text.Json and its helpers from the module's dependencies folder,
/// only when the runtime cannot provide them (Windows PowerShell 5.1) and only for our own assemblies,
/// so that other modules' resolution never sees them. PowerShell 7 binds to its own newer copies first.
/// </summary>
public sealed class ModuleInitAndCleanup : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string s_dependencies =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitAndCleanup).Assembly.Location) ?? ".", "dependencies");

    private static readonly HashSet<string> s_privateAssemblies = LoadNames();

    public void OnImport()
    {
        AppDomain.CurrentDomain.AssemblyResolve += ResolvePrivateAssembly;
        if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
        {
            // Windows PowerShell 5.1 may default to TLS 1.0; add TLS 1.2 without removing anything.
            ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo) =>
        AppDomain.CurrentDomain.AssemblyResolve -= ResolvePrivateAssembly;

    private static HashSet<string> LoadNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(s_dependencies))
        {
            foreach (var file in Directory.GetFiles(s_dependencies, "*.dll"))
            {
                names.Add(Path.GetFileNameWithoutExtension(file));
            }
        }

        return names;
    }

    private static Assembly? ResolvePrivateAssembly(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        if (name is null || !s_privateAssemblies.Contains(name) || !IsOurs(args.RequestingAssembly))
        {
            return null;
        }

        return Assembly.LoadFrom(Path.Combine(s_dependencies, name + ".dll"));
    }

    /// <summary>Only SdeAlm and its private dependencies may be served from our folder.</summary>
    private static bool IsOurs(Assembly? requester)
    {
        if (requester is null)
        {
            return false;
        }

        var name = requester.GetName().Name;
        return requester == typeof(ModuleInitAndCleanup).Assembly || (name is not null && s_privateAssemblies.Contains(name));
    }
}
