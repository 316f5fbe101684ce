namespace SdeAlm.Configuration;

/// <summary>
/// Where a configuration document says a secret is, instead of the secret itself: an environment
/// variable (<c>{ "env": NAME }</c>, how CI systems hand out secrets) or a SecretManagement secret
/// (<c>{ "secret": NAME, "vault": VAULT }</c>, the vault optional).
/// </summary>
internal sealed class SecretReference
{
    private SecretReference(string? environmentVariable, string? secretName, string? vault)
    {
        EnvironmentVariable = environmentVariable;
        SecretName = secretName;
        Vault = vault;
    }

    /// <summary>The environment variable that holds the secret; null for a vault secret.</summary>
    public string? EnvironmentVariable { get; }

    /// <summary>The name Get-Secret finds the secret by; null for an environment variable.</summary>
    public string? SecretName { get; }

    /// <summary>The vault Get-Secret reads; null for the default vault (or an environment variable).</summary>
    public string? Vault { get; }

    public static SecretReference Environment(string name) => new(name, null, null);

    public static SecretReference Secret(string name, string? vault) => new(null, name, vault);

    /// <summary>How messages name the reference: <c>env:NAME</c>, <c>secret NAME in vault VAULT</c>, <c>secret NAME (default vault)</c>.</summary>
    public override string ToString() =>
        EnvironmentVariable is { } variable ? $"env:{variable}"
        : Vault is { } vault ? $"secret {SecretName} in vault {vault}"
        : $"secret {SecretName} (default vault)";
}
