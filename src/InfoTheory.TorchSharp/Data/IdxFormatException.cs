namespace InfoTheory.TorchSharp;

/// <summary>
/// Thrown when a file or stream handed to <see cref="IdxReader"/> or <see cref="MnistData"/> is not a valid
/// IDX file of the expected kind: empty, wrong magic number, truncated, trailing bytes, a corrupt gzip member,
/// or an image file and a label file whose item counts differ.
/// </summary>
/// <remarks>
/// It derives from <see cref="ArgumentException"/> because the bad data is the caller's input;
/// <see cref="FileName"/> names the offending file (or the stream's description) and the message states the problem.
/// </remarks>
public sealed class IdxFormatException : ArgumentException
{
    /// <summary>Creates the exception with an empty message.</summary>
    public IdxFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    public IdxFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    /// <param name="innerException">The cause (e.g. a gzip decoding error).</param>
    public IdxFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a named file.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    /// <param name="fileName">The file (or stream description) that is wrong.</param>
    /// <param name="paramName">The argument through which the data came in.</param>
    /// <param name="innerException">The cause, if any.</param>
    public IdxFormatException(string message, string? fileName, string? paramName, Exception? innerException = null)
        : base(message, paramName, innerException)
    {
        FileName = fileName;
    }

    /// <summary>The file (or stream description) that is wrong, when known.</summary>
    public string? FileName { get; }
}
