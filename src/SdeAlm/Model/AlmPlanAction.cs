namespace SdeAlm.Model;

/// <summary>What applying a configuration document would do to one connector or ALM connection.</summary>
public enum AlmPlanAction
{
    /// <summary>The document names a resource the server does not have: it would be created.</summary>
    Create,

    /// <summary>The server's resource differs from the document: the differences would be sent.</summary>
    Update,

    /// <summary>The server's resource is as the document says: nothing would be sent.</summary>
    NoOp,

    /// <summary>The server has a resource the document does not name: it is left as it is (never deleted).</summary>
    Unmanaged,
}
