using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace WeChatErrors.Http.Internal;

/// <summary>
/// Reads <see cref="WeChatErrorHandlingOptions"/> from configuration without reflection, so binding stays trim- and AOT-safe
/// on every target framework. A value that cannot be read fails with the key and the value in the message.
/// </summary>
internal static class WeChatErrorHandlingOptionsBinder
{
    public static void Bind(IConfiguration configuration, WeChatErrorHandlingOptions options)
    {
        Read(configuration, nameof(options.MaxInspectedBodySize), v => options.MaxInspectedBodySize = long.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture));
        AddAll(configuration.GetSection(nameof(options.LoggedQueryParameters)), options.LoggedQueryParameters, v => v);

        var retry = configuration.GetSection(nameof(options.Retry));
        var r = options.Retry;
        Read(retry, nameof(r.Enabled), v => r.Enabled = bool.Parse(v));
        Read(retry, nameof(r.MaxRetryAttempts), v => r.MaxRetryAttempts = ParseInt(v));
        Read(retry, nameof(r.BaseDelay), v => r.BaseDelay = ParseTimeSpan(v));
        Read(retry, nameof(r.MaxDelay), v => r.MaxDelay = ParseTimeSpan(v));
        Read(retry, nameof(r.UseJitter), v => r.UseJitter = bool.Parse(v));
        Read(retry, nameof(r.MaxRateLimitRetryAttempts), v => r.MaxRateLimitRetryAttempts = ParseInt(v));
        Read(retry, nameof(r.MaxRateLimitWait), v => r.MaxRateLimitWait = ParseTimeSpan(v));
        Read(retry, nameof(r.RateLimitJitter), v => r.RateLimitJitter = ParseTimeSpan(v));
        AddAll(retry.GetSection(nameof(r.AdditionalRetryErrorCodes)), r.AdditionalRetryErrorCodes, ParseInt);
        AddAll(retry.GetSection(nameof(r.NonRetryErrorCodes)), r.NonRetryErrorCodes, ParseInt);
    }

    private static void Read(IConfiguration section, string key, Action<string> assign)
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
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            var path = section is IConfigurationSection s ? $"{s.Path}:{key}" : key;
            throw new InvalidOperationException($"Configuration value '{value}' at '{path}' cannot be read as {nameof(WeChatErrorHandlingOptions)}.{key}.", ex);
        }
    }

    private static void AddAll<T>(IConfigurationSection section, ISet<T> target, Func<string, T> parse)
    {
        foreach (var child in section.GetChildren())
        {
            Read(section, child.Key, v => target.Add(parse(v)));
        }
    }

    private static int ParseInt(string value) => int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static TimeSpan ParseTimeSpan(string value) => TimeSpan.Parse(value, CultureInfo.InvariantCulture);
}
