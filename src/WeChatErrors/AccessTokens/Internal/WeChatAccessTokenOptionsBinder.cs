using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace WeChatErrors.AccessTokens.Internal;

/// <summary>
/// Reads <see cref="WeChatAccessTokenOptions"/> from configuration without reflection (trim- and AOT-safe). A value that cannot
/// be read fails with its key; the AppSecret is never quoted.
/// </summary>
internal static class WeChatAccessTokenOptionsBinder
{
    public static void Bind(IConfiguration configuration, WeChatAccessTokenOptions options)
    {
        Read(configuration, nameof(options.AppId), v => options.AppId = v);
        Read(configuration, nameof(options.AppSecret), v => options.AppSecret = v, quote: false);
        Read(configuration, nameof(options.BaseAddress), v => options.BaseAddress = new Uri(v, UriKind.Absolute));
        Read(configuration, nameof(options.Endpoint), v => options.Endpoint = (WeChatAccessTokenEndpoint)Enum.Parse(typeof(WeChatAccessTokenEndpoint), v, ignoreCase: true));
        Read(configuration, nameof(options.RefreshBeforeExpiry), v => options.RefreshBeforeExpiry = TimeSpan.Parse(v, CultureInfo.InvariantCulture));
        Read(configuration, nameof(options.UseDistributedCache), v => options.UseDistributedCache = bool.Parse(v));
        Read(configuration, nameof(options.DistributedCacheKeyPrefix), v => options.DistributedCacheKeyPrefix = v);
    }

    private static void Read(IConfiguration section, string key, Action<string> assign, bool quote = true)
    {
        var value = section[key];
        if (value is null)
        {
            return;
        }

        try
        {
            assign(value);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            var path = section is IConfigurationSection s ? $"{s.Path}:{key}" : key;
            var shown = quote ? $"'{value}'" : "(hidden)";
            throw new InvalidOperationException($"Configuration value {shown} at '{path}' cannot be read as {nameof(WeChatAccessTokenOptions)}.{key}.", quote ? ex : null);
        }
    }
}
