using System;
using System.IO;

namespace SdeAlm.Tests;

/// <summary>The repository's root folder, for tests that read its scripts and workflow.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "SdeAlm.PowerShell.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No SdeAlm.PowerShell.sln above {AppContext.BaseDirectory}.");
    }
}
