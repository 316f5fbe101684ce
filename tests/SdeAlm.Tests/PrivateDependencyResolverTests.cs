using System.Reflection;
using Xunit;

namespace SdeAlm.Tests;

/// <summary>
/// Which requests the AssemblyResolve handler answers with our private copies. The identities are those
/// of the copies the module ships (System.Text.Json 8.0.6's netstandard2.0 closure) and the older versions
/// their references ask for on .NET Framework.
/// </summary>
public class PrivateDependencyResolverTests
{
    private const string Buffers403 = "System.Buffers, Version=4.0.3.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51";
    private const string Unsafe600 = "System.Runtime.CompilerServices.Unsafe, Version=6.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a";

    [Theory]
    [InlineData("System.Buffers, Version=4.0.2.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", Buffers403)]
    [InlineData("System.Buffers, Version=4.0.3.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", Buffers403)]
    [InlineData("System.Buffers, Version=1.0.0.0, PublicKeyToken=cc7b13ffcd2ddd51", Buffers403)]
    [InlineData("System.Runtime.CompilerServices.Unsafe, Version=4.0.4.1, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", Unsafe600)]
    [InlineData("system.runtime.compilerservices.unsafe, Version=5.0.0.0, Culture=neutral, PublicKeyToken=B03F5F7F11D50A3A", Unsafe600)]
    public void An_unknown_requester_on_NET_Framework_gets_our_copy_for_the_same_or_an_older_version(string requested, string ours)
    {
        Assert.True(BindingRedirectRule.Allows(new AssemblyName(requested), new AssemblyName(ours)));
        Assert.True(PrivateDependencyResolver.MayServe(new AssemblyName(requested), new AssemblyName(ours), null, onNetFramework: true));
    }

    [Theory]
    // A newer version than ours: only the publisher's newer copy can serve it.
    [InlineData("System.Buffers, Version=4.0.4.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", Buffers403)]
    [InlineData("System.Runtime.CompilerServices.Unsafe, Version=6.0.0.1, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", Unsafe600)]
    // Another publisher's assembly of the same name.
    [InlineData("System.Buffers, Version=4.0.2.0, Culture=neutral, PublicKeyToken=b77a5c561934e089", Buffers403)]
    [InlineData("System.Runtime.CompilerServices.Unsafe, Version=4.0.4.1, Culture=neutral, PublicKeyToken=null", Unsafe600)]
    // No token or no version: a partial name, which no binding redirect applies to.
    [InlineData("System.Buffers, Version=4.0.2.0, Culture=neutral", Buffers403)]
    [InlineData("System.Buffers, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", Buffers403)]
    [InlineData("System.Buffers", Buffers403)]
    // Another culture (a satellite assembly would also have another name).
    [InlineData("System.Buffers, Version=4.0.2.0, Culture=fr-FR, PublicKeyToken=cc7b13ffcd2ddd51", Buffers403)]
    // A name we do not ship, though publisher and version would fit.
    [InlineData("System.Memory, Version=4.0.1.2, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", Buffers403)]
    [InlineData("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed", Unsafe600)]
    public void An_unknown_requester_on_NET_Framework_is_refused_what_a_binding_redirect_would_not_give(string requested, string ours)
    {
        Assert.False(BindingRedirectRule.Allows(new AssemblyName(requested), new AssemblyName(ours)));
        Assert.False(PrivateDependencyResolver.MayServe(new AssemblyName(requested), new AssemblyName(ours), null, onNetFramework: true));
    }

    [Theory]
    [InlineData("System.Buffers, Version=4.0.2.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", Buffers403, false)]
    [InlineData("System.Runtime.CompilerServices.Unsafe, Version=4.0.4.1, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", Unsafe600, false)]
    [InlineData(Buffers403, Buffers403, true)]
    [InlineData(Unsafe600, Unsafe600, true)]
    public void An_unknown_requester_on_PowerShell_7_gets_our_copy_only_for_its_exact_identity(string requested, string ours, bool served) =>
        Assert.Equal(served, PrivateDependencyResolver.MayServe(new AssemblyName(requested), new AssemblyName(ours), null, onNetFramework: false));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_known_requester_gets_our_copy_only_when_it_is_SdeAlm(bool onNetFramework)
    {
        var requested = new AssemblyName("System.Buffers, Version=4.0.2.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51");
        var ours = new AssemblyName(Buffers403);
        var sdeAlm = typeof(PrivateDependencyResolver).Assembly;
        Assert.True(PrivateDependencyResolver.MayServe(requested, ours, sdeAlm, onNetFramework));
        // PowerShell's own assemblies and the runtime's are left to the runtime and to other handlers.
        Assert.False(PrivateDependencyResolver.MayServe(requested, ours, typeof(System.Management.Automation.PSObject).Assembly, onNetFramework));
        Assert.False(PrivateDependencyResolver.MayServe(requested, ours, typeof(object).Assembly, onNetFramework));
    }
}
