using System.Net;
using System.Security;

namespace SdeAlm.Settings;

/// <summary>Moves secret values between text (the wire) and SecureString (everything a user sees).</summary>
internal static class SecretText
{
    /// <summary>A read-only SecureString holding <paramref name="text"/>.</summary>
    public static SecureString Protect(string text)
    {
        var secret = new SecureString();
        foreach (var character in text)
        {
            secret.AppendChar(character);
        }

        secret.MakeReadOnly();
        return secret;
    }

    /// <summary>The text of a SecureString, for the request body and for comparing two secrets, nothing else.</summary>
    public static string Reveal(SecureString secret) => new NetworkCredential(string.Empty, secret).Password;
}
