using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Microsoft.PowerShell.Commands;
using SdeAlm.Errors;
using SdeAlm.Json;
using SdeAlm.Model;

namespace SdeAlm.Api;

/// <summary>
/// The plugin catalog in a file, as Export-SdeAlmPluginCatalog writes it (<c>{"results": [...]}</c>, the
/// plugins as the API sent them). It is read by the rules of an answer of the server (64 MiB, 2,000,000
/// values, the same leniency) and mapped to the same objects, so that a command given the file returns
/// what it returned from the server that exported it. Read once, on first use; nothing is ever sent.
/// </summary>
internal sealed class PluginCatalogFile : PluginCatalogSource
{
    private const int BytesPerMiB = 1024 * 1024;

    private readonly object _gate = new();
    private IReadOnlyList<AlmPlugin>? _plugins;

    /// <param name="path">The file system path of the file, resolved (see <see cref="FileSystemPath"/>).</param>
    public PluginCatalogFile(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public override string Location => $"in the catalog file {Path}";

    public override string ListCommand => $"Get-SdeAlmPlugin -CatalogPath '{Path.Replace("'", "''")}'";

    /// <summary>
    /// The catalog file a parameter names: <paramref name="path"/> resolved against PowerShell's current
    /// location (not the process's), as a file of the file system.
    /// </summary>
    public static PluginCatalogFile Open(SessionState session, string path, string parameter) => new(FileSystemPath(session, path, parameter));

    /// <summary>
    /// A path as PowerShell means it (relative to the current location, <c>~</c>, a PSDrive), made the
    /// file system path it names; wildcard characters are taken literally. A path on another provider
    /// (HKLM:, Env:) or an unknown drive is refused.
    /// </summary>
    public static string FileSystemPath(SessionState session, string path, string parameter)
    {
        string resolved;
        ProviderInfo provider;
        try
        {
            resolved = session.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
        }
        catch (SessionStateException ex)
        {
            // An unknown drive or provider (Q:\catalog.json, nosuch::x).
            throw new SdeApiException($"-{parameter} '{path}' names no file: {ex.Message}", SdeErrorIds.CatalogFileNotFound, ErrorCategory.ObjectNotFound, path, null, ex);
        }

        if (provider.ImplementingType != typeof(FileSystemProvider))
        {
            throw new SdeApiException(
                $"-{parameter} '{path}' is on the {provider.Name} provider; a catalog is a file. Give a file system path.",
                SdeErrorIds.CatalogFileError,
                ErrorCategory.InvalidArgument,
                path);
        }

        return resolved;
    }

    public override IEnumerable<AlmPlugin> GetAll(RequestContext context) => Plugins(context);

    public override AlmPlugin Get(string id, RequestContext context) =>
        Plugins(context).FirstOrDefault(plugin => string.Equals(plugin.Id, id, StringComparison.Ordinal))
        ?? throw new SdeApiException(
            $"There is no ALM plugin with id '{id}' {Location}. Run {ListCommand} to list the ids.",
            SdeErrorIds.PluginNotFound,
            ErrorCategory.ObjectNotFound,
            id);

    /// <summary>
    /// The plugins of a catalog's JSON, checked: at most 64 MiB and 2,000,000 values, an object with a
    /// <c>results</c> list of plugins and no <c>next</c> page. The one reading of a catalog document, for
    /// a file and for what Export-SdeAlmPluginCatalog is about to write.
    /// </summary>
    public static IReadOnlyList<AlmPlugin> Parse(ReadOnlySpan<byte> json, JsonOrigin origin)
    {
        if (json.Length > ResponseReader.MaximumBytes)
        {
            throw origin.TooLarge(TooManyBytes);
        }

        var page = ResponseReader.Parse(json, origin, SdeJsonContext.Default.AlmPluginPage);
        if (page.Results is null)
        {
            throw origin.Invalid($"{origin.Noun} has no 'results' list of plugins");
        }

        if (!string.IsNullOrEmpty(page.Next))
        {
            // One page of a paginated answer, saved by hand: the rest of the catalog is not in it.
            throw origin.Invalid($"{origin.Noun} is one page of a longer list; its 'next' is {page.Next}");
        }

        return [.. page.Results.Where(plugin => plugin is not null).Select(plugin => AlmPluginMapper.ToPlugin(plugin!))];
    }

    /// <summary>
    /// Refuses, before anything is read or written, to write a catalog to <paramref name="path"/> where
    /// it cannot go: over a file that -NoClobber keeps, onto a folder, or into a folder that does not exist.
    /// </summary>
    public static void CheckTarget(string path, bool noClobber)
    {
        if (Directory.Exists(path))
        {
            throw FileError(path, "is a folder. Give the path of a file, such as catalog.json in that folder", ErrorCategory.WriteError);
        }

        if (noClobber && File.Exists(path))
        {
            throw Exists(path);
        }

        var folder = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            throw FileError(path, $"cannot be written: the folder {folder} does not exist", ErrorCategory.WriteError);
        }
    }

