using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using SdeAlm.Settings;

namespace SdeAlm.Configuration;

/// <summary>
/// Reads a configuration document from its tree (<see cref="DocumentTree"/>) into connectors and ALM
/// connections, finding every problem of shape at once: a property that is missing, unknown (with the
/// nearest name), given twice or of the wrong kind, and a secret reference of another form. Property
/// names are matched without regard to case, as PowerShell matches them; the schema spells them.
/// </summary>
internal static class ConfigurationReader
{
    public const string SchemaProperty = "$schema";
    public const string ConnectorsProperty = "connectors";
    public const string ConnectionsProperty = "connections";

    public static readonly string[] Frequencies = ["manually", "hourly", "daily", "weekly", "monthly"];

    private static readonly string[] s_rootProperties = [SchemaProperty, ConnectorsProperty, ConnectionsProperty];
    private static readonly string[] s_connectorProperties = ["name", "plugin", "inaccessible", "fieldsEditableOnProject", "settings"];
    private static readonly string[] s_connectionProperties = ["project", "alias", "connector", "frequency", "settings"];

    /// <summary>The document in <paramref name="tree"/>; <paramref name="source"/> says where it came from.</summary>
    public static AlmConfiguration Read(object? tree, string source)
    {
        var document = new AlmConfiguration(source);
        if (tree is not DocumentObject root)
        {
            document.Problems.Add($"The document is {DocumentTree.KindOf(tree)}; it must be an object with the lists \"connectors\" and \"connections\".");
            return document;
        }

        var properties = new PropertyReader(root, s_rootProperties, "the document", document.Problems);
        if (properties.Get(SchemaProperty) is { } schema && schema is not string)
        {
            document.Problems.Add($"the document: \"$schema\" must be text (the schema's address), not {DocumentTree.KindOf(schema)}.");
        }

        var index = 0;
        foreach (var entry in List(properties, ConnectorsProperty, document.Problems))
        {
            if (ReadConnector(entry, index++, document.Problems) is { } connector)
            {
                document.Connectors.Add(connector);
            }
        }

        index = 0;
        foreach (var entry in List(properties, ConnectionsProperty, document.Problems))
        {
            if (ReadConnection(entry, index++, document.Problems) is { } connection)
            {
                document.Connections.Add(connection);
            }
        }

        return document;
    }

    private static object?[] List(PropertyReader root, string name, List<string> problems)
    {
        var value = root.Get(name);
        switch (value)
        {
            case null:
                return [];
            case object?[] items:
                return items;
            default:
                problems.Add($"the document: \"{name}\" must be a list, not {DocumentTree.KindOf(value)}.");
                return [];
        }
    }

    private static ConnectorItem? ReadConnector(object? entry, int index, List<string> problems)
    {
        if (entry is not DocumentObject map)
        {
            problems.Add($"{ConnectorItem.Locate(index, null)}: a connector must be an object, not {DocumentTree.KindOf(entry)}.");
            return null;
        }

        var name = TextOf(map, "name");
        var where = ConnectorItem.Locate(index, name);
        var properties = new PropertyReader(map, s_connectorProperties, where, problems);
        name = properties.Text("name", "a connector is identified by its name");
        var plugin = properties.Text("plugin", "give the id of its ALM plugin (Get-SdeAlmPlugin lists them)");
        var inaccessible = properties.Flag("inaccessible");
        var editable = properties.Names("fieldsEditableOnProject", out var hasEditable);
        var settings = properties.Settings();
        if (name is null || plugin is null || properties.Failed)
        {
            return null;
        }

        return new ConnectorItem(index, name, plugin)
        {
            Inaccessible = inaccessible,
            HasFieldsEditableOnProject = hasEditable,
            FieldsEditableOnProject = editable,
            Settings = settings,
        };
    }

    private static ConnectionItem? ReadConnection(object? entry, int index, List<string> problems)
    {
        if (entry is not DocumentObject map)
        {
            problems.Add($"{ConnectionItem.Locate(index, null, null)}: an ALM connection must be an object, not {DocumentTree.KindOf(entry)}.");
            return null;
        }

        var where = ConnectionItem.Locate(index, WholeNumber(Find(map, "project")), TextOf(map, "alias"));
        var properties = new PropertyReader(map, s_connectionProperties, where, problems);
        var project = properties.Project();
        var alias = properties.Text("alias", "an ALM connection is identified by its project and alias");
        var connector = properties.Text("connector", "name the connector it goes through (one of the document or of the server)");
        var frequency = properties.Frequency();
        var settings = properties.Settings();
        if (project is null || alias is null || connector is null || properties.Failed)
        {
            return null;
        }

        return new ConnectionItem(index, project.Value, alias, connector) { Frequency = frequency, Settings = settings };
    }

