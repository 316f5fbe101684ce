using System;

namespace SdeAlm.HelpCompiler;

/// <summary>A markdown file that does not follow the schema; the message names the file and line.</summary>
internal sealed class HelpFormatException : Exception
{
    public HelpFormatException()
    {
    }

    public HelpFormatException(string message)
        : base(message)
    {
    }

    public HelpFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="file">The help file the problem is in.</param>
    /// <param name="line">Zero-based, as Markdig counts; shown one-based.</param>
    /// <param name="problem">What is wrong there.</param>
    public HelpFormatException(string file, int line, string problem)
        : base($"{file}:{line + 1}: {problem}")
    {
    }
}
