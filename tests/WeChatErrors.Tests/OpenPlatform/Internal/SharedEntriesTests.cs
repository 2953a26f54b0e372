using System.Text;
using WeChatErrors.AccessTokens.Internal;
using WeChatErrors.OpenPlatform.Internal;

namespace WeChatErrors.Tests.OpenPlatform.Internal;

/// <summary>The open platform's shared-cache entries: a ticket, and an account's refresh and access tokens in one entry.</summary>
public sealed class SharedEntriesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 8, 0, 15, TimeSpan.Zero);

    [Fact]
    public void Ticket_RoundTrip_KeepsTheTicketAndWhenItCame()
    {
        var json = Encoding.UTF8.GetString(ComponentTicketStore.Serialize("ticket@@@x", At));

        Assert.Equal("{\"component_verify_ticket\":\"ticket@@@x\",\"received_at\":1796198415000}", json);
        Assert.Equal(("ticket@@@x", At), ComponentTicketStore.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"component_verify_ticket\":\"\",\"received_at\":1}")]
    [InlineData("{\"component_verify_ticket\":\"t\"}")]
    [InlineData("{\"component_verify_ticket\":7,\"received_at\":1}")]
    [InlineData("{\"component_verify_ticket\":\"t\",\"received_at\":\"soon\"}")]
    [InlineData("{\"component_verify_ticket\":\"t\",\"received_at\":9000000000000000000}")]
    public void Ticket_Unreadable_IsNone(string stored) => Assert.Null(ComponentTicketStore.Parse(Encoding.UTF8.GetBytes(stored)));

    [Fact]
    public void Account_RoundTrip_BothTokensInOneEntry()
    {
        var token = CachedAccessToken.Create("AT1", At, At.AddSeconds(7200), TimeSpan.FromMinutes(10));

        var bytes = AuthorizerStore.Serialize(new AuthorizerTokens("RT1", token));
        var read = AuthorizerStore.Parse(bytes, TimeSpan.FromMinutes(10));

        Assert.Equal("{\"authorizer_refresh_token\":\"RT1\",\"authorizer_access_token\":\"AT1\",\"fetched_at\":1796198415000,\"expires_at\":1796205615000}", Encoding.UTF8.GetString(bytes));
        Assert.NotNull(read);
        Assert.Equal("RT1", read.RefreshToken);
        Assert.Equal("AT1", read.AccessToken?.Token);
        Assert.Equal(At.AddSeconds(7200 - 600), read.AccessToken?.RefreshAt);
    }

    [Fact]
    public void Account_WithoutAccessToken_KeepsTheRefreshToken()
    {
        var read = AuthorizerStore.Parse(AuthorizerStore.Serialize(new AuthorizerTokens("RT1", null)), TimeSpan.FromMinutes(10));

        Assert.Equal("RT1", read?.RefreshToken);
        Assert.Null(read?.AccessToken);
    }

    [Theory]
    [InlineData("{\"authorizer_refresh_token\":\"RT1\",\"authorizer_access_token\":\"AT1\",\"fetched_at\":\"x\",\"expires_at\":2}")]
    [InlineData("{\"authorizer_refresh_token\":\"RT1\",\"authorizer_access_token\":\"AT1\",\"fetched_at\":5,\"expires_at\":5}")]
    [InlineData("{\"authorizer_refresh_token\":\"RT1\",\"authorizer_access_token\":\"\",\"fetched_at\":1,\"expires_at\":5}")]
    [InlineData("{\"authorizer_refresh_token\":\"RT1\",\"authorizer_access_token\":\"AT1\",\"fetched_at\":1,\"expires_at\":9000000000000000000}")]
    [InlineData("{\"authorizer_refresh_token\":\"RT1\",\"authorizer_access_token\":\"AT1\",\"fetched_at\":-9000000000000000000,\"expires_at\":5}")]
    public void Account_UnreadableAccessToken_KeepsTheRefreshTokenOnly(string stored)
    {
        var read = AuthorizerStore.Parse(Encoding.UTF8.GetBytes(stored), TimeSpan.FromMinutes(10));

        Assert.Equal("RT1", read?.RefreshToken);
        Assert.Null(read?.AccessToken);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"authorizer_access_token\":\"AT1\",\"fetched_at\":1,\"expires_at\":5}")]
    [InlineData("{\"authorizer_refresh_token\":null}")]
    public void Account_WithoutRefreshToken_IsNone(string stored) => Assert.Null(AuthorizerStore.Parse(Encoding.UTF8.GetBytes(stored), TimeSpan.Zero));

    [Fact]
    public void Keys_AreThePrefixTheKindAndTheAppIds()
    {
        var entry = ComponentTokenCache.SharedEntry(new WeChatOpenPlatformOptions { ComponentAppId = "wxc", DistributedCacheKeyPrefix = "p:" });

        Assert.Equal("p:ticket:wxc", ComponentTicketStore.Key(entry));
        Assert.Equal("p:component-token:wxc", DistributedTokenStore.Key(entry));
        Assert.Equal("p:authorizer:wxc:wxa", AuthorizerStore.EntryKey(entry, "wxa"));
        Assert.Equal("p:authorizer-lock:wxc:wxa", AuthorizerStore.LockKey(entry, "wxa"));
    }
}
