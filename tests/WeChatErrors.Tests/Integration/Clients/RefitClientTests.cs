using Refit;

namespace WeChatErrors.Tests.Integration.Clients;

/// <summary>
/// Refit 16 (its source-generated client, <c>RestService.For</c> over a factory client): what reaches the caller in each mode.
/// Throwing: Refit wraps the handler's exception in an <see cref="ApiRequestException"/> (also for <c>Task&lt;HttpResponseMessage&gt;</c>);
/// an <see cref="IApiResponse{T}"/> method throws nothing and holds that exception in <c>Error</c>. Returning: the model carries
/// the code, and a method returning <see cref="HttpResponseMessage"/> gives the error through <c>GetWeChatError()</c>.
/// </summary>
public sealed class RefitClientTests : IAsyncLifetime
{
    private ClientRig _rig = null!;

    public async Task InitializeAsync() => _rig = await ClientRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Throwing_DailyQuota_ApiRequestExceptionAroundTheTypedError()
    {
        var api = RestService.For<IWeChatRefitApi>(_rig.Client(throwOnError: true));

        var ex = await Assert.ThrowsAsync<ApiRequestException>(api.GetMenuAsync);

        var inner = Assert.IsType<WeChatQuotaExceededException>(ex.InnerException);
        Assert.Equal(45009, inner.RawErrorCode);
        Assert.Equal(inner.Message, ex.Message);
        Assert.Equal(1, _rig.Server.CallsTo(ClientRig.DailyQuota));
        Assert.Equal(_rig.Server.BaseAddress + ClientRig.DailyQuota, ex.Uri?.AbsoluteUri);
        _rig.AssertNoSecret(ClientRig.DailyQuota, ClientRig.TextsOf(ex).Concat(ClientRig.TextsOf(ex.RequestMessage)).Append(ex.Uri?.ToString()));
    }

    [Fact]
    public async Task Throwing_ApiResponse_HoldsTheTypedErrorInError()
    {
        var api = RestService.For<IWeChatRefitApi>(_rig.Client(throwOnError: true));

        using var response = await api.GetMenuApiResponseAsync();

        Assert.False(response.IsSuccessful);
        Assert.False(response.IsReceived);
        Assert.Null(response.Content);
        var error = Assert.IsType<ApiRequestException>(response.Error);
        Assert.IsType<WeChatQuotaExceededException>(error.InnerException);
        _rig.AssertNoSecret(ClientRig.DailyQuota, ClientRig.TextsOf(error).Concat(ClientRig.TextsOf(response.RequestMessage)).Append(error.Uri?.ToString()));
    }

    [Fact]
    public async Task Throwing_HttpResponseMessageMethod_AlsoApiRequestException()
    {
        var api = RestService.For<IWeChatRefitApi>(_rig.Client(throwOnError: true));

        var ex = await Assert.ThrowsAsync<ApiRequestException>(api.GetMenuResponseAsync);

        Assert.IsType<WeChatQuotaExceededException>(ex.InnerException);
    }

    [Fact]
    public async Task Returning_DailyQuota_TheModelCarriesTheCode()
    {
        var api = RestService.For<IWeChatRefitApi>(_rig.Client(throwOnError: false));

        var result = await api.GetMenuAsync();

        Assert.Equal(45009, result.ErrorCode);
        var mapped = Assert.IsType<WeChatQuotaExceededException>(WeChatApiException.Create(result.ErrorCode, result.ErrorMessage));
        Assert.Equal("6745a3c1-1a2b3c4d-5e6f7a8b", mapped.RequestId);
        Assert.Equal(1, _rig.Server.CallsTo(ClientRig.DailyQuota));
    }

    [Fact]
    public async Task Returning_ApiResponse_IsSuccessful_WithTheErrorBody()
    {
        var api = RestService.For<IWeChatRefitApi>(_rig.Client(throwOnError: false));

        using var response = await api.GetMenuApiResponseAsync();

        Assert.True(response.IsSuccessful);
        Assert.Null(response.Error);
        Assert.Equal(45009, response.Content?.ErrorCode);
        _rig.AssertNoSecret(ClientRig.DailyQuota, ClientRig.TextsOf(response.RequestMessage));
    }

    [Fact]
    public async Task Returning_HttpResponseMessageMethod_GetWeChatError()
    {
        var api = RestService.For<IWeChatRefitApi>(_rig.Client(throwOnError: false));

        using var response = await api.GetMenuResponseAsync();

        var error = Assert.IsType<WeChatQuotaExceededException>(response.GetWeChatError());
        Assert.Equal("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit rid: 6745a3c1-1a2b3c4d-5e6f7a8b\"}", await response.Content.ReadAsStringAsync());
        var thrown = Assert.Throws<WeChatQuotaExceededException>(() => response.EnsureWeChatSuccess());
        _rig.AssertNoSecret(ClientRig.DailyQuota, ClientRig.TextsOf(thrown).Concat(ClientRig.TextsOf(response.RequestMessage)).Append(error.RequestUri));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SystemBusyOnce_Heals(bool throwOnError)
    {
        var api = RestService.For<IWeChatRefitApi>(_rig.Client(throwOnError));

        var result = await api.GetTagsAsync();

        Assert.Equal(0, result.ErrorCode);
        Assert.True(result.Rest?.ContainsKey("tags"));
        Assert.Equal(2, _rig.Server.CallsTo(ClientRig.BusyOnce));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StaleToken_RecoveredOnce(bool throwOnError)
    {
        var api = RestService.For<IWeChatRefitApi>(_rig.Client(throwOnError));
        Assert.Equal(ClientRig.AppId, (await api.GetCallbackIpAsync()).AppId);
        _rig.Tokens.Rotate(ClientRig.AppId);

        var result = await api.GetCallbackIpAsync();

        Assert.Equal(ClientRig.AppId, result.AppId);
        Assert.Equal(3, _rig.Server.CallsTo(ClientRig.TokenChecked));
        Assert.Equal(2, _rig.Tokens.FetchesOf(ClientRig.AppId));
    }
}
