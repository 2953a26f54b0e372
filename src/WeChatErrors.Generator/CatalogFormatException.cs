namespace WeChatErrors.Generator;

/// <summary>The catalog TSV is malformed or breaks one of the catalog rules.</summary>
public sealed class CatalogFormatException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public CatalogFormatException()
    {
    }

    /// <summary>Creates the exception with a message that names the file, the line and the problem.</summary>
    /// <param name="message">What is wrong and where.</param>
    public CatalogFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <param name="innerException">The cause.</param>
    public CatalogFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
