using System.Text.Json;
using System.Text.Json.Serialization;

namespace WeChatErrors.Benchmarks.Baselines;

/// <summary>The base class of every response model in a typical SDK.</summary>
public class WeChatResponseModel
{
    [JsonPropertyName("errcode")]
    public long ErrCode { get; set; }

    [JsonPropertyName("errmsg")]
    public string? ErrMsg { get; set; }
}

[JsonSerializable(typeof(WeChatResponseModel))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;

/// <summary>Detection by deserializing the body into an errcode model (System.Text.Json, source-generated metadata).</summary>
public sealed class ModelHandler : BaselineDetectingHandler
{
    protected override async ValueTask<(long Errcode, string? Errmsg)> ReadErrcodeAsync(Stream body, CancellationToken cancellationToken)
    {
        var model = await JsonSerializer.DeserializeAsync(body, BaselineJsonContext.Default.WeChatResponseModel, cancellationToken).ConfigureAwait(false);
        return model is null ? (0, null) : (model.ErrCode, model.ErrMsg);
    }
}
