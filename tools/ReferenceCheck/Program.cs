using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using SdeAlm.ReferenceCheck;

// Usage: SdeAlm.ReferenceCheck <module folder>
// Reads the references of every DLL in the built module and proves each is satisfied on Windows PowerShell 5.1
// (.NET Framework 4.7.2 and its System.Management.Automation) or by a shipped copy through the module's resolver.
// Prints the redirects that resolver serves; exits 1 when a reference has no provider.
if (args.Length != 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("Usage: SdeAlm.ReferenceCheck <module folder, e.g. out/SdeAlm>");
    return 2;
}

var module = Path.GetFullPath(args[0]);
var frameworkFolder = Metadata("NetFrameworkReferenceFolder");
var satisfier = new ReferenceSatisfier(
    AssemblyIdentities.InFolders(frameworkFolder, Path.Combine(frameworkFolder, "Facades")),
    AssemblyIdentities.InFolders(Path.GetDirectoryName(Metadata("WindowsPowerShellReference"))!),
    AssemblyIdentities.InFolders(Path.Combine(module, "dependencies")));

var files = Directory.GetFiles(module, "*.dll", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
var checkedReferences = new List<(string Requester, AssemblyName Reference, Satisfaction Satisfaction)>();
foreach (var file in files)
{
    var requester = AssemblyIdentities.Definition(file)?.Name ?? Path.GetFileName(file);
    foreach (var reference in AssemblyIdentities.References(file))
    {
        checkedReferences.Add((requester, reference, satisfier.Satisfy(reference)));
    }
}

var counts = checkedReferences.GroupBy(r => r.Satisfaction.Provider).ToDictionary(g => g.Key, g => g.Count());
int Count(Provider provider) => counts.TryGetValue(provider, out var count) ? count : 0;
Console.WriteLine($"Reference check of {module}: {files.Count} DLLs, {checkedReferences.Count} references.");
Console.WriteLine($"  {Count(Provider.NetFramework)} by the .NET Framework 4.7.2 reference set, "
    + $"{Count(Provider.WindowsPowerShell)} by Windows PowerShell's System.Management.Automation, "
    + $"{Count(Provider.ShippedExactly)} by a shipped copy of exactly that identity, "
    + $"{Count(Provider.ShippedThroughRedirect)} by a shipped copy through the binding-redirect rule.");

var redirects = checkedReferences
    .Where(r => r.Satisfaction.Provider == Provider.ShippedThroughRedirect)
    .GroupBy(r => (Name: r.Reference.Name!, Asked: r.Reference.Version!, Served: r.Satisfaction.ServedBy!.Version!))
    .OrderBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.Asked)
    .Select(g => new[] { g.Key.Name, g.Key.Asked.ToString(), g.Key.Served.ToString(), string.Join(", ", g.Select(r => r.Requester).Order(StringComparer.Ordinal)) })
    .ToList();
Console.WriteLine();
Console.WriteLine("Redirects the resolver serves on .NET Framework:");
WriteTable(["Assembly", "Asked for", "Served", "Asked by"], redirects);

var missing = checkedReferences.Where(r => r.Satisfaction.Provider == Provider.None).ToList();
if (missing.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine($"{missing.Count} references have no provider on Windows PowerShell 5.1:");
    foreach (var (requester, reference, _) in missing)
    {
        Console.WriteLine($"  {requester} -> {reference.FullName}");
    }

    return 1;
}

if (files.Count == 0 || checkedReferences.Count == 0)
{
    Console.WriteLine("Nothing was checked: is the module built?");
    return 1;
}

Console.WriteLine();
Console.WriteLine("Every reference is satisfied on Windows PowerShell 5.1.");
return 0;

static string Metadata(string key) =>
    typeof(ReferenceSatisfier).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
    ?? throw new InvalidOperationException($"The build did not record {key}.");

static void WriteTable(string[] header, List<string[]> rows)
{
    var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
    string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
    Console.WriteLine(Line(header));
    Console.WriteLine(Line(widths.Select(w => new string('-', w)).ToArray()));
    rows.ForEach(r => Console.WriteLine(Line(r)));
}
