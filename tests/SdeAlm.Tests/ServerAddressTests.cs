using System.Management.Automation;
using SdeAlm.Api;
using SdeAlm.Errors;
using Xunit;

namespace SdeAlm.Tests;

public class ServerAddressTests
{
    [Theory]
    [InlineData("sde.example.com", "https://sde.example.com/")]
    [InlineData("sde.example.com:8443", "https://sde.example.com:8443/")]
    [InlineData("https://sde.example.com", "https://sde.example.com/")]
    [InlineData("https://sde.example.com/sde", "https://sde.example.com/sde/")]
    [InlineData("https://sde.example.com/sde/", "https://sde.example.com/sde/")]
    [InlineData("http://127.0.0.1:5000/a/b", "http://127.0.0.1:5000/a/b/")]
    [InlineData("  SDE.Example.com  ", "https://sde.example.com/")]
    public void Parse_accepts_the_forms_users_type(string input, string expected) =>
        Assert.Equal(expected, ServerAddress.Parse(input).AbsoluteUri);

    [Theory]
    [InlineData("https://h/sde", "https://h/sde/api/v2/plugins/alm/")]
    [InlineData("https://h/a/b/", "https://h/a/b/api/v2/plugins/alm/")]
    [InlineData("h:8443", "https://h:8443/api/v2/plugins/alm/")]
    public void Api_paths_stay_under_the_context_root(string server, string expected)
    {
        using var client = new SdeApiClient(new SdeClientOptions(ServerAddress.Parse(server)), "token");
        Assert.Equal(expected, client.Resolve("api/v2/plugins/alm/").AbsoluteUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ftp://sde.example.com")]
    [InlineData("https://")]
    [InlineData("https://sde.example.com/?a=1")]
    [InlineData("https://user@sde.example.com/")]
    [InlineData("not a host")]
    public void Parse_rejects_what_is_not_a_server(string input)
    {
        var error = Assert.Throws<SdeApiException>(() => ServerAddress.Parse(input));
        Assert.Equal("SdeServerInvalid", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.Category);
        Assert.Equal(input, error.TargetObject);
    }

    [Theory]
    [InlineData("https://a/x", "https://A:443/y", true)]
    [InlineData("https://a/", "http://a/", false)]
    [InlineData("https://a/", "https://b/", false)]
    [InlineData("https://a:1/", "https://a:2/", false)]
    public void Same_origin_means_scheme_host_and_port(string a, string b, bool expected) =>
        Assert.Equal(expected, ServerAddress.IsSameOrigin(new System.Uri(a), new System.Uri(b)));
}
