using System.Diagnostics.CodeAnalysis;

namespace WeChatErrors.Shared;

/// <summary>A value kept in a request's options (<c>HttpRequestMessage.Options</c>; <c>Properties</c> before .NET 5).</summary>
internal static class RequestOptions
{
    public static void Set<T>(HttpRequestMessage request, string key, T value)
    {
#if NET5_0_OR_GREATER
        request.Options.Set(new HttpRequestOptionsKey<T>(key), value);
#else
        request.Properties[key] = value;
#endif
    }

    public static bool TryGet<T>(HttpRequestMessage request, string key, [MaybeNullWhen(false)] out T value)
    {
#if NET5_0_OR_GREATER
        return request.Options.TryGetValue(new HttpRequestOptionsKey<T>(key), out value);
#else
        if (request.Properties.TryGetValue(key, out var stored) && stored is T typed)
        {
            value = typed;
            return true;
        }

        value = default;
        return false;
#endif
    }
}
