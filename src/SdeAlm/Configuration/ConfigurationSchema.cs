namespace SdeAlm.Configuration;

/// <summary>The JSON Schema of configuration documents, shipped beside the module as SdeAlm.Configuration.schema.json.</summary>
internal static class ConfigurationSchema
{
    /// <summary>The schema's $id: what every exported document names as its "$schema", so that editors find the schema.</summary>
    public const string Id = "https://raw.githubusercontent.com/sdealm/SdeAlm.PowerShell/main/src/SdeAlm/SdeAlm.Configuration.schema.json";

    /// <summary>The file name of the schema in the module folder.</summary>
    public const string FileName = "SdeAlm.Configuration.schema.json";
}
