using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using SdeAlm.Commands;
using Xunit;

namespace SdeAlm.Tests;

/// <summary>
/// The folders of src/SdeAlm, read from the built assembly: which folder's types use which other
/// folder's types, in signatures, attributes and method bodies (the IL), compiler-made types included.
/// </summary>
public class ArchitectureTests
{
    private static readonly Assembly s_module = typeof(SdeCmdlet).Assembly;
    private static readonly Lazy<Dictionary<string, HashSet<string>>> s_graph = new(BuildGraph);
    private static readonly Dictionary<short, OpCode> s_opCodes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    [Fact]
    public void No_two_folders_depend_on_each_other()
    {
        var cycles = new List<string>();
        foreach (var (folder, uses) in s_graph.Value)
        {
            foreach (var other in uses.Where(other => string.CompareOrdinal(folder, other) < 0 && Reaches(other, folder)))
            {
                cycles.Add($"{folder} <-> {other}");
            }
        }

        Assert.Empty(cycles);
    }

    [Fact]
    public void Model_and_Errors_depend_on_no_other_folder()
    {
        Assert.Empty(s_graph.Value["Model"]);
        Assert.Empty(s_graph.Value["Errors"]);
    }

    [Fact]
    public void Only_Api_uses_the_Json_folder()
    {
        var users = s_graph.Value.Where(folder => folder.Value.Contains("Json")).Select(folder => folder.Key).OrderBy(name => name, StringComparer.Ordinal);
        Assert.Equal(["Api"], users);
    }

    [Fact]
    public void Every_wire_record_ends_in_Wire_and_stays_in_Json()
    {
        var wireRecords = s_module.GetTypes()
            .Where(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Any(property => property.GetCustomAttributes().Any(attribute => attribute.GetType().Name == "JsonPropertyNameAttribute")))
            .Select(type => $"{FolderOf(type)}/{(type.IsGenericType ? type.Name.Split('`')[0] : type.Name)}")
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(wireRecords);
        Assert.All(wireRecords, name => Assert.Matches("^Json/[A-Za-z]+Wire$", name));
    }

    [Fact]
    public void The_scan_sees_uses_inside_method_bodies()
    {
        // Commands reach Planning only by calling ResourcePlanner and ResourceEdits in method bodies (and
        // in signatures), Sessions reach Api only through a field: both must be seen, or the tests above prove nothing.
        Assert.Contains("Planning", s_graph.Value["Commands"]);
        Assert.Contains("Api", s_graph.Value["Sessions"]);
        Assert.Contains("Json", s_graph.Value["Api"]);
    }

    private static bool Reaches(string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var pending = new Stack<string>([from]);
        while (pending.Count > 0)
        {
            foreach (var next in s_graph.Value.GetValueOrDefault(pending.Pop()) ?? [])
            {
                if (next == to)
                {
                    return true;
                }

                if (seen.Add(next))
                {
                    pending.Push(next);
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The folder of one of our types ("(root)" for SdeAlm itself); null for what the compiler adds to the
    /// assembly (nullable attributes, PrivateImplementationDetails), which belongs to no folder.
    /// </summary>
    private static string? FolderOf(Type type) =>
        type.Namespace switch
        {
            "SdeAlm" => "(root)",
            { } name when name.StartsWith("SdeAlm.", StringComparison.Ordinal) => name["SdeAlm.".Length..],
            _ => null,
        };

    private static Dictionary<string, HashSet<string>> BuildGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in s_module.GetTypes())
        {
            if (FolderOf(type) is not { } folder)
            {
                continue;
            }

            if (!graph.TryGetValue(folder, out var uses))
            {
                graph[folder] = uses = new HashSet<string>(StringComparer.Ordinal);
            }

            foreach (var used in UsedTypes(type).SelectMany(Expand).Select(FolderOf))
            {
                if (used is not null && used != folder)
                {
                    uses.Add(used);
                }
            }
        }

        return graph;
    }

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var used in type.GetInterfaces().Concat(AttributeTypes(type.CustomAttributes)))
        {
            yield return used;
        }

        foreach (var field in type.GetFields(all))
        {
            yield return field.FieldType;
        }

        foreach (var property in type.GetProperties(all))
        {
            yield return property.PropertyType;
            foreach (var used in AttributeTypes(property.CustomAttributes))
            {
                yield return used;
            }
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                yield return info.ReturnType;
            }

            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }

            foreach (var used in BodyTypes(method))
            {
                yield return used;
            }
        }
    }

    /// <summary>The attribute types, and the types an attribute names with typeof (ArgumentCompleter(typeof(...))).</summary>
    private static IEnumerable<Type> AttributeTypes(IEnumerable<CustomAttributeData> attributes) =>
        attributes.SelectMany(attribute => attribute.ConstructorArguments
            .Select(argument => argument.Value)
            .OfType<Type>()
            .Append(attribute.AttributeType));

    /// <summary>The types a method body's instructions name: the declaring types of the methods and fields it uses, and the types it names.</summary>
    private static IEnumerable<Type> BodyTypes(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            var code = il[at] == 0xFE ? s_opCodes[(short)(0xFE00 | il[at + 1])] : s_opCodes[il[at]];
            at += code.Size;
            var operand = code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
            if (code.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType)
            {
                foreach (var used in Resolve(method.Module, BitConverter.ToInt32(il, at), typeArguments, methodArguments))
                {
                    yield return used;
                }
            }

            at += operand;
        }
    }

    private static IEnumerable<Type> Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        MemberInfo member;
        try
        {
            member = module.ResolveMember(token, typeArguments, methodArguments)!;
        }
        catch (ArgumentException)
        {
            return [];
        }

        return member switch
        {
            Type type => [type],
            MethodInfo method => [method.DeclaringType!, method.ReturnType, .. method.IsGenericMethod ? method.GetGenericArguments() : []],
            MemberInfo other => [other.DeclaringType!],
        };
    }

    /// <summary>A type with its element and generic argument types: List&lt;AlmJob&gt; uses AlmJob.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
        {
            return Expand(type.GetElementType()!);
        }

        return type.IsGenericType && !type.IsGenericTypeDefinition
            ? type.GetGenericArguments().SelectMany(Expand).Prepend(type.GetGenericTypeDefinition())
            : [type];
    }
}
