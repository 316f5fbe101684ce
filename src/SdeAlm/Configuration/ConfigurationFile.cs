using System;
using System.IO;
using System.Management.Automation;
using System.Text.Json;
using SdeAlm.Errors;

namespace SdeAlm.Configuration;

/// <summary>Reads a configuration document from a file and writes one, with errors that say which file and what to do.</summary>
internal static class ConfigurationFile
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 64 };

    /// <summary>The document in the JSON file at <paramref name="path"/> (a full path); a UTF-8 byte order mark is allowed.</summary>
    public static AlmConfiguration Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SdeApiException(
                $"There is no configuration file {path}. Check -Path, or write one with Export-SdeAlmConfiguration.",
                SdeErrorIds.AlmConfigurationFileNotFound,
                ErrorCategory.ObjectNotFound,
                path,
                innerException: ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw FileError($"Cannot read the configuration file {path}: {ex.Message}", ErrorCategory.ReadError, path, ex);
        }

        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        object? tree;
        try
        {
            using var json = JsonDocument.Parse(bytes.AsMemory(start), s_options);
            tree = DocumentTree.FromJson(json.RootElement);
        }
        catch (JsonException ex)
        {
            var document = new AlmConfiguration(path);
            document.Problems.Add($"The file is not valid JSON: {ex.Message}");
            return document;
        }

        return ConfigurationReader.Read(tree, path);
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>; with <paramref name="noClobber"/> an existing file is an error and is left as it is.</summary>
    public static void Write(string path, byte[] bytes, bool noClobber)
    {
        if (Directory.Exists(path))
        {
            throw FileError($"{path} is a folder. Give -Path the file to write, such as {Path.Combine(path, "sde-alm.json")}.", ErrorCategory.WriteError, path, null);
        }

        try
        {
            using var stream = new FileStream(path, noClobber ? FileMode.CreateNew : FileMode.Create, FileAccess.Write, FileShare.None);
            stream.Write(bytes, 0, bytes.Length);
        }
        catch (IOException ex) when (noClobber && File.Exists(path))
        {
            throw new SdeApiException(
                $"The file {path} exists and -NoClobber was given, so it was left as it is. Choose another -Path, or leave out -NoClobber to replace it.",
                SdeErrorIds.AlmConfigurationFileExists,
                ErrorCategory.ResourceExists,
                path,
                innerException: ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw FileError($"Cannot write the configuration file {path}: {ex.Message}", ErrorCategory.WriteError, path, ex);
        }
    }

    private static SdeApiException FileError(string message, ErrorCategory category, string path, Exception? inner) =>
        new(message, SdeErrorIds.AlmConfigurationFileError, category, path, innerException: inner);
}
