using System;
using System.Collections.Generic;
using System.Security;
using SdeAlm.Settings;

namespace SdeAlm.Configuration;

/// <summary>Reads a SecretManagement secret: Get-Secret -Name NAME [-Vault VAULT], given by the cmdlet that runs it.</summary>
internal delegate SecretLookup VaultReader(string name, string? vault);

/// <summary>A secret a reference led to, or why there is none.</summary>
internal sealed class SecretLookup
{
    private SecretLookup(SecureString? value, string? failure)
    {
        Value = value;
        Failure = failure;
    }

    /// <summary>The secret; null when it could not be read.</summary>
    public SecureString? Value { get; }

    /// <summary>Why the secret could not be read, worded to follow its reference ("is not set").</summary>
    public string? Failure { get; }

    public static SecretLookup Found(SecureString value) => new(value, null);

    public static SecretLookup Missing(string why) => new(null, why);
}

/// <summary>
/// Turns the secret references of a document into secrets, each reference read once per run:
/// environment variables here, vault secrets through the <see cref="VaultReader"/> the cmdlet gives.
/// </summary>
internal sealed class SecretResolver
{
    private readonly VaultReader _vault;
    private readonly Dictionary<string, SecretLookup> _read = new(StringComparer.Ordinal);

    public SecretResolver(VaultReader vault)
    {
        _vault = vault;
    }

    public SecretLookup Resolve(SecretReference reference)
    {
        var key = reference.ToString();
        if (!_read.TryGetValue(key, out var lookup))
        {
            lookup = reference.EnvironmentVariable is { } variable ? FromEnvironment(variable) : _vault(reference.SecretName!, reference.Vault);
            _read.Add(key, lookup);
        }

        return lookup;
    }

    private static SecretLookup FromEnvironment(string variable) =>
        Environment.GetEnvironmentVariable(variable) switch
        {
            null => SecretLookup.Missing("is not set"),
            "" => SecretLookup.Missing("is empty"),
            var text => SecretLookup.Found(SecretText.Protect(text)),
        };
}
