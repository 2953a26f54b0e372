using Microsoft.Extensions.DependencyInjection;

namespace WeChatErrors.DependencyInjection.Internal;

/// <summary>One token supply per client: records which token a client supplies, so that no second supply is added beside it.</summary>
internal static class TokenSupplyRegistration
{
    /// <summary>
    /// Records that the client supplies <paramref name="supplied"/>; returns <see langword="false"/> when it already does (nothing
    /// to add), and throws when it supplies another token.
    /// </summary>
    public static bool TryClaim(IHttpClientBuilder builder, string supplied)
    {
        var name = builder.Name;
        var existing = builder.Services
            .Select(d => d.ImplementationInstance as WeChatAccessTokenSupplyMarker)
            .FirstOrDefault(m => m is not null && m.ClientName == name);
        if (existing is not null)
        {
            return existing.AppId == supplied
                ? false
                : throw new InvalidOperationException($"The HttpClient '{name}' already supplies the token of '{existing.AppId}'; one client supplies one token.");
        }

        builder.Services.AddSingleton(new WeChatAccessTokenSupplyMarker(name, supplied));
        return true;
    }
}