    private static object? Find(DocumentObject map, string name) =>
        map.Properties.FirstOrDefault(property => string.Equals(property.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? TextOf(DocumentObject map, string name) => Find(map, name) is string { Length: > 0 } text ? text : null;

    private static int? WholeNumber(object? value) =>
        value switch
        {
            int number => number,
            long number and >= int.MinValue and <= int.MaxValue => (int)number,
            short or byte or sbyte or ushort => Convert.ToInt32(value, CultureInfo.InvariantCulture),
            uint number and <= int.MaxValue => (int)number,
            double number when Math.Floor(number) == number && number is >= int.MinValue and <= int.MaxValue => (int)number,
            decimal number when decimal.Truncate(number) == number && number is >= int.MinValue and <= int.MaxValue => (int)number,
            _ => null,
        };

    /// <summary>
    /// A settings value: an object with "env" or "secret" is a secret reference and must be one of the two
    /// forms exactly; any other object is a structured value; lists and plain values stay as given.
    /// </summary>
    private static object? SettingValueOf(object? value, string where, string key, List<string> problems)
    {
        if (value is not DocumentObject map)
        {
            return DocumentTree.ToPlain(value);
        }

        var names = map.Properties.Select(property => property.Key).ToList();
        var isReference = names.Any(name => name.Equals("env", StringComparison.OrdinalIgnoreCase) || name.Equals("secret", StringComparison.OrdinalIgnoreCase));
        if (!isReference)
        {
            return DocumentTree.ToDictionary(map);
        }

        var reference = SecretReferenceOf(map, out var wrong);
        if (reference is null)
        {
            problems.Add($"{where}: {key}: {wrong} A secret reference is {{ \"env\": \"NAME\" }} or {{ \"secret\": \"NAME\", \"vault\": \"VAULT\" }} (vault optional).");
        }

        return reference;
    }

    private static SecretReference? SecretReferenceOf(DocumentObject map, out string wrong)
    {
        var byName = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in map.Properties)
        {
            if (byName.ContainsKey(property.Key))
            {
                wrong = $"\"{property.Key}\" is given twice.";
                return null;
            }

            byName.Add(property.Key, property.Value);
        }

        var extra = byName.Keys.Where(name => !name.Equals("env", StringComparison.OrdinalIgnoreCase) && !name.Equals("secret", StringComparison.OrdinalIgnoreCase) && !name.Equals("vault", StringComparison.OrdinalIgnoreCase)).ToList();
        if (extra.Count > 0)
        {
            wrong = $"It has {string.Join(", ", extra.Select(name => $"\"{name}\""))}, which a secret reference does not take.";
            return null;
        }

        if (byName.TryGetValue("env", out var variable))
        {
            if (byName.Count > 1)
            {
                wrong = "It has \"env\" with \"secret\" or \"vault\"; give one of the two forms.";
                return null;
            }

            return IsName(variable, "env", out wrong) ? SecretReference.Environment((string)variable!) : null;
        }

        if (!IsName(byName["secret"], "secret", out wrong))
        {
            return null;
        }

        if (byName.TryGetValue("vault", out var vault) && !IsName(vault, "vault", out wrong))
        {
            return null;
        }

        return SecretReference.Secret((string)byName["secret"]!, vault as string);
    }

    private static bool IsName(object? value, string property, out string wrong)
    {
        wrong = value is string text && text.Trim().Length > 0 ? string.Empty : $"\"{property}\" must be a name (text), not {(value is string ? "blank text" : DocumentTree.KindOf(value))}.";
        return wrong.Length == 0;
    }

    /// <summary>The properties of one object of the document, read by name without regard to case; each problem is added with where it is.</summary>
    private sealed class PropertyReader
    {
        // By the index of the name in the allowed names: an object has at most five, and there are thousands of objects.
        private readonly string[] _allowed;
        private readonly object?[] _values;
        private readonly bool[] _given;
        private readonly string _where;
        private readonly List<string> _problems;
        private readonly int _problemsBefore;

        public PropertyReader(DocumentObject map, string[] allowed, string where, List<string> problems)
        {
            _allowed = allowed;
            _values = new object?[allowed.Length];
            _given = new bool[allowed.Length];
            _where = where;
            _problems = problems;
            _problemsBefore = problems.Count;
            foreach (var property in map.Properties)
            {
                var index = IndexOf(property.Key);
                if (index < 0)
                {
                    var nearest = NameSuggester.Nearest(property.Key, allowed);
                    Problem($"\"{property.Key}\" is not a property here. {(NameSuggester.Distance(property.Key, nearest!) <= 3 ? $"Did you mean \"{nearest}\"? " : string.Empty)}The properties are: {string.Join(", ", allowed)}.");
                }
                else if (_given[index])
                {
                    Problem($"\"{allowed[index]}\" is given twice.");
                }
                else
                {
                    _given[index] = true;
                    _values[index] = property.Value;
                }
            }
        }

        /// <summary>Something of this object was wrong.</summary>
        public bool Failed => _problems.Count > _problemsBefore;

        public object? Get(string name) => IndexOf(name) is var index and >= 0 ? _values[index] : null;

        public bool Has(string name) => IndexOf(name) is var index and >= 0 && _given[index];

        private int IndexOf(string name)
        {
            for (var index = 0; index < _allowed.Length; index++)
            {
                if (string.Equals(_allowed[index], name, StringComparison.OrdinalIgnoreCase))
                {
                    return index;
                }
            }

            return -1;
        }

        public string? Text(string name, string why)
        {
            switch (Get(name))
            {
                case string text when text.Trim().Length > 0:
                    return text;
                case null when !Has(name):
                    Problem($"\"{name}\" is missing: {why}.");
                    return null;
                case var other:
                    Problem($"\"{name}\" must be text that is not blank, not {(other is string ? "blank text" : DocumentTree.KindOf(other))}.");
                    return null;
            }
        }

        public bool? Flag(string name)
        {
            switch (Get(name))
            {
                case null when !Has(name):
                    return null;
                case bool flag:
                    return flag;
                case var other:
                    Problem($"\"{name}\" must be true or false, not {DocumentTree.KindOf(other)}.");
                    return null;
            }
        }

        public ReadOnlyCollection<string>? Names(string name, out bool given)
        {
            given = Has(name);
            switch (Get(name))
            {
                case null:
                    return null;
                case object?[] items when items.All(item => item is string { Length: > 0 }):
                    return Array.AsReadOnly(items.Cast<string>().ToArray());
                case var other:
                    Problem($"\"{name}\" must be a list of setting names, or null for the plugin's defaults, not {(other is Array ? "a list with something else than names in it" : DocumentTree.KindOf(other))}.");
                    return null;
            }
        }

        public int? Project()
        {
            var value = Get("project");
            if (value is null && !Has("project"))
            {
                Problem("\"project\" is missing: an ALM connection is identified by its project and alias.");
                return null;
            }

            if (WholeNumber(value) is { } project && project > 0)
            {
                return project;
            }

            Problem($"\"project\" must be an SD Elements project id (a whole number above 0), not {(value is string ? "text" : WholeNumber(value) is null ? DocumentTree.KindOf(value) : value)}.");
            return null;
        }

        public string? Frequency()
        {
            switch (Get("frequency"))
            {
                case null when !Has("frequency"):
                    return null;
                case string text when Frequencies.Contains(text, StringComparer.OrdinalIgnoreCase):
                    return text.ToLowerInvariant();
                case var other:
                    Problem($"\"frequency\" must be one of {string.Join(", ", Frequencies)}, not {(other is string given ? $"'{given}'" : DocumentTree.KindOf(other))}.");
                    return null;
            }
        }

        public OrderedDictionary? Settings()
        {
            switch (Get("settings"))
            {
                case null when !Has("settings"):
                    return null;
                case DocumentObject map:
                    // Keys as given, case kept: the key rule of the planner names two keys that differ only in case.
                    var settings = new OrderedDictionary(StringComparer.Ordinal);
                    foreach (var property in map.Properties)
                    {
                        if (settings.Contains(property.Key))
                        {
                            Problem($"settings: \"{property.Key}\" is given twice.");
                            continue;
                        }

                        settings.Add(property.Key, SettingValueOf(property.Value, _where, property.Key, _problems));
                    }

                    return settings;
                case var other:
                    Problem($"\"settings\" must be an object of setting names and values, not {DocumentTree.KindOf(other)}.");
                    return null;
            }
        }

        private void Problem(string message) => _problems.Add($"{_where}: {message}");
    }
}
