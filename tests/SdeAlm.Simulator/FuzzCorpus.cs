using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SdeAlm.Simulator;

/// <summary>
/// Deterministic mutations of the simulator's real answers, for the client's fuzz test: mutation n
/// is always the same bytes. The first <see cref="SpecialCount"/> are hand-picked hostile answers
/// (empty bodies, wrong roots, 3 MB values, 100,000-deep nesting, invalid UTF-8, broken
/// compression, hostile <c>next</c> links, …). The rest are seeded structural changes of the real
/// document, cycling through six operations and through every depth of the document: a value of
/// the wrong type, a null, a removed member, a truncation, byte noise, and a meaning-preserving
/// rewrite (unknown members, reordered members, indentation, a byte order mark).
/// </summary>
internal sealed class FuzzCorpus
{
    private const int Seed = 0x5DE;
    private const int ThreeMegabytes = 3 * 1024 * 1024;
    private const int DeepNesting = 100_000;
    private const int StructuralOperations = 6;
    private const string FieldStart = "\"fields\":[{";
    private const string NameValue = "\"name\":\"";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>JSON values of every type, to put where another type belongs.</summary>
    private static readonly string[] WrongValues =
    [
        "null", "\"\"", "\"fuzz\"", "0", "-1", "2.5", "1e300", "12345678901234567890", "true", "false",
        "[]", "{}", "[null]", "{\"id\":null}", "[1,\"a\",true]", "\"\\u0000\"",
    ];

    /// <summary>Bytes that matter to a JSON reader, for byte noise.</summary>
    private static readonly byte[] NoiseBytes = "{}[]\":,\\0-e.ntf "u8.ToArray().Concat(new byte[] { 0x00, 0xFF, 0xC3, 0x80, 0x0A }).ToArray();

    private static readonly Func<Base, FuzzCase>[] Specials = BuildSpecials();

    private readonly byte[] list;
    private readonly (string Id, byte[] Json)[] plugins;

    public FuzzCorpus(Catalog catalog)
    {
        // The paginated form, so that count, next and previous are there to be mutated too.
        list = catalog.BuildPage(1, Math.Max(1, catalog.Count), next: null, previous: null);
        plugins = catalog.Ids.Select(id => catalog.TryGetPlugin(id, out byte[] body) ? (id, body) : throw new InvalidOperationException(id)).ToArray();
    }

    /// <summary>How many of the first mutations are the hand-picked ones.</summary>
    public static int SpecialCount => Specials.Length;

    /// <summary>Mutation <paramref name="n"/> of the list or of a plugin (plugins take turns as the base).</summary>
    public FuzzCase Create(int n, FuzzTarget target)
    {
        bool isList = target == FuzzTarget.List;
        var (id, doc) = isList ? ("*", list) : PluginFor(n, needsFields: n < Specials.Length);
        FuzzCase fuzz = n < Specials.Length
            ? Specials[n](new Base(isList, doc))
            : Structural(n - Specials.Length, new Random(Seed + (n * 7919) + ((int)target * 104_729)), doc);
        return fuzz with { BaseId = id };
    }

    private (string Id, byte[] Json) PluginFor(int n, bool needsFields)
    {
        // The hand-picked mutations edit the first field, so they skip plugins without one.
        for (int i = 0; i < plugins.Length; i++)
        {
            var candidate = plugins[(n + i) % plugins.Length];
            if (!needsFields || candidate.Json.AsSpan().IndexOf(Utf8(FieldStart)) >= 0)
            {
                return candidate;
            }
        }

        return plugins[n % plugins.Length];
    }

