using RichardSzalay.MockHttp;
using WeChatErrors.Tests.TestSupport;

namespace WeChatErrors.Tests.Http;

/// <summary>
/// What the synchronous <c>HttpClient.Send</c> gets from each build. HttpMessageHandler.Send does not exist in
/// netstandard2.0, so that build cannot override it: on a runtime that has it (.NET 5 to 7 get this build), HttpClient's
/// own Send passes the handler by and a WeChat error arrives as a success. The README and the handler's docs say so.
/// </summary>
public sealed class NetStandardSyncSendTests
{
    [Fact]
    public async Task SyncSend_AWeChatError_IsThrownExceptByTheNetStandardBuild_WhichPassesItUnchecked()
    {
        using var harness = new HandlerHarness(o => o.Retry.Enabled = false);
        harness.Server.When("*").Respond("application/json", WeChatBodies.InvalidCredential);

        await Assert.ThrowsAsync<WeChatAccessTokenException>(() => harness.Client.GetAsync("cgi-bin/user/get"));
        if (TestedBuild.IsNetStandard)
        {
            using var response = harness.Client.Send(new HttpRequestMessage(HttpMethod.Get, "cgi-bin/user/get"));
            using var reader = new StreamReader(response.Content.ReadAsStream());
            Assert.Equal(WeChatBodies.InvalidCredential, reader.ReadToEnd());
        }
        else
        {
            Assert.Throws<WeChatAccessTokenException>(() => harness.Client.Send(new HttpRequestMessage(HttpMethod.Get, "cgi-bin/user/get")));
        }
    }
}
