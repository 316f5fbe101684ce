using System.Collections.Generic;
using System.Reflection;
using SdeAlm.ReferenceCheck;
using Xunit;

namespace SdeAlm.Tests;

/// <summary>How the reference check (tools/ReferenceCheck) decides who provides a reference on Windows PowerShell 5.1.</summary>
public class ReferenceSatisfierTests
{
    private static readonly ReferenceSatisfier s_satisfier = new(
        Index("netstandard, Version=2.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51",
            "System.Numerics.Vectors, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a"),
        Index("System.Management.Automation, Version=3.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35"),
        Index("System.Buffers, Version=4.0.3.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51",
            "System.Numerics.Vectors, Version=4.1.4.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a"));

    [Theory]
    [InlineData("netstandard, Version=2.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", "NetFramework", "2.0.0.0")]
    [InlineData("System.Management.Automation, Version=3.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35", "WindowsPowerShell", "3.0.0.0")]
    [InlineData("System.Buffers, Version=4.0.3.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", "ShippedExactly", "4.0.3.0")]
    [InlineData("System.Buffers, Version=4.0.2.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", "ShippedThroughRedirect", "4.0.3.0")]
    // Newer than the framework's copy: the shipped copy, not the framework, provides it.
    [InlineData("System.Numerics.Vectors, Version=4.1.4.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", "ShippedExactly", "4.1.4.0")]
    [InlineData("System.Numerics.Vectors, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", "NetFramework", "4.0.0.0")]
    public void A_reference_is_provided_where_NET_Framework_would_find_it(string reference, string provider, string servedVersion)
    {
        var satisfaction = s_satisfier.Satisfy(new AssemblyName(reference));
        Assert.Equal(provider, satisfaction.Provider.ToString());
        Assert.Equal(servedVersion, satisfaction.ServedBy?.Version?.ToString());
    }

    [Theory]
    [InlineData("System.Buffers, Version=4.0.4.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
    [InlineData("System.Management.Automation, Version=7.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35")]
    [InlineData("System.Text.Json, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
    [InlineData("netstandard, Version=2.1.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
    public void A_reference_nobody_provides_is_reported(string reference) =>
        Assert.Equal(new Satisfaction(Provider.None, null), s_satisfier.Satisfy(new AssemblyName(reference)));

    private static Dictionary<string, AssemblyName> Index(params string[] identities)
    {
        var index = new Dictionary<string, AssemblyName>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var identity in identities)
        {
            var name = new AssemblyName(identity);
            index[name.Name!] = name;
        }

        return index;
    }
}
