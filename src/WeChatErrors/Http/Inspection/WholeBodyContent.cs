namespace WeChatErrors.Http.Inspection;

/// <summary>
/// Stands in for a response content the handler read to its end: it serves those bytes, with the original's headers,
/// and disposes the original with itself. A <see cref="ByteArrayContent"/>, so that every runtime can also read it
/// synchronously: a content of the netstandard2.0 build cannot override the synchronous reads of .NET 5 and later.
/// </summary>
internal sealed class WholeBodyContent : ByteArrayContent
{
    private readonly HttpContent _original;

    public WholeBodyContent(HttpContent original, byte[] buffer, int length)
        : base(buffer, 0, length)
    {
        _original = original;
        ReplayContent.CopyHeaders(original, this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _original.Dispose();
        }

        base.Dispose(disposing);
    }
}
