using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatErrors.Benchmarks.Baselines;

/// <summary>Detection with Newtonsoft.Json: load the body into a <see cref="JObject"/>.</summary>
public sealed class NewtonsoftHandler : BaselineDetectingHandler
{
    protected override ValueTask<(long Errcode, string? Errmsg)> ReadErrcodeAsync(Stream body, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(body, leaveOpen: true);
        using var reader = new JsonTextReader(text);
        var token = JToken.Load(reader);
        if (token is JObject root && root["errcode"] is JValue { Type: JTokenType.Integer } errcode)
        {
            return new((errcode.Value<long>(), (string?)root["errmsg"]));
        }

        return new((0, null));
    }
}
