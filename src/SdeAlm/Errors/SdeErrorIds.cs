namespace SdeAlm.Errors;

/// <summary>The ErrorIds SdeAlm raises; scripts may match on them, so they never change.</summary>
internal static class SdeErrorIds
{
    public const string NotConnected = "SdeNotConnected";
    public const string ConnectionClosed = "SdeConnectionClosed";
    public const string ServerMissing = "SdeServerMissing";
    public const string ServerInvalid = "SdeServerInvalid";
    public const string TokenMissing = "SdeTokenMissing";
    public const string UnencryptedAuthentication = "SdeUnencryptedAuthenticationRefused";
    public const string AuthenticationFailed = "SdeAuthenticationFailed";
    public const string PermissionDenied = "SdePermissionDenied";
    public const string NotFound = "SdeResourceNotFound";
    public const string PluginNotFound = "SdeAlmPluginNotFound";
    public const string Throttled = "SdeThrottled";
    public const string ServerError = "SdeServerError";
    public const string BadRequest = "SdeBadRequest";
    public const string RequestFailed = "SdeRequestFailed";
    public const string Timeout = "SdeRequestTimeout";
    public const string WriteOutcomeUnknown = "SdeWriteOutcomeUnknown";
    public const string ConnectionFailed = "SdeConnectionFailed";
    public const string HostNotFound = "SdeHostNotFound";
    public const string CertificateInvalid = "SdeCertificateInvalid";
    public const string RedirectRefused = "SdeRedirectRefused";
    public const string UnexpectedContentType = "SdeUnexpectedContentType";
    public const string InvalidJson = "SdeInvalidJson";
    public const string ResponseTooLarge = "SdeResponseTooLarge";
    public const string ProxyFailed = "SdeProxyFailed";
    public const string ProxyInvalid = "SdeProxyInvalid";
    public const string WrongScheme = "SdeWrongScheme";
    public const string AlmConnectorNotFound = "SdeAlmConnectorNotFound";
    public const string AlmConnectionNotFound = "SdeAlmConnectionNotFound";
    public const string AlmApiNotFound = "SdeAlmApiNotFound";
    public const string AlmSettingInvalid = "SdeAlmSettingInvalid";
    public const string ServerConnectionMismatch = "SdeServerConnectionMismatch";
    public const string AlmJobNotFound = "SdeAlmJobNotFound";
    public const string AlmSyncNotStarted = "SdeAlmSyncNotStarted";
    public const string AlmSyncTimeout = "SdeAlmSyncTimeout";
    public const string AlmSyncTimeoutWithoutWait = "SdeAlmSyncTimeoutWithoutWait";
    public const string RestUrlRefused = "SdeRestUrlRefused";
    public const string RestArgumentInvalid = "SdeRestArgumentInvalid";
    public const string AlmConfigurationInvalid = "SdeAlmConfigurationInvalid";
    public const string AlmConfigurationFileNotFound = "SdeAlmConfigurationFileNotFound";
    public const string AlmConfigurationFileExists = "SdeAlmConfigurationFileExists";
    public const string AlmConfigurationFileError = "SdeAlmConfigurationFileError";
    public const string AlmPlanOutdated = "SdeAlmPlanOutdated";
    public const string AlmNameNotUnique = "SdeAlmNameNotUnique";
    public const string FilterNoMatch = "SdeFilterNoMatch";
    public const string AlmRemoveNotAllowed = "SdeAlmRemoveNotAllowed";
    public const string CatalogFileNotFound = "SdeAlmCatalogFileNotFound";
    public const string CatalogFileInvalid = "SdeAlmCatalogFileInvalid";
    public const string CatalogFileError = "SdeAlmCatalogFileError";
    public const string CatalogFileExists = "SdeAlmCatalogFileExists";
    public const string CatalogSourceConflict = "SdeAlmCatalogSourceConflict";
}
