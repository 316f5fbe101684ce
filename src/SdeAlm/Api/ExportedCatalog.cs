using System.Collections.Generic;
using SdeAlm.Model;

namespace SdeAlm.Api;

/// <summary>A catalog read for a file: the document to write, and the plugins it reads back as.</summary>
internal sealed class ExportedCatalog
{
    public ExportedCatalog(byte[] json, IReadOnlyList<AlmPlugin> plugins)
    {
        Json = json;
        Plugins = plugins;
    }

    /// <summary>The catalog file's content: UTF-8 JSON, <c>{"results": [...]}</c>.</summary>
    public byte[] Json { get; }

    public IReadOnlyList<AlmPlugin> Plugins { get; }
}
