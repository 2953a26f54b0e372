using System.Collections.Concurrent;

namespace FakeWeChat;

/// <summary>
/// The third-party platform (第三方平台) side of <see cref="FakeWeChatServer"/>, enabled by <see cref="FakeWeChatServer.IssueOpenPlatformTokens"/>.
/// It pushes nothing: a test reads the tickets it issues (<see cref="LatestTicket"/>) and hands them in. It answers
/// <c>api_component_token</c>, <c>api_start_push_ticket</c>, <c>api_query_auth</c>, <c>api_authorizer_token</c> (rotating refresh
/// tokens), <c>api_get_authorizer_info</c>, <c>api_get_authorizer_list</c> and a checked business call (<see cref="CheckedPath"/>)
/// as WeChat does, and 61005, 61006, 61023 and 61003 on demand. Every member is safe to call from several threads.
/// </summary>
/// <remarks>
/// Component and account tokens carry <c>@</c> and <c>+</c>, and tickets <c>/</c>, so that a token put in a query without
/// escaping is read back as another one (40001).
/// </remarks>
public sealed partial class FakeOpenPlatform
{
    /// <summary><c>api_component_token</c>: the platform's token for its secret and a current ticket.</summary>
    public const string ComponentToken = "cgi-bin/component/api_component_token";

    /// <summary><c>api_start_push_ticket</c>: issues a new ticket (<see cref="LatestTicket"/>), as a push would bring.</summary>
    public const string StartPushTicket = "cgi-bin/component/api_start_push_ticket";

    /// <summary><c>api_query_auth</c>: an account's first tokens for an authorization code (<see cref="CreateAuthorizationCode"/>).</summary>
    public const string QueryAuth = "cgi-bin/component/api_query_auth";

    /// <summary><c>api_authorizer_token</c>: a new account token for the account's refresh token.</summary>
    public const string AuthorizerToken = "cgi-bin/component/api_authorizer_token";

    /// <summary><c>api_get_authorizer_info</c>: the account's details and its current refresh token.</summary>
    public const string AuthorizerInfo = "cgi-bin/component/api_get_authorizer_info";

    /// <summary><c>api_get_authorizer_list</c>: the accounts that authorized the platform, with their current refresh tokens.</summary>
    public const string AuthorizerList = "cgi-bin/component/api_get_authorizer_list";

    /// <summary>A business call of an account (GET or POST): answers its AppID for the current authorizer token, 40001 or 42001 otherwise.</summary>
    public const string CheckedPath = "cgi-bin/openplatform/checked";

    private static readonly TimeSpan TicketLifetime = TimeSpan.FromHours(12);
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Component> _components = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Authorizer> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Code> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _secrets = new();
    private readonly TimeProvider _clock;
    private int _serial;
    private int _checkedCalls;
    private Func<Task>? _beforeNextComponentTokenAnswer;

    internal FakeOpenPlatform(TimeProvider clock) => _clock = clock;

    /// <summary>Gets or sets the lifetime of a new component or authorizer token, in seconds.</summary>
    public int ExpiresIn { get; set; } = 7200;

