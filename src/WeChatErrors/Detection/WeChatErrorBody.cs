using System.Text;
using System.Text.Json;

namespace WeChatErrors.Detection;

/// <summary>
/// The top-level <c>errcode</c> and <c>errmsg</c> of a WeChat response body, read exactly with <see cref="Utf8JsonReader"/>.
/// </summary>
/// <remarks>
/// <para>The whole body must be one valid JSON object (an optional UTF-8 BOM is skipped); anything else, including
/// nesting deeper than <see cref="MaxDepth"/>, is <see cref="WeChatErrorBodyStatus.NotReadable"/>. Reading never throws.</para>
/// <para>Only top-level members count. Keys are compared after unescaping. When a member repeats, the last one wins,
/// as with <see cref="JsonSerializer"/>; an <c>errcode</c> of the wrong type anywhere at the top level makes the body not readable,
/// as it would make <see cref="JsonSerializer"/> fail.</para>
/// <para>The success path allocates nothing; only an error materializes the <c>errmsg</c> string. String contents are
/// not checked on the success path; an error body that is not valid UTF-8 is not readable.</para>
/// </remarks>
internal readonly partial struct WeChatErrorBody
{
    /// <summary>The deepest nesting accepted. Real WeChat bodies nest a few levels; deeper documents are not read.</summary>
    public const int MaxDepth = 1024;

#if !NET8_0_OR_GREATER
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
#endif

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    private WeChatErrorBody(WeChatErrorBodyStatus status, long rawErrorCode, bool isOutOfRange, string? rawErrorCodeText, string? errorMessage)
    {
        Status = status;
        RawErrorCode = rawErrorCode;
        IsOutOfRange = isOutOfRange;
        RawErrorCodeText = rawErrorCodeText;
        ErrorMessage = errorMessage;
    }

    /// <summary>Gets what the body holds.</summary>
    public WeChatErrorBodyStatus Status { get; }

    /// <summary>Gets the <c>errcode</c>, clamped to <see cref="long.MinValue"/> or <see cref="long.MaxValue"/> when <see cref="IsOutOfRange"/>.</summary>
    public long RawErrorCode { get; }

    /// <summary>Gets a value indicating whether the <c>errcode</c> lies beyond the <see cref="long"/> range.</summary>
    public bool IsOutOfRange { get; }

    /// <summary>Gets the <c>errcode</c> exactly as sent, only when <see cref="IsOutOfRange"/>; otherwise <see langword="null"/>.</summary>
    public string? RawErrorCodeText { get; }

    /// <summary>Gets the unescaped <c>errmsg</c> when <see cref="Status"/> is <see cref="WeChatErrorBodyStatus.Error"/> and the body has a string <c>errmsg</c>.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Gets the <c>errcode</c> clamped to the <see cref="int"/> range (never wrapped).</summary>
    public int ErrorCode => ClampToInt32(RawErrorCode);

    /// <summary>Clamps <paramref name="value"/> into the <see cref="int"/> range.</summary>
    /// <param name="value">The value.</param>
    /// <returns><paramref name="value"/>, or the nearest bound of <see cref="int"/>.</returns>
    public static int ClampToInt32(long value) => value > int.MaxValue ? int.MaxValue : value < int.MinValue ? int.MinValue : (int)value;

    /// <summary>Reads <paramref name="utf8Json"/>, the whole buffered body. Never throws.</summary>
    /// <param name="utf8Json">The body bytes.</param>
    /// <returns>The result; <see cref="Status"/> says what was found.</returns>
    public static WeChatErrorBody Parse(ReadOnlySpan<byte> utf8Json)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (utf8Json.StartsWith(bom))
        {
            utf8Json = utf8Json.Slice(bom.Length);
        }

        try
        {
            return ParseCore(utf8Json);
        }
        catch (JsonException)
        {
            return default;
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    private static WeChatErrorBody ParseCore(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return default;
        }

        bool hasCode = false;
        var code = default(ErrorCodeValue);
        int messageStart = -1;

        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }

            if (reader.ValueTextEquals("errcode"u8))
            {
                reader.Read();
                if (!TryReadErrorCode(ref reader, out code))
                {
                    return default;
                }

                hasCode = true;
            }
            else if (reader.ValueTextEquals("errmsg"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    messageStart = checked((int)reader.TokenStartIndex);
                }
                else if (reader.TokenType == JsonTokenType.Null)
                {
                    messageStart = -1;
                }
            }
        }

        if (!hasCode || (code.Value == 0 && !code.IsOutOfRange))
        {
            return new WeChatErrorBody(WeChatErrorBodyStatus.Success, 0, false, null, null);
        }

        // Utf8JsonReader checks the structure, not the bytes inside strings: a body that is not valid UTF-8 is no JSON the
        // handler can vouch for, so it reaches the caller untouched, like any other unreadable body.
        if (!IsValidUtf8(utf8Json))
        {
            return default;
        }

        string? message = messageStart < 0 ? null : ReadStringAt(utf8Json.Slice(messageStart));
        string? text = code.IsOutOfRange ? code.Text : null;
        return new WeChatErrorBody(WeChatErrorBodyStatus.Error, code.Value, code.IsOutOfRange, text, message);
    }

    // The errmsg is materialized only once the body is known to be an error, by reading the one string token again.
    private static string? ReadStringAt(ReadOnlySpan<byte> fromToken)
    {
        var reader = new Utf8JsonReader(fromToken, isFinalBlock: false, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escape such as \ud800 that is no valid UTF-16: the body still reports an error, so keep the raw text
            // rather than let the error go unseen.
            return GetText(reader.ValueSpan);
        }
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> utf8)
    {
#if NET8_0_OR_GREATER
        return System.Text.Unicode.Utf8.IsValid(utf8);
#else
        try
        {
            unsafe
            {
                fixed (byte* bytes = utf8)
                {
                    StrictUtf8.GetCharCount(bytes, utf8.Length);
                }
            }

            return true;
        }
        catch (System.Text.DecoderFallbackException)
        {
            return false;
        }
#endif
    }

    private static bool TryReadErrorCode(ref Utf8JsonReader reader, out ErrorCodeValue code)
    {
        code = default;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out long value))
            {
                code = new ErrorCodeValue(value, false, null);
                return true;
            }

            return TryParseNumber(reader.ValueSpan, allowFraction: true, out code);
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            if (!reader.ValueIsEscaped)
            {
                return TryParseNumber(reader.ValueSpan, allowFraction: false, out code);
            }

            string unescaped = reader.GetString()!;
            return TryParseNumber(Encoding.UTF8.GetBytes(unescaped), allowFraction: false, out code);
        }

        return false;
    }
}