    private static Func<Base, FuzzCase>[] BuildSpecials() =>
    [
        // Nothing, or the wrong kind of root.
        b => new("empty", "an empty body", []),
        b => new("empty", "only whitespace", Utf8(" \r\n\t ")),
        b => new("wrong-root", "the JSON literal null", Utf8("null")),
        b => new("wrong-root", "the JSON literal false", Utf8("false")),
        b => new("wrong-root", "a number", Utf8("0")),
        b => new("wrong-root", "a string", Utf8("\"plugins\"")),
        b => new("wrong-root", "an empty object", Utf8("{}")),
        b => new("wrong-root", "an empty top-level array", Utf8("[]")),
        b => new("wrong-root", "the real answer inside a top-level array", [.. "["u8, .. b.Doc, .. "]"u8]),

        // Containers that are null, the wrong type or full of the wrong things.
        b => new("container", b.IsList ? "results is null" : "sections is null", b.IsList ? Utf8("""{"count":1,"next":null,"results":null}""") : Utf8("""{"id":"p","sections":null}""")),
        b => new("container", b.IsList ? "results is a string" : "sections is a string", b.IsList ? Utf8("""{"results":"trac"}""") : Utf8("""{"id":"p","sections":"trac"}""")),
        b => new("container", b.IsList ? "results is an object" : "sections is an object", b.IsList ? Utf8("""{"results":{"id":"trac"}}""") : Utf8("""{"id":"p","sections":{"label":"x"}}""")),
        b => new("container", "the plugin array holds scalars", b.IsList ? Utf8("""{"results":[1,"x",true]}""") : Utf8("""{"id":"p","sections":[1,"x",true]}""")),
        b => new("container", "only nulls", b.IsList ? Utf8("""{"results":[null,null]}""") : Utf8("""{"id":null,"sections":[null,{"fields":[null]}]}""")),
        b => new("container", "fields is a string", b.Wrap("""{"id":"p","sections":[{"label":"s","fields":"x"}]}""")),
        b => new("container", "options is a number", b.Wrap("""{"id":"p","sections":[{"fields":[{"name":"f","options":5}]}]}""")),
        b => new("container", "scope holds numbers", b.Wrap("""{"id":"p","sections":[{"fields":[{"name":"f","scope":[1,2]}]}]}""")),
        b => new("container", "scope is a string", b.Wrap("""{"id":"p","sections":[{"fields":[{"name":"f","scope":"system"}]}]}""")),

        // Big values: 3 MB strings, names, numbers and whitespace.
        b => new("3MB", "a 3 MB plugin name", b.EditPlugin(p => p["name"] = new string('x', ThreeMegabytes))),
        b => new("3MB", "a 3 MB escaped field description", b.Splice(FieldStart, Member("description", "\"" + Repeat("\\u00e9", ThreeMegabytes / 6) + "\""))),
        b => new("3MB", "a 3 MB unknown member name", b.Splice(b.PluginStart, Member(new string('k', ThreeMegabytes), "1")), Preserving: true),
        b => new("3MB", "a 3 MB number as max_length", b.Splice(FieldStart, Member("max_length", new string('1', ThreeMegabytes)))),
        b => new("3MB", "3 MB of whitespace between members", b.Splice(b.PluginStart, Utf8(new string(' ', ThreeMegabytes))), Preserving: true),
        b => new("3MB", "a 3 MB string as a field default", b.EditField(f => f["default"] = new string('d', ThreeMegabytes))),

        // Nesting far beyond any sane depth, and just inside the reader's limit.
        b => new("deep", "arrays nested 100,000 deep as the root", [.. Utf8(new string('[', DeepNesting)), .. Utf8(new string(']', DeepNesting))]),
        b => new("deep", "objects nested 100,000 deep in an unknown member", b.Splice(b.PluginStart, Member("x_deep", Repeat("{\"a\":", DeepNesting) + "1" + new string('}', DeepNesting)))),
        b => new("deep", "arrays nested 100,000 deep as a field default", b.Splice(FieldStart, Member("default", new string('[', DeepNesting) + new string(']', DeepNesting)))),
        b => new("deep", "100,000 unclosed arrays", Utf8("{\"results\":" + new string('[', DeepNesting))),
        b => new("deep", "a default nested 40 deep (allowed)", b.EditField(f => f["default"] = JsonNode.Parse(new string('[', 40) + "1" + new string(']', 40)))),

        // Bytes that are not UTF-8, and text JSON does not allow.
        b => new("utf8", "byte 0xFF in a string", b.Splice(NameValue, [0xFF])),
        b => new("utf8", "an overlong encoding of '/' in a string", b.Splice(NameValue, [0xC0, 0xAF])),
        b => new("utf8", "a string ending inside a multi-byte sequence", b.Splice(NameValue, [0xE2, 0x82, (byte)'"', (byte)','] , "\"x_after\":\"")),
        b => new("utf8", "a UTF-8 encoded surrogate in a string", b.Splice(NameValue, [0xED, 0xA0, 0x80])),
        b => new("utf8", "byte 0xFF in an unknown member name", b.Splice(b.PluginStart, [.. "\"x"u8, 0xFF, .. "\":1,"u8])),
        b => new("utf8", "byte 0xFF between tokens", b.Splice(b.PluginStart, [0xFF])),
        b => new("utf8", "an escaped lone surrogate in a string", b.Splice(NameValue, Utf8("\\ud800"))),
        b => new("utf8", "a raw control character in a string", b.Splice(NameValue, [0x01])),
        b => new("utf8", "a NUL byte in a string", b.Splice(NameValue, [0x00])),
        b => new("utf8", "a UTF-8 byte order mark", [0xEF, 0xBB, 0xBF, .. b.Doc], Preserving: true),
        b => new("utf8", "the answer in UTF-16 with a byte order mark", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(b.Doc))).ToArray()),

        // Syntax JSON does not have.
        b => new("syntax", "a trailing comma", [.. b.Doc.AsSpan(0, b.Doc.Length - 1), .. ",}"u8]),
        b => new("syntax", "a comment before the answer", [.. "/* c */"u8, .. b.Doc]),
        b => new("syntax", "garbage after the answer", [.. b.Doc, .. " x"u8]),
        b => new("syntax", "two answers in one body", [.. b.Doc, .. b.Doc]),
        b => new("syntax", "single quotes", b.IsList ? Utf8("{'results':[]}") : Utf8("{'id':'p'}")),

        // Numbers that do not fit.
        b => new("number", "NaN as max_length", b.Splice(FieldStart, Member("max_length", "NaN"))),
        b => new("number", "1e400 as a default", b.Splice(FieldStart, Member("default", "1e400"))),
        b => new("number", "a 30-digit integer as a default", b.EditField(f => f["default"] = JsonNode.Parse("123456789012345678901234567890"))),
        b => new("number", "max_length beyond Int32", b.EditField(f => f["max_length"] = JsonNode.Parse("99999999999"))),
        b => new("number", "a fractional max_length", b.EditField(f => f["max_length"] = JsonNode.Parse("2.5"))),
        b => new("number", "max_length -0", b.EditField(f => f["max_length"] = JsonNode.Parse("-0"))),
        b => new("duplicate", "a second id before the real one (the last wins)", b.Splice(b.PluginStart, Member("id", "\"dup\"")), Preserving: true),

        // Headers that do not match the body.
        b => new("header", "no Content-Type", b.Doc, ContentType: null),
        b => new("header", "Content-Type text/html", b.Doc, ContentType: "text/html; charset=utf-8"),
        b => new("header", "Content-Type application/problem+json", b.Doc, Preserving: true, ContentType: "application/problem+json"),
        b => new("header", "a JSON Content-Type claiming UTF-16", b.Doc, Preserving: true, ContentType: "application/json; charset=utf-16"),
        b => new("encoding", "Content-Encoding gzip on a plain body", b.Doc, ContentEncoding: "gzip"),
        b => new("encoding", "a gzip-compressed answer", Gzip(b.Doc), Preserving: true, ContentEncoding: "gzip"),
        b => new("encoding", "a gzip answer cut in half", Gzip(b.Doc)[..(Gzip(b.Doc).Length / 2)], ContentEncoding: "gzip"),
        b => new("encoding", "Content-Encoding deflate on random bytes", RandomBytes(4096), ContentEncoding: "deflate"),
        b => new("transport", "the connection drops halfway through the body", b.Doc, CutShort: true),

        // Pagination links that loop, leave the server or are not links (list); more wrong types (plugin).
        b => b.IsList
            ? new("next", "next points back at the same page", b.EditRoot(r => r["next"] = "."))
            : new("type", "required is a string", b.EditField(f => f["required"] = "yes")),
        b => b.IsList
            ? new("next", "next points at another host", b.EditRoot(r => r["next"] = "http://sdealm-fuzz.invalid/api/v2/plugins/alm/?page=2"))
            : new("type", "an option value is an object", b.EditField(f => f["options"] = JsonNode.Parse("""[{"label":"l","value":{"a":1}}]"""))),
        b => b.IsList
            ? new("next", "next is a javascript: URL", b.EditRoot(r => r["next"] = "javascript:alert(1)"))
            : new("type", "a label is an array", b.EditField(f => f["label"] = JsonNode.Parse("[\"a\"]"))),
        b => b.IsList
            ? new("next", "next is a number", b.EditRoot(r => r["next"] = 2))
            : new("type", "readonly is a number", b.EditField(f => f["readonly"] = 1)),
        b => b.IsList
            ? new("next", "next switches to another scheme and port", b.EditRoot(r => r["next"] = "https://127.0.0.1:1/api/v2/plugins/alm/?page=2"))
            : new("type", "optional is a string", b.EditPlugin(p => p["sections"]![0]!["optional"] = "false")),
        b => b.IsList
            ? new("next", "next is an object", b.EditRoot(r => r["next"] = new JsonObject { ["href"] = "?page=2" }))
            : new("type", "the id is an object", b.EditPlugin(p => p["id"] = new JsonObject { ["value"] = "p" })),
    ];

    /// <summary>A seeded change of the real document; the operation and the depth it hits cycle with <paramref name="m"/>.</summary>
    private static FuzzCase Structural(int m, Random random, byte[] doc)
    {
        JsonNode root = JsonNode.Parse(doc)!;
        var slots = new List<Slot>();
        Walk(root, "$", 0, slots);
        int maxDepth = slots.Count == 0 ? 1 : slots.Max(s => s.Depth);
        int depth = 1 + (m / StructuralOperations % maxDepth);
        var atDepth = slots.Where(s => s.Depth == depth).ToList();
        Slot Pick() => atDepth.Count > 0 ? atDepth[random.Next(atDepth.Count)] : slots[random.Next(slots.Count)];

        switch (m % StructuralOperations)
        {
            case 0:
                {
                    Slot slot = Pick();
                    string value = WrongValues[random.Next(WrongValues.Length)];
                    slot.Set(JsonNode.Parse(value));
                    return new("type-swap", $"{slot.Path} := {value}", Serialize(root, Compact));
                }

            case 1:
                {
                    Slot slot = Pick();
                    if (slot.Parent is JsonArray array && random.Next(2) == 0)
                    {
                        array.Insert(slot.Index, null);
                        return new("null", $"null inserted at {slot.Path}", Serialize(root, Compact));
                    }

                    slot.Set(null);
                    return new("null", $"{slot.Path} := null", Serialize(root, Compact));
                }

            case 2:
                {
                    Slot slot = Pick();
                    slot.Remove();
                    return new("remove", $"{slot.Path} removed", Serialize(root, Compact));
                }

            case 3:
                {
                    int cut = random.Next(1, doc.Length);
                    return new("truncate", $"cut after {cut} of {doc.Length} bytes", doc[..cut]);
                }

            case 4:
                {
                    var bytes = new List<byte>(doc);
                    int edits = 1 + random.Next(4);
                    var done = new List<string>();
                    for (int i = 0; i < edits; i++)
                    {
                        int at = random.Next(bytes.Count);
                        byte value = random.Next(4) == 0 ? (byte)random.Next(256) : NoiseBytes[random.Next(NoiseBytes.Length)];
                        switch (random.Next(3))
                        {
                            case 0:
                                bytes[at] = value;
                                done.Add($"0x{value:X2}@{at}");
                                break;
                            case 1:
                                bytes.RemoveAt(at);
                                done.Add($"-@{at}");
                                break;
                            default:
                                bytes.Insert(at, value);
                                done.Add($"+0x{value:X2}@{at}");
                                break;
                        }
                    }

                    return new("noise", string.Join(' ', done), [.. bytes]);
                }

            default:
                return Rewrite(random, root, slots);
        }
    }

    /// <summary>Changes only what a reader must ignore: unknown members, member order, whitespace, a byte order mark.</summary>
    private static FuzzCase Rewrite(Random random, JsonNode root, List<Slot> slots)
    {
        var done = new List<string>();
        // A structured default is data, not schema: members added there or reordered would change it.
        var objects = slots
            .Where(s => !s.Path.Contains(".default", StringComparison.Ordinal))
            .Select(s => s.Get())
            .Prepend(root)
            .OfType<JsonObject>()
            .ToList();
        int unknown = 1 + random.Next(5);
        for (int i = 0; i < unknown && objects.Count > 0; i++)
        {
            JsonObject target = objects[random.Next(objects.Count)];
            string value = WrongValues[random.Next(WrongValues.Length)];
            string name = $"x_fuzz_{i}";
            if (!target.ContainsKey(name))
            {
                target[name] = JsonNode.Parse(value);
                done.Add($"+{name}");
            }
        }

        int reorder = random.Next(4);
        for (int i = 0; i < reorder && objects.Count > 0; i++)
        {
            JsonObject target = objects[random.Next(objects.Count)];
            var members = target.ToList();
            target.Clear();
            foreach (var (name, value) in members.OrderBy(_ => random.Next()))
            {
                target[name] = value;
            }

            done.Add("reordered");
        }

        bool indent = random.Next(2) == 0;
        byte[] body = Serialize(root, indent ? Indented : Compact);
        if (random.Next(4) == 0)
        {
            body = [0xEF, 0xBB, 0xBF, .. body];
            done.Add("BOM");
        }

        if (indent)
        {
            done.Add("indented");
        }

        return new("rewrite", string.Join(' ', done), body, Preserving: true);
    }

    private static void Walk(JsonNode? node, string path, int depth, List<Slot> slots)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, child) in obj.ToList())
            {
                slots.Add(new Slot(obj, name, -1, depth + 1, $"{path}.{name}"));
                Walk(child, $"{path}.{name}", depth + 1, slots);
            }
        }
        else if (node is JsonArray array)
        {
            for (int i = 0; i < array.Count; i++)
            {
                slots.Add(new Slot(array, null, i, depth + 1, $"{path}[{i}]"));
                Walk(array[i], $"{path}[{i}]", depth + 1, slots);
            }
        }
    }

    private static byte[] Serialize(JsonNode node, JsonSerializerOptions options) =>
        Encoding.UTF8.GetBytes(node.ToJsonString(options));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static byte[] Member(string name, string value) => Utf8($"\"{name}\":{value},");

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] RandomBytes(int count)
    {
        byte[] bytes = new byte[count];
        new Random(Seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Where a value sits in the document, so it can be replaced or removed.</summary>
    private sealed record Slot(JsonNode Parent, string? Name, int Index, int Depth, string Path)
    {
        public JsonNode? Get() => Name is not null ? Parent[Name] : Parent[Index];

        public void Set(JsonNode? value)
        {
            if (Name is not null)
            {
                Parent[Name] = value;
            }
            else
            {
                Parent[Index] = value;
            }
        }

        public void Remove()
        {
            if (Name is not null)
            {
                ((JsonObject)Parent).Remove(Name);
            }
            else
            {
                ((JsonArray)Parent).RemoveAt(Index);
            }
        }
    }

    /// <summary>The real answer a hand-picked mutation starts from, with helpers to edit it.</summary>
    private sealed record Base(bool IsList, byte[] Doc)
    {
        /// <summary>Right after the opening brace of the first plugin.</summary>
        public string PluginStart => IsList ? "\"results\":[{" : "{";

        /// <summary>A plugin document as the target's answer: itself, or a one-plugin list.</summary>
        public byte[] Wrap(string plugin) => Utf8(IsList ? $"{{\"count\":1,\"next\":null,\"results\":[{plugin}]}}" : plugin);

        /// <summary>Inserts bytes right after the first occurrence of <paramref name="marker"/>.</summary>
        public byte[] Splice(string marker, byte[] insert, string? then = null)
        {
            byte[] key = Utf8(marker);
            int at = Doc.AsSpan().IndexOf(key);
            if (at < 0)
            {
                throw new InvalidOperationException($"The fuzz base has no {marker}.");
            }

            at += key.Length;
            return [.. Doc.AsSpan(0, at), .. insert, .. Utf8(then ?? string.Empty), .. Doc.AsSpan(at)];
        }

        public byte[] EditRoot(Action<JsonObject> edit)
        {
            var root = (JsonObject)JsonNode.Parse(Doc)!;
            edit(root);
            return Serialize(root, Compact);
        }

        public byte[] EditPlugin(Action<JsonObject> edit) =>
            EditRoot(root => edit(IsList ? (JsonObject)root["results"]![0]! : root));

        public byte[] EditField(Action<JsonObject> edit) =>
            EditPlugin(plugin => edit(plugin["sections"]!.AsArray()
                .Select(section => section?["fields"]?.AsArray())
                .First(fields => fields is { Count: > 0 })![0]!.AsObject()));
    }
}
