using System.Text.Json;
using WeChatErrors.Internal.Http;

namespace WeChatErrors.Internal.Scanning
{
    internal enum ErrcodeScanStatus { NotAnObject, NoErrcode, Found, Unsure }

    internal readonly struct ErrcodeScanResult
    {
        public ErrcodeScanResult(ErrcodeScanStatus s) => Status = s;
        public ErrcodeScanStatus Status { get; }
        public int ValueStart { get; }
        public int ValueLength { get; }
        public bool IsZero { get; }
    }

    internal static class ErrcodeScanner
    {
        public static ErrcodeScanResult Scan(ReadOnlySpan<byte> utf8Json) => new(ErrcodeScanStatus.Unsure);
    }
}

namespace WeChatErrors.Internal
{
    internal static class PendingMergeStubs
    {
        public static DetectedWeChatError? ParseError(ReadOnlySpan<byte> body)
        {
            try
            {
                if (body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF) body = body.Slice(3);
                var reader = new Utf8JsonReader(body);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
                long code = 0; string? msg = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("errcode"u8)) { reader.Read(); code = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : long.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture); }
                    else if (reader.ValueTextEquals("errmsg"u8)) { reader.Read(); msg = reader.GetString(); }
                    else { reader.Read(); reader.Skip(); }
                }
                return code == 0 ? null : new DetectedWeChatError(code, null, msg);
            }
            catch (JsonException) { return null; }
            catch (FormatException) { return null; }
        }
    }
}

namespace WeChatErrors
{
    /// <summary>stub</summary>
    public class WeChatApiException : Exception
    {
        internal WeChatApiException(DetectedWeChatError e, string? uri, int attempts) : base($"errcode {e.ErrorCode} {e.ErrorMessage}")
        {
            ErrorCode = (WeChatErrorCode)(int)e.ErrorCode;
            ErrorMessage = e.ErrorMessage;
            RequestUri = uri;
            Attempts = attempts;
            Kind = WeChatErrorCodes.GetKind((int)e.ErrorCode);
        }

        /// <summary>stub</summary>
        public WeChatErrorCode ErrorCode { get; }
        /// <summary>stub</summary>
        public WeChatErrorKind Kind { get; }
        /// <summary>stub</summary>
        public string? ErrorMessage { get; }
        /// <summary>stub</summary>
        public string? RequestId { get; }
        /// <summary>stub</summary>
        public string? RequestUri { get; }
        /// <summary>stub</summary>
        public string? RequestMethod { get; }
        /// <summary>stub</summary>
        public int Attempts { get; }
    }

    /// <summary>stub</summary>
    public sealed class WeChatRateLimitException : WeChatApiException
    {
        internal WeChatRateLimitException(DetectedWeChatError e, string? uri, int attempts, TimeSpan? retryAfter) : base(e, uri, attempts) => RetryAfter = retryAfter;
        /// <summary>stub</summary>
        public TimeSpan? RetryAfter { get; }
    }
}

namespace WeChatErrors.Internal
{
    internal static partial class PendingMergeStubs2
    {
        public static WeChatApiException CreateException(DetectedWeChatError error, HttpRequestMessage request, System.Net.HttpStatusCode status, int attempts, TimeProvider timeProvider)
        {
            var uri = request.RequestUri?.GetLeftPart(UriPartial.Path);
            if (WeChatErrorCodes.GetKind((int)error.ErrorCode) == WeChatErrorKind.RateLimit)
            {
                var now = timeProvider.GetUtcNow();
                return new WeChatRateLimitException(error, uri, attempts, TimeSpan.FromSeconds(60) - TimeSpan.FromTicks(now.Ticks % TimeSpan.TicksPerMinute));
            }

            return new WeChatApiException(error, uri, attempts);
        }
    }
}
