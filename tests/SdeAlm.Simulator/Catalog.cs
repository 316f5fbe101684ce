using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SdeAlm.Simulator;

/// <summary>
/// The ALM plugins the simulator serves, loaded from <c>Fixtures/*.json</c> and
/// pre-serialized to compact UTF-8 once at startup so answering a request is a plain
/// byte copy (the large catalog is used for benchmarks).
/// </summary>
internal sealed class Catalog
{
    /// <summary>Fixture files in the order the list endpoint returns them.</summary>
    public static readonly IReadOnlyList<string> FixtureFiles =
    [
        "trac.json",
        "jira.json",
        "github.json",
        "azure-devops.json",
        "kitchen-sink.json",
        "empty.json",
    ];

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Only ASCII URLs and numbers are written through this; no HTML escaping needed.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly byte[][] plugins;
    private readonly string[] ids;
    private readonly Dictionary<string, byte[]> byId;

    private Catalog(byte[][] plugins, string[] ids, Dictionary<string, byte[]> byId)
    {
        this.plugins = plugins;
        this.ids = ids;
        this.byId = byId;
        ListBody = BuildList(plugins);
    }

    public int Count => plugins.Length;

    /// <summary>The plugin ids in list order.</summary>
    public IReadOnlyList<string> Ids => ids;

    /// <summary>The unpaginated list response, <c>{"results":[...]}</c>.</summary>
    public byte[] ListBody { get; }

    public bool TryGetPlugin(string id, out byte[] body) => byId.TryGetValue(id, out body!);

    /// <summary>The same plugins, each body passed through <paramref name="rewrite"/>; ids and order are kept.</summary>
    public Catalog Rewrite(Func<byte[], byte[]> rewrite)
    {
        byte[][] rewritten = Array.ConvertAll(plugins, plugin => rewrite(plugin));
        var rewrittenById = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
        {
            rewrittenById[ids[i]] = rewritten[i];
        }

        return new Catalog(rewritten, ids, rewrittenById);
    }

    /// <summary>
    /// Loads the fixtures. With <paramref name="large"/> the catalog holds that many
    /// plugins, cycling through the fixtures; copy k (1-based) gets id <c>&lt;id&gt;-k</c>
    /// and name <c>&lt;name&gt; #k</c>.
    /// </summary>
    public static Catalog Load(string directory, int? large)
    {
        var fixtures = new List<(string Id, byte[] Json)>();
        foreach (string file in FixtureFiles)
        {
            string path = Path.Combine(directory, file);
            byte[] json = File.ReadAllBytes(path);
            if (json.AsSpan().StartsWith("\uFEFF"u8))
            {
                json = json[3..];
            }

            fixtures.Add((ReadId(json, path), json));
        }

        var plugins = new List<byte[]>();
        var ids = new List<string>();
        var byId = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        void Add(string id, byte[] body)
        {
            if (!byId.TryAdd(id, body))
            {
                throw new InvalidDataException($"Duplicate plugin id '{id}'.");
            }

            plugins.Add(body);
            ids.Add(id);
        }

        if (large is int count)
        {
            for (int k = 1; k <= count; k++)
            {
                var (id, json) = fixtures[(k - 1) % fixtures.Count];
                string n = k.ToString(CultureInfo.InvariantCulture);
                Add($"{id}-{n}", JsonMinifier.Minify(json, idSuffix: "-" + n, nameSuffix: " #" + n));
            }
        }
        else
        {
            foreach (var (id, json) in fixtures)
            {
                Add(id, JsonMinifier.Minify(json));
            }
        }

        return new Catalog([.. plugins], [.. ids], byId);
    }

    /// <summary>
    /// Builds page <paramref name="page"/> (1-based) of a paginated list, DRF style:
    /// <c>{"count":..,"next":..,"previous":..,"results":[...]}</c>.
    /// </summary>
    public byte[] BuildPage(int page, int pageSize, string? next, string? previous)
    {
        int start = (int)Math.Min((long)(page - 1) * pageSize, plugins.Length);
        int end = (int)Math.Min((long)start + pageSize, plugins.Length);

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", plugins.Length);
            writer.WriteString("next", next);
            writer.WriteString("previous", previous);
            writer.WriteStartArray("results");
            for (int i = start; i < end; i++)
            {
                writer.WriteRawValue(plugins[i], skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Number of pages for <paramref name="pageSize"/>; an empty catalog still has page 1.</summary>
    public int PageCount(int pageSize) => Math.Max(1, (int)(((long)plugins.Length + pageSize - 1) / pageSize));

    private static byte[] BuildList(byte[][] plugins)
    {
        long size = 16 + plugins.Sum(p => (long)p.Length + 1);
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(size, int.MaxValue));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("results");
            foreach (byte[] plugin in plugins)
            {
                writer.WriteRawValue(plugin, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string ReadId(byte[] json, string path)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object &&
                root.TryGetProperty("id", out JsonElement id) &&
                id.ValueKind == JsonValueKind.String &&
                !string.IsNullOrEmpty(id.GetString()))
            {
                return id.GetString()!;
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: invalid JSON: {ex.Message}", ex);
        }

        throw new InvalidDataException($"{path}: expected an object with a non-empty string \"id\".");
    }
}
