using System.Text.Json;
using WeChatErrors.Detection.Scanning;

namespace WeChatErrors.Tests.Detection.Scanning;

/// <summary>
/// The slow, obviously correct answer for valid JSON: a <see cref="Utf8JsonReader"/> that reads the top-level
/// members and skips their nested values. It reports the first non-zero errcode, else the last one, and reads the
/// whole document either way, so that it throws <see cref="JsonException"/> on invalid JSON.
/// </summary>
internal static class ReferenceErrcodeScanner
{
    public static ErrcodeScanResult Scan(ReadOnlySpan<byte> utf8Json)
    {
        int offset = utf8Json.StartsWith("\uFEFF"u8) ? 3 : 0;
        ReadOnlySpan<byte> json = utf8Json.Slice(offset);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 100_000 });
        if (json.TrimStart(" \t\r\n"u8).IsEmpty || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return ErrcodeScanResult.NotAnObject;
        }

        ErrcodeScanResult result = ErrcodeScanResult.NoErrcode;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isErrcode = reader.ValueTextEquals("errcode"u8) && !(result.Status == ErrcodeScanStatus.Found && !result.IsZero);
            reader.Read();
            if (isErrcode)
            {
                int start = checked((int)reader.TokenStartIndex);
                int length = reader.TokenType switch
                {
                    JsonTokenType.StartObject or JsonTokenType.StartArray => 1,
                    JsonTokenType.String => reader.ValueSpan.Length + 2,
                    _ => reader.ValueSpan.Length,
                };
                ReadOnlySpan<byte> token = json.Slice(start, length);
                result = ErrcodeScanResult.Found(start + offset, length, token.SequenceEqual("0"u8) || token.SequenceEqual("\"0\""u8));
            }

            reader.Skip();
        }

        return result;
    }
}