    /// <summary>
    /// Writes a catalog document to <paramref name="path"/> whole or not at all: into a file of its own
    /// beside it, then moved into place, so a failure midway leaves an earlier catalog as it was.
    /// </summary>
    public static void Write(string path, byte[] json, bool noClobber)
    {
        var staging = path + "." + Guid.NewGuid().ToString("n").Substring(0, 8) + ".tmp";
        try
        {
            using (var stream = new FileStream(staging, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(json, 0, json.Length);
            }

            if (!noClobber && File.Exists(path))
            {
                File.Replace(staging, path, null);
            }
            else
            {
                // Fails when the file appeared since CheckTarget: -NoClobber still keeps it.
                File.Move(staging, path);
            }
        }
        catch (IOException) when (noClobber && File.Exists(path))
        {
            throw Exists(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw FileError(path, $"cannot be written: {ex.Message}", ErrorCategory.WriteError, ex);
        }
        finally
        {
            TryDelete(staging);
        }
    }

    private static string TooManyBytes => $"is larger than {ResponseReader.MaximumBytes / BytesPerMiB} MiB";

    private static SdeApiException Exists(string path) =>
        new(
            $"The file {path} already exists, and -NoClobber keeps it: nothing was written. Give another -Path, or leave out -NoClobber to replace it.",
            SdeErrorIds.CatalogFileExists,
            ErrorCategory.ResourceExists,
            path);

    private static SdeApiException FileError(string path, string what, ErrorCategory category, Exception? inner = null) =>
        new($"The catalog file {path} {what}.", SdeErrorIds.CatalogFileError, category, path, null, inner);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a staging file that could not be moved is left; the error already says why.
        }
    }

    private IReadOnlyList<AlmPlugin> Plugins(RequestContext context)
    {
        lock (_gate)
        {
            return _plugins ??= Read(context);
        }
    }

    private IReadOnlyList<AlmPlugin> Read(RequestContext context)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        var json = ReadBytes();
        var plugins = Parse(json, new FileOrigin(Path));
        context.Verbose($"Read {CountOf(plugins.Count)} from the catalog file {Path} ({SdeApiClient.FormatSize(json.Length)}); nothing is sent to a server.");
        return plugins;
    }

    private byte[] ReadBytes()
    {
        if (Directory.Exists(Path))
        {
            throw FileError(Path, "is a folder. Give the path of a catalog file that Export-SdeAlmPluginCatalog wrote", ErrorCategory.ReadError);
        }

        try
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > ResponseReader.MaximumBytes)
            {
                throw new FileOrigin(Path).TooLarge(TooManyBytes);
            }

            var json = new byte[stream.Length];
            var length = 0;
            int read;
            while (length < json.Length && (read = stream.Read(json, length, json.Length - length)) > 0)
            {
                length += read;
            }

            return length == json.Length ? json : json.Take(length).ToArray();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SdeApiException(
                $"There is no catalog file {Path}. Check the path, or write the file with Export-SdeAlmPluginCatalog.",
                SdeErrorIds.CatalogFileNotFound,
                ErrorCategory.ObjectNotFound,
                Path,
                null,
                ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw FileError(Path, $"cannot be read: {ex.Message}", ErrorCategory.ReadError, ex);
        }
    }

    /// <summary>A catalog file's JSON: its problems are SdeAlmCatalogFileInvalid, worded for a file.</summary>
    private sealed class FileOrigin : JsonOrigin
    {
        private readonly string _path;

        public FileOrigin(string path)
        {
            _path = path;
        }

        public override string Noun => "the file";

        public override SdeApiException Invalid(string reason, Exception? inner = null) =>
            new(
                $"The file {_path} is not an ALM plugin catalog: {reason}. Write a catalog with Export-SdeAlmPluginCatalog.",
                SdeErrorIds.CatalogFileInvalid,
                ErrorCategory.InvalidData,
                _path,
                null,
                inner);

        public override SdeApiException TooLarge(string excess) =>
            new(
                $"The file {_path} {excess}, the most SdeAlm reads; a plugin catalog is a few MB. Check that it is a catalog that Export-SdeAlmPluginCatalog wrote.",
                SdeErrorIds.CatalogFileInvalid,
                ErrorCategory.LimitsExceeded,
                _path);
    }
}
