namespace WeChatErrors;

/// <summary>An account's authorization of a third-party platform, as <c>api_query_auth</c> returned it.</summary>
/// <remarks>Security: <see cref="RefreshToken"/> is a credential; <see cref="ToString"/> leaves it out.</remarks>
public sealed class WeChatAuthorization
{
    /// <summary>Initializes a new instance of the <see cref="WeChatAuthorization"/> class.</summary>
    /// <param name="componentAppId">The platform's AppID.</param>
    /// <param name="authorizerAppId">The account's AppID.</param>
    /// <param name="refreshToken">The account's refresh token.</param>
    /// <param name="functionScopeIds">The ids of the permission sets the account granted (<c>func_info</c>).</param>
    public WeChatAuthorization(string componentAppId, string authorizerAppId, string refreshToken, IReadOnlyList<int> functionScopeIds)
    {
        ComponentAppId = componentAppId;
        AuthorizerAppId = authorizerAppId;
        RefreshToken = refreshToken;
        FunctionScopeIds = functionScopeIds;
    }

    /// <summary>Gets the platform's AppID.</summary>
    public string ComponentAppId { get; }

    /// <summary>Gets the AppID of the account that authorized the platform.</summary>
    public string AuthorizerAppId { get; }

    /// <summary>Gets the account's <c>authorizer_refresh_token</c>, already stored by the token source.</summary>
    /// <remarks>Keep it in the application's own database if the shared cache may lose it; otherwise it is fetched again from
    /// <c>api_get_authorizer_info</c> when needed. Security: do not log it.</remarks>
    public string RefreshToken { get; }

    /// <summary>Gets the ids of the permission sets (权限集) the account granted.</summary>
    public IReadOnlyList<int> FunctionScopeIds { get; }

    /// <summary>Returns the platform and account AppIDs and the granted permission sets, without the refresh token.</summary>
    /// <returns>A text for logs.</returns>
    public override string ToString() =>
        $"WeChatAuthorization {{ ComponentAppId = {ComponentAppId}, AuthorizerAppId = {AuthorizerAppId}, FunctionScopeIds = [{string.Join(", ", FunctionScopeIds)}] }}";
}