    /// <summary>Gets or sets how long the <c>cgi-bin/component/*</c> endpoints wait before they answer, so that concurrent callers overlap.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Gets or sets a value indicating whether a refresh issues a new refresh token and invalidates the one it was given (61023 afterwards).</summary>
    public bool RotateRefreshTokens { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether a platform's earlier tokens keep working until they expire once a new one is issued; by default they answer 40001 at once.</summary>
    public bool PreviousComponentTokenStaysValid { get; set; }

    /// <summary>Gets or sets a value indicating whether an account's earlier tokens keep working until they expire after a refresh; by default they answer 40001 at once.</summary>
    public bool PreviousAuthorizerTokenStaysValid { get; set; }

    /// <summary>Gets or sets what runs once before the next <c>api_component_token</c> is answered (then it is cleared), for example handing in a newer ticket.</summary>
    public Func<Task>? BeforeNextComponentTokenAnswer
    {
        get => Volatile.Read(ref _beforeNextComponentTokenAnswer);
        set => Volatile.Write(ref _beforeNextComponentTokenAnswer, value);
    }

    /// <summary>Gets every secret it issued or was given: platform secrets, tickets, component tokens, account tokens, refresh tokens, codes.</summary>
    public IReadOnlyCollection<string> IssuedSecrets => _secrets.ToArray();

    /// <summary>Gets how many checked business calls were answered (errors included).</summary>
    public int CheckedCalls => Volatile.Read(ref _checkedCalls);

    /// <summary>Registers a platform with its secret, and issues its first ticket (<see cref="LatestTicket"/>).</summary>
    public FakeOpenPlatform AddComponent(string componentAppId, string componentAppSecret)
    {
        _components[componentAppId] = new Component(componentAppSecret);
        _secrets.Enqueue(componentAppSecret);
        IssueTicket(componentAppId);
        return this;
    }

    /// <summary>Registers an account that authorized the platform, with a first refresh token (<see cref="CurrentRefreshToken"/>) and no access token yet.</summary>
    public FakeOpenPlatform AddAuthorizer(string componentAppId, string authorizerAppId)
    {
        var authorizer = new Authorizer(authorizerAppId, _clock.GetUtcNow());
        lock (authorizer)
        {
            authorizer.RefreshToken = NewRefreshToken(authorizerAppId);
        }

        ComponentOf(componentAppId).Authorizers[authorizerAppId] = authorizer;
        return this;
    }

    /// <summary>Issues a new ticket now, as a push would, and returns it. Older tickets stay valid for their 12 hours.</summary>
    public string IssueTicket(string componentAppId)
    {
        var component = ComponentOf(componentAppId);
        var ticket = NewSecret($"ticket@@@{componentAppId}/");
        lock (component)
        {
            component.Tickets[ticket] = _clock.GetUtcNow();
            component.LatestTicket = ticket;
        }

        return ticket;
    }

    /// <summary>Returns the newest ticket issued for the platform.</summary>
    public string LatestTicket(string componentAppId)
    {
        var component = ComponentOf(componentAppId);
        lock (component)
        {
            return component.LatestTicket!;
        }
    }

    /// <summary>Makes the next <paramref name="times"/> answers of <c>api_component_token</c> <paramref name="code"/> (61005 or 61006), whatever the ticket; 0 ends it.</summary>
    public void FailTicketsWith(string componentAppId, int code, int times)
    {
        if (code is not (61005 or 61006))
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "A ticket fails with 61005 (expired) or 61006 (invalid).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(times);
        var component = ComponentOf(componentAppId);
        lock (component)
        {
            component.TicketFailure = (code, times);
        }
    }

    /// <summary>Expires every ticket issued so far (61005 for each); a ticket issued afterwards is valid.</summary>
    public void ExpireAllTickets(string componentAppId)
    {
        var component = ComponentOf(componentAppId);
        lock (component)
        {
            var expired = _clock.GetUtcNow() - TicketLifetime;
            foreach (var ticket in component.Tickets.Keys.ToArray())
            {
                component.Tickets[ticket] = expired;
            }
        }
    }

    /// <summary>Ends the platform's tokens now: they answer 40001 until a new one is fetched.</summary>
    public void InvalidateComponentToken(string componentAppId)
    {
        var component = ComponentOf(componentAppId);
        lock (component)
        {
            component.Tokens.Clear();
        }
    }

    /// <summary>Expires the platform's tokens now, whatever their <c>expires_in</c> said: they answer 42001 until a new one is fetched.</summary>
    public void ExpireComponentToken(string componentAppId)
    {
        var component = ComponentOf(componentAppId);
        lock (component)
        {
            Expire(component.Tokens);
        }
    }

    /// <summary>
    /// Creates a one-time authorization code for the account, valid one hour, as the account's administrator authorizing the
    /// platform would: the account is registered (or authorizes again after <see cref="Revoke"/>) with a new refresh token.
    /// </summary>
    public string CreateAuthorizationCode(string componentAppId, string authorizerAppId)
    {
        var component = ComponentOf(componentAppId);
        var authorizer = component.Authorizers.GetOrAdd(authorizerAppId, id => new Authorizer(id, _clock.GetUtcNow()));
        lock (authorizer)
        {
            authorizer.Revoked = false;
            authorizer.RefreshBroken = false;
            authorizer.AuthorizedAt = _clock.GetUtcNow();
            authorizer.RefreshToken = NewRefreshToken(authorizerAppId);
        }

        var code = NewSecret($"queryauthcode@@@{authorizerAppId}-");
        _codes[code] = new Code(componentAppId, authorizerAppId, _clock.GetUtcNow() + CodeLifetime);
        return code;
    }

    /// <summary>Returns the refresh token WeChat holds now for the account.</summary>
    public string CurrentRefreshToken(string componentAppId, string authorizerAppId)
    {
        var authorizer = AuthorizerOf(componentAppId, authorizerAppId);
        lock (authorizer)
        {
            return authorizer.RefreshToken!;
        }
    }

    /// <summary>Ends the account's tokens now (40001 on calls), as a refresh elsewhere would.</summary>
    public void InvalidateAuthorizerToken(string componentAppId, string authorizerAppId)
    {
        var authorizer = AuthorizerOf(componentAppId, authorizerAppId);
        lock (authorizer)
        {
            authorizer.AccessTokens.Clear();
        }
    }

    /// <summary>Expires the account's tokens now: they answer 42001 until it is refreshed.</summary>
    public void ExpireAuthorizerToken(string componentAppId, string authorizerAppId)
    {
        var authorizer = AuthorizerOf(componentAppId, authorizerAppId);
        lock (authorizer)
        {
            Expire(authorizer.AccessTokens);
        }
    }

    /// <summary>Replaces the account's refresh token by a new one that only <c>api_get_authorizer_info</c> and <c>api_get_authorizer_list</c> reveal: the stored one answers 61023.</summary>
    public void InvalidateRefreshToken(string componentAppId, string authorizerAppId)
    {
        var authorizer = AuthorizerOf(componentAppId, authorizerAppId);
        lock (authorizer)
        {
            authorizer.RefreshToken = NewRefreshToken(authorizerAppId);
        }
    }

    /// <summary>Makes every refresh token of the account invalid, including the one <c>api_get_authorizer_info</c> returns (61023 for good).</summary>
    public void BreakRefreshTokens(string componentAppId, string authorizerAppId)
    {
        var authorizer = AuthorizerOf(componentAppId, authorizerAppId);
        lock (authorizer)
        {
            authorizer.RefreshBroken = true;
        }
    }

    /// <summary>Makes every checked call of the account answer 40001, its current token too: a token error no refresh heals.</summary>
    public void RefuseAuthorizerTokens(string componentAppId, string authorizerAppId)
    {
        var authorizer = AuthorizerOf(componentAppId, authorizerAppId);
        lock (authorizer)
        {
            authorizer.Refused = true;
        }
    }

    /// <summary>The account revokes the authorization: 61003 on refresh and info, its tokens answer 40001, and it leaves the list.</summary>
    public void Revoke(string componentAppId, string authorizerAppId)
    {
        var authorizer = AuthorizerOf(componentAppId, authorizerAppId);
        lock (authorizer)
        {
            authorizer.Revoked = true;
            authorizer.AccessTokens.Clear();
        }
    }

    /// <summary>Returns how many <c>api_component_token</c> requests of the platform were answered (errors included).</summary>
    public int ComponentTokenFetches(string componentAppId) => Volatile.Read(ref ComponentOf(componentAppId).Fetches);

    /// <summary>Returns how many <c>api_start_push_ticket</c> requests of the platform were answered (errors included).</summary>
    public int PushTicketCalls(string componentAppId) => Volatile.Read(ref ComponentOf(componentAppId).PushCalls);

    /// <summary>Returns how many <c>api_query_auth</c> requests of the platform reached the code check (errors included).</summary>
    public int QueryAuthCalls(string componentAppId) => Volatile.Read(ref ComponentOf(componentAppId).QueryAuthCalls);

    /// <summary>Returns how many <c>api_authorizer_token</c> requests for the account reached the refresh-token check (errors included).</summary>
    public int AuthorizerRefreshes(string componentAppId, string authorizerAppId) => Volatile.Read(ref AuthorizerOf(componentAppId, authorizerAppId).Refreshes);

    /// <summary>Returns how many <c>api_get_authorizer_info</c> requests for the account were answered (errors included).</summary>
    public int AuthorizerInfoCalls(string componentAppId, string authorizerAppId) => Volatile.Read(ref AuthorizerOf(componentAppId, authorizerAppId).InfoCalls);

    private static void Expire(Dictionary<string, DateTimeOffset> tokens)
    {
        foreach (var token in tokens.Keys.ToArray())
        {
            tokens[token] = DateTimeOffset.MinValue;
        }
    }

    private Component ComponentOf(string componentAppId) => _components.TryGetValue(componentAppId, out var component)
        ? component
        : throw new InvalidOperationException($"No platform {componentAppId}: call AddComponent first.");

    private Authorizer AuthorizerOf(string componentAppId, string authorizerAppId) => ComponentOf(componentAppId).Authorizers.TryGetValue(authorizerAppId, out var authorizer)
        ? authorizer
        : throw new InvalidOperationException($"No account {authorizerAppId} on platform {componentAppId}: call AddAuthorizer or CreateAuthorizationCode first.");

    private string NewRefreshToken(string authorizerAppId) => NewSecret($"refreshtoken@@@{authorizerAppId}+");

    private string NewSecret(string prefix)
    {
        var secret = $"{prefix}{Interlocked.Increment(ref _serial):D4}{Guid.NewGuid():N}"[..(prefix.Length + 16)];
        _secrets.Enqueue(secret);
        return secret;
    }
}
