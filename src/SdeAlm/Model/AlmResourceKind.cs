namespace SdeAlm.Model;

/// <summary>Which of SD Elements' ALM resources something is: a system connector or a project's ALM connection.</summary>
public enum AlmResourceKind
{
    /// <summary>A system ALM connector (its settings are system-scope fields).</summary>
    Connector,

    /// <summary>A project's ALM connection (its settings are project-scope fields).</summary>
    Connection,
}
