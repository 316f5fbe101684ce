using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SdeAlm;

/// <summary>
/// Serves our private copies of System.Text.Json and its helpers (the module's dependencies folder) to
/// SdeAlm and to those copies and, where .NET Framework does not say who asks, to a request that a binding
/// redirect would send to them; to nobody else.
/// <list type="bullet">
/// <item>Windows PowerShell 5.1 (.NET Framework) has no System.Text.Json: the copies are loaded with
/// LoadFrom, side by side with any other version another module loaded.</item>
/// <item>PowerShell 7 binds SdeAlm to its own, newer System.Text.Json and never asks. Should a runtime
/// ever ask (its copy older than ours), the copies go into a load context of their own, so they cannot
/// clash with the assemblies of PowerShell or of other modules.</item>
/// </list>
/// A request from any other assembly is left to the runtime and to other modules' handlers.
/// </summary>
public sealed class PrivateDependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly Assembly s_self = typeof(PrivateDependencyResolver).Assembly;

    private static readonly string s_dependencies =
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(s_self.Location) ?? ".", "dependencies"));

    /// <summary>Simple name to full identity of every assembly in the dependencies folder.</summary>
    private static readonly Dictionary<string, AssemblyName> s_private = IndexDependencies();

    /// <summary>Null on .NET Framework, which has no AssemblyLoadContext.</summary>
    private static readonly PrivateLoadContext? s_loadContext = PrivateLoadContext.TryCreate("SdeAlm.dependencies");

    /// <summary>True in Windows PowerShell, where no load context can keep our copies apart.</summary>
    private static readonly bool s_onNetFramework =
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    /// <inheritdoc/>
    public void OnImport() =>
        AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;

    /// <inheritdoc/>
    public void OnRemove(PSModuleInfo psModuleInfo) =>
        AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;

    private static Dictionary<string, AssemblyName> IndexDependencies()
    {
        var index = new Dictionary<string, AssemblyName>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(s_dependencies))
        {
            foreach (var file in Directory.GetFiles(s_dependencies, "*.dll"))
            {
                index[Path.GetFileNameWithoutExtension(file)] = AssemblyName.GetAssemblyName(file);
            }
        }

        return index;
    }

    private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
    {
        var requested = new AssemblyName(args.Name);
        if (requested.Name is null
            || !s_private.TryGetValue(requested.Name, out var ours)
            || !MayServe(requested, ours, args.RequestingAssembly, s_onNetFramework))
        {
            return null;
        }

        var path = Path.Combine(s_dependencies, requested.Name + ".dll");
        return s_loadContext is null ? Assembly.LoadFrom(path) : s_loadContext.LoadFromAssemblyPath(path);
    }

    /// <summary>
    /// A known requester must be SdeAlm or one of our copies; our copy then stands in for whatever version
    /// was asked for. When the runtime cannot tell who asks:
    /// <list type="bullet">
    /// <item>.NET Framework (which sometimes does not say, and gives a module no binding redirects): served as a binding redirect would serve it (<see cref="BindingRedirectRule"/>), so that
    /// System.Memory's request for an older System.Buffers still finds ours.</item>
    /// <item>PowerShell 7: only exactly our copy's identity, so that no other module is handed a version
    /// it did not ask for.</item>
    /// </list>
    /// </summary>
    internal static bool MayServe(AssemblyName requested, AssemblyName ours, Assembly? requester, bool onNetFramework)
    {
        if (requester is not null)
        {
            return requester == s_self || IsPrivateCopy(requester);
        }

        return onNetFramework
            ? BindingRedirectRule.Allows(requested, ours)
            : string.Equals(requested.FullName, ours.FullName, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True for an assembly loaded from our dependencies folder (not, say, PowerShell's own System.Text.Json).</summary>
    private static bool IsPrivateCopy(Assembly assembly)
    {
        if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location))
        {
            return false;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(assembly.Location));
        return string.Equals(folder, s_dependencies, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// An AssemblyLoadContext reached through reflection, because netstandard2.0 (needed for Windows
    /// PowerShell) does not expose the type.
    /// </summary>
    private sealed class PrivateLoadContext
    {
        private readonly object _context;
        private readonly MethodInfo _loadFromAssemblyPath;

        private PrivateLoadContext(object context, MethodInfo loadFromAssemblyPath)
        {
            _context = context;
            _loadFromAssemblyPath = loadFromAssemblyPath;
        }

        public static PrivateLoadContext? TryCreate(string name)
        {
            var type = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
            var constructor = type?.GetConstructor([typeof(string), typeof(bool)]);
            var load = type?.GetMethod("LoadFromAssemblyPath", [typeof(string)]);
            return constructor is null || load is null
                ? null
                : new PrivateLoadContext(constructor.Invoke([name, false]), load);
        }

        public Assembly LoadFromAssemblyPath(string path) => (Assembly)_loadFromAssemblyPath.Invoke(_context, [path])!;
    }
}
