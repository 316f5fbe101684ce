namespace SdeAlm.Planning;

/// <summary>What a write would do to one resource.</summary>
internal enum PlanAction
{
    /// <summary>The resource does not exist: it would be created.</summary>
    Create,

    /// <summary>The resource differs from what is asked: the differences would be sent.</summary>
    Update,

    /// <summary>The resource already is as asked: nothing would be sent.</summary>
    NoOp,
}
