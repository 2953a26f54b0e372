using System.Net;
using RestSharp;
using RestSharp.Interceptors;

namespace WeChatErrors.Tests.Integration.Clients;

/// <summary>
/// RestSharp 114 (a <see cref="RestClient"/> over a factory client): what reaches the caller in each mode. Throwing:
/// <c>ExecuteAsync</c> throws nothing and keeps the handler's exception in <c>ErrorException</c> (status 0, no content, no
/// <c>ResponseUri</c>); <c>GetAsync&lt;T&gt;</c> throws that exception itself. Returning: a completed response with the body; the
/// typed error is read from the <see cref="HttpResponseMessage"/> in an interceptor, since <see cref="RestResponse"/> keeps none.
/// </summary>
public sealed class RestSharpClientTests : IAsyncLifetime
{
    private ClientRig _rig = null!;

    public async Task InitializeAsync() => _rig = await ClientRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Throwing_Execute_ErrorExceptionIsTheTypedError()
    {
        using var rest = new RestClient(_rig.Client(throwOnError: true));

        var response = await rest.ExecuteAsync<WeChatResult>(new RestRequest(ClientRig.DailyQuota));

        Assert.Equal(ResponseStatus.Error, response.ResponseStatus);
        Assert.Equal((HttpStatusCode)0, response.StatusCode);
        Assert.Null(response.Content);
        Assert.Null(response.Data);
        Assert.Null(response.ResponseUri);
        var error = Assert.IsType<WeChatQuotaExceededException>(response.ErrorException);
        Assert.Equal(error.Message, response.ErrorMessage);
        Assert.Equal(1, _rig.Server.CallsTo(ClientRig.DailyQuota));
        _rig.AssertNoSecret(ClientRig.DailyQuota, ClientRig.TextsOf(error).Concat(RequestTexts(response)).Append(response.ErrorMessage));
    }

    [Fact]
    public async Task Throwing_GetAsync_ThrowsTheTypedErrorItself()
    {
        using var rest = new RestClient(_rig.Client(throwOnError: true));

        var ex = await Assert.ThrowsAsync<WeChatQuotaExceededException>(() => rest.GetAsync<WeChatResult>(new RestRequest(ClientRig.DailyQuota)));

        Assert.Null(ex.InnerException);
        _rig.AssertNoSecret(ClientRig.DailyQuota, ClientRig.TextsOf(ex));
    }

    [Fact]
    public async Task Returning_Execute_CompletedWithTheBody()
    {
        using var rest = new RestClient(_rig.Client(throwOnError: false));

        var response = await rest.ExecuteAsync<WeChatResult>(new RestRequest(ClientRig.DailyQuota));

        Assert.Equal(ResponseStatus.Completed, response.ResponseStatus);
        Assert.True(response.IsSuccessful);
        Assert.Null(response.ErrorException);
        Assert.Equal(45009, response.Data?.ErrorCode);
        Assert.Equal(1, _rig.Server.CallsTo(ClientRig.DailyQuota));
        Assert.Equal("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit rid: 6745a3c1-1a2b3c4d-5e6f7a8b\"}", response.Content);
        Assert.Equal(_rig.Server.BaseAddress + ClientRig.DailyQuota, response.ResponseUri?.AbsoluteUri);
        var mapped = WeChatApiException.Create(response.Data!.ErrorCode, response.Data.ErrorMessage);
        _rig.AssertNoSecret(ClientRig.DailyQuota, RequestTexts(response).Append(response.ResponseUri?.ToString()).Concat(ClientRig.TextsOf(mapped)));
    }

    [Fact]
    public async Task Returning_Interceptor_ReadsTheTypedError()
    {
        var interceptor = new WeChatErrorInterceptor();
        using var rest = new RestClient(_rig.Client(throwOnError: false), new RestClientOptions { Interceptors = [interceptor] });

        var response = await rest.ExecuteAsync<WeChatResult>(new RestRequest(ClientRig.DailyQuota));

        Assert.Equal(ResponseStatus.Completed, response.ResponseStatus);
        var error = Assert.IsType<WeChatQuotaExceededException>(interceptor.LastError);
        Assert.Equal(1, error.Attempts);
        _rig.AssertNoSecret(ClientRig.DailyQuota, ClientRig.TextsOf(error).Append(error.RequestUri));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SystemBusyOnce_Heals(bool throwOnError)
    {
        using var rest = new RestClient(_rig.Client(throwOnError));

        var response = await rest.ExecuteAsync<WeChatResult>(new RestRequest(ClientRig.BusyOnce));

        Assert.Equal(ResponseStatus.Completed, response.ResponseStatus);
        Assert.Equal(0, response.Data?.ErrorCode);
        Assert.True(response.Data?.Rest?.ContainsKey("tags"));
        Assert.Equal(2, _rig.Server.CallsTo(ClientRig.BusyOnce));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StaleToken_RecoveredOnce(bool throwOnError)
    {
        using var rest = new RestClient(_rig.Client(throwOnError));
        Assert.Equal(ClientRig.AppId, (await rest.GetAsync<WeChatResult>(new RestRequest(ClientRig.TokenChecked)))?.AppId);
        _rig.Tokens.Rotate(ClientRig.AppId);

        var response = await rest.ExecuteAsync<WeChatResult>(new RestRequest(ClientRig.TokenChecked));

        Assert.Equal(ClientRig.AppId, response.Data?.AppId);
        Assert.Equal(3, _rig.Server.CallsTo(ClientRig.TokenChecked));
        Assert.Equal(2, _rig.Tokens.FetchesOf(ClientRig.AppId));
        _rig.AssertNoSecret(ClientRig.TokenChecked, RequestTexts(response).Append(response.ResponseUri?.ToString()));
    }

    private static IEnumerable<string?> RequestTexts(RestResponse response) =>
        new[] { response.Request.Resource }.Concat(response.Request.Parameters.Select(p => $"{p.Name}={p.Value}"));

    /// <summary>Keeps the WeChat error the handler found in the last response: RestSharp's response object keeps no <see cref="HttpResponseMessage"/>.</summary>
    private sealed class WeChatErrorInterceptor : Interceptor
    {
        public WeChatApiException? LastError { get; private set; }

        public override ValueTask AfterHttpRequest(HttpResponseMessage responseMessage, CancellationToken cancellationToken)
        {
            LastError = responseMessage.GetWeChatError();
            return default;
        }
    }
}
