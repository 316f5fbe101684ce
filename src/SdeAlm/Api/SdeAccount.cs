using SdeAlm.Json;

namespace SdeAlm.Api;

/// <summary>The "who am I" call Connect-Sde makes to prove the token works.</summary>
internal static class SdeAccount
{
    private const string MePath = "api/v2/users/me/";

    /// <summary>The token owner's e-mail, else user name, else id.</summary>
    public static string? WhoAmI(SdeApiClient client, RequestContext context)
    {
        var me = client.GetJson(client.Resolve(MePath), SdeJsonContext.Default.SdeUserWire, context);
        return NullIfBlank(me.Email) ?? NullIfBlank(me.UserName) ?? me.Id?.ToString();
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
