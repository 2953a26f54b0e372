using System.Text.Json;
using Flurl.Http;
using Microsoft.Extensions.DependencyInjection;

namespace WeChatErrors.Tests.Integration.Clients;

/// <summary>
/// The two shapes the README's SDK recipes rely on, without the SDKs (their packages are not used here): a Flurl request that
/// leaves <c>access_token</c> unset, as an SDK request model with no token does (SKIT.FlurlHttpClient.Wechat); and a typed client
/// that a library registers with <c>AddHttpClient&lt;T&gt;()</c> and reads WeChat's result model itself, to which the application
/// adds the handler by registering the same type again (Senparc.Weixin's <c>SenparcHttpClient</c>).
/// </summary>
public sealed class SdkShapeTests : IAsyncLifetime
{
    private ClientRig _rig = null!;

    public async Task InitializeAsync() => _rig = await ClientRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task FlurlRequestWithoutToken_TheSupplyAddsIt()
    {
        using var flurl = new FlurlClient(_rig.Client(throwOnError: false));

        var result = await flurl.Request(ClientRig.TokenChecked).SetQueryParam("access_token", (string?)null).GetJsonAsync<WeChatResult>();

        Assert.Equal(ClientRig.AppId, result.AppId);
        Assert.Equal(1, _rig.Tokens.FetchesOf(ClientRig.AppId));
    }

    [Theory]
    [InlineData(false, "SdkResultException 45009 -> WeChatQuotaExceededException")]
    [InlineData(true, "WeChatQuotaExceededException")]
    public async Task TypedClientOfALibrary_GetsTheHandler_AndItsOwnCheckRunsOnlyInTheReturningMode(bool throwOnError, string expected)
    {
        var services = new ServiceCollection();
        services.AddHttpClient<SdkHttpClient>();   // what the library's own registration does
        services.AddWeChatAccessTokens(ClientRig.AppId, o => { o.AppSecret = ClientRig.AppSecret; o.BaseAddress = _rig.Server.BaseAddress; });
        services.AddHttpClient<SdkHttpClient>(c => c.BaseAddress = _rig.Server.BaseAddress)
            .AddWeChatAccessToken(ClientRig.AppId)
            .AddWeChatErrorHandling(o => o.ThrowOnError = throwOnError);
        await using var provider = services.BuildServiceProvider();
        var sdk = provider.GetRequiredService<SdkHttpClient>();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => sdk.GetAsync(ClientRig.DailyQuota));

        var seen = ex is SdkResultException result
            ? $"{ex.GetType().Name} {result.ErrorCode} -> {WeChatApiException.Create(result.ErrorCode, result.ErrorMessage).GetType().Name}"
            : ex.GetType().Name;
        Assert.Equal(expected, seen);
        Assert.Equal(1, _rig.Server.CallsTo(ClientRig.DailyQuota));
        _rig.AssertNoSecret(ClientRig.DailyQuota, ClientRig.TextsOf(ex));
    }

    /// <summary>A typed client as an SDK writes it: it reads the body and throws its own exception for a non-zero errcode.</summary>
    public sealed class SdkHttpClient(HttpClient http)
    {
        public async Task<JsonDocument> GetAsync(string path)
        {
            using var response = await http.GetAsync(path);
            var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (document.RootElement.TryGetProperty("errcode", out var code) && code.GetInt64() != 0)
            {
                throw new SdkResultException(code.GetInt64(), document.RootElement.GetProperty("errmsg").GetString());
            }

            return document;
        }
    }

    public sealed class SdkResultException(long errorCode, string? errorMessage) : Exception($"errcode {errorCode}: {errorMessage}")
    {
        public long ErrorCode { get; } = errorCode;

        public string? ErrorMessage { get; } = errorMessage;
    }
}
