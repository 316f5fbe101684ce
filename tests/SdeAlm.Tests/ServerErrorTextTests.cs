using System.Text;
using SdeAlm.Api;
using Xunit;

namespace SdeAlm.Tests;

public class ServerErrorTextTests
{
    [Theory]
    [InlineData("""{"detail":"Not found."}""", new[] { "Not found." })]
    [InlineData("""{"params":{"alm_server":["This field is required."]}}""", new[] { "params.alm_server: This field is required." })]
    [InlineData("""{"non_field_errors":["The fields project, alm_connector must make a unique set."]}""", new[] { "The fields project, alm_connector must make a unique set." })]
    [InlineData("""{"name":["a","b"],"error":"Proxy says no"}""", new[] { "name: a", "name: b", "Proxy says no" })]
    [InlineData("""{"items":[{},{"id":["Invalid pk \"9\"."]}]}""", new[] { "items[1].id: Invalid pk \"9\"." })]
    [InlineData("""["Plain list."]""", new[] { "Plain list." })]
    [InlineData("""{"count":3,"ok":false,"none":null}""", new[] { "count: 3", "ok: false" })]
    [InlineData("<html>Bad Gateway</html>", new string[0])]
    [InlineData("", new string[0])]
    public void Field_errors_read_as_path_and_message(string body, string[] expected) =>
        Assert.Equal(expected, ServerErrorText.Flatten(Encoding.UTF8.GetBytes(body)));
}
