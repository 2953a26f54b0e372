using System.Text.Json;

namespace WeChatErrors.Benchmarks.Baselines;

/// <summary>Detection with <see cref="JsonDocument"/>: parse the whole body, look at the root's errcode.</summary>
public sealed class JsonDocumentHandler : BaselineDetectingHandler
{
    protected override async ValueTask<(long Errcode, string? Errmsg)> ReadErrcodeAsync(Stream body, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errcode", out var errcode) && errcode.ValueKind == JsonValueKind.Number)
        {
            string? errmsg = root.TryGetProperty("errmsg", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null;
            return (errcode.GetInt64(), errmsg);
        }

        return (0, null);
    }
}
