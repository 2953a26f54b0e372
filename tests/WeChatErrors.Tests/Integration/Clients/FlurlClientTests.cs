using Flurl.Http;

namespace WeChatErrors.Tests.Integration.Clients;

/// <summary>
/// Flurl.Http 4 (a <see cref="FlurlClient"/> over a factory client): what reaches the caller in each mode. Throwing: a
/// <see cref="FlurlHttpException"/> around the handler's exception, whose message is <c>Call failed. </c>, the inner message, and
/// Flurl's own copy of the URL (the caller's, without the supplied token). Returning: the model carries the code, and
/// <c>IFlurlResponse.ResponseMessage.GetWeChatError()</c> the typed error.
/// </summary>
public sealed class FlurlClientTests : IAsyncLifetime
{
    private ClientRig _rig = null!;

    public async Task InitializeAsync() => _rig = await ClientRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Throwing_DailyQuota_FlurlHttpExceptionAroundTheTypedError()
    {
        using var flurl = new FlurlClient(_rig.Client(throwOnError: true));

        var ex = await Assert.ThrowsAsync<FlurlHttpException>(() => flurl.Request(ClientRig.DailyQuota).GetJsonAsync<WeChatResult>());

        var inner = Assert.IsType<WeChatQuotaExceededException>(ex.InnerException);
        Assert.Equal(45009, inner.RawErrorCode);
        var url = _rig.Server.BaseAddress + ClientRig.DailyQuota;
        Assert.Equal($"Call failed. {inner.Message}: GET {url}", ex.Message);
        Assert.Null(ex.StatusCode);
        Assert.Null(ex.Call.Response);
        Assert.Equal(url, ex.Call.Request.Url.ToString());
        Assert.Equal(1, _rig.Server.CallsTo(ClientRig.DailyQuota));
        _rig.AssertNoSecret(
            ClientRig.DailyQuota,
            ClientRig.TextsOf(ex).Concat(ClientRig.TextsOf(ex.Call.HttpRequestMessage)).Append(ex.Call.Request.Url.ToString()).Append(ex.Call.ToString()));
    }

    [Fact]
    public async Task Returning_DailyQuota_TheModelCarriesTheCode()
    {
        using var flurl = new FlurlClient(_rig.Client(throwOnError: false));

        var result = await flurl.Request(ClientRig.DailyQuota).GetJsonAsync<WeChatResult>();

        Assert.Equal(45009, result.ErrorCode);
        Assert.Equal(1, _rig.Server.CallsTo(ClientRig.DailyQuota));
    }

    [Fact]
    public async Task Returning_DailyQuota_ResponseMessageGetWeChatError()
    {
        using var flurl = new FlurlClient(_rig.Client(throwOnError: false));

        using var response = await flurl.Request(ClientRig.DailyQuota).GetAsync();

        Assert.Equal(200, response.StatusCode);
        var error = Assert.IsType<WeChatQuotaExceededException>(response.ResponseMessage.GetWeChatError());
        Assert.Equal(45009, (await response.GetJsonAsync<WeChatResult>()).ErrorCode);
        _rig.AssertNoSecret(
            ClientRig.DailyQuota,
            ClientRig.TextsOf(error).Concat(ClientRig.TextsOf(response.ResponseMessage.RequestMessage)).Append(error.RequestUri));
    }

    [Fact]
    public async Task Returning_AfterCallHandler_ThrowsTheTypedErrorUnwrapped()
    {
        // Flurl's own hook is the place to throw on demand: an exception of an AfterCall handler reaches the caller as it is.
        using var flurl = new FlurlClient(_rig.Client(throwOnError: false)).AfterCall(call => call.HttpResponseMessage?.EnsureWeChatSuccess());

        var ex = await Assert.ThrowsAsync<WeChatQuotaExceededException>(() => flurl.Request(ClientRig.DailyQuota).GetJsonAsync<WeChatResult>());

        Assert.Null(ex.InnerException);
        Assert.Equal(1, ex.Attempts);
        _rig.AssertNoSecret(ClientRig.DailyQuota, ClientRig.TextsOf(ex));
    }

    [Fact]
    public async Task Throwing_TokenTheCallerPutInTheUrl_ShowsInFlurlsMessage_NotInTheInnerError()
    {
        // Not a supplied token: the caller's own, in Flurl's own copy of the URL, which Flurl writes into its message.
        const string CallerToken = "CALLER_OWNED_TOKEN_9f8e7d";
        using var flurl = new FlurlClient(_rig.Client(throwOnError: true));

        var ex = await Assert.ThrowsAsync<FlurlHttpException>(() => flurl.Request(ClientRig.DailyQuota).SetQueryParam("access_token", CallerToken).GetJsonAsync<WeChatResult>());

        Assert.Contains(CallerToken, ex.Message, StringComparison.Ordinal);
        Assert.Contains(CallerToken, ex.Call.Request.Url.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(CallerToken, ex.InnerException!.Message, StringComparison.Ordinal);
        Assert.Contains("access_token=REDACTED", ex.InnerException.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SystemBusyOnce_Heals(bool throwOnError)
    {
        using var flurl = new FlurlClient(_rig.Client(throwOnError));

        var result = await flurl.Request(ClientRig.BusyOnce).GetJsonAsync<WeChatResult>();

        Assert.Equal(0, result.ErrorCode);
        Assert.True(result.Rest?.ContainsKey("tags"));
        Assert.Equal(2, _rig.Server.CallsTo(ClientRig.BusyOnce));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StaleToken_RecoveredOnce(bool throwOnError)
    {
        using var flurl = new FlurlClient(_rig.Client(throwOnError));
        Assert.Equal(ClientRig.AppId, (await flurl.Request(ClientRig.TokenChecked).GetJsonAsync<WeChatResult>()).AppId);
        _rig.Tokens.Rotate(ClientRig.AppId);

        var result = await flurl.Request(ClientRig.TokenChecked).GetJsonAsync<WeChatResult>();

        Assert.Equal(ClientRig.AppId, result.AppId);
        Assert.Equal(3, _rig.Server.CallsTo(ClientRig.TokenChecked));
        Assert.Equal(2, _rig.Tokens.FetchesOf(ClientRig.AppId));
    }
}
