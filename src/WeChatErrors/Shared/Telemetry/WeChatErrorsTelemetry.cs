using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WeChatErrors.Shared.Telemetry;

/// <summary>
/// Logs, metrics and trace tags of one handler. Every value written here comes from a <see cref="WeChatApiException"/>,
/// whose URL and message are already redacted.
/// </summary>
internal sealed class WeChatErrorsTelemetry
{
    public const string MeterName = "WeChatErrors";
    public const string ErrorsInstrumentName = "wechat.client.errors";
    public const string RetriesInstrumentName = "wechat.client.retries";
    public const string ErrorCodeTag = "wechat.errcode";
    public const string ErrorKindTag = "wechat.error_kind";
    public const string RequestIdTag = "wechat.rid";

    /// <summary>The tag that marks a WeCom error (value <see cref="WeComProductValue"/>); WeChat errors carry none, as before WeCom.</summary>
    public const string ProductTag = "wechat.product";
    public const string WeComProductValue = "wecom";

    private static readonly Meter SharedMeter = new(MeterName);

    private readonly ILogger _logger;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _retries;

    public WeChatErrorsTelemetry(ILogger? logger, IMeterFactory? meterFactory)
    {
        _logger = logger ?? NullLogger.Instance;
        var meter = meterFactory?.Create(MeterName) ?? SharedMeter;
        _errors = meter.CreateCounter<long>(ErrorsInstrumentName, unit: "{error}", description: "WeChat API responses that carried a non-zero errcode.");
        _retries = meter.CreateCounter<long>(RetriesInstrumentName, unit: "{retry}", description: "Requests sent again after a WeChat error.");
    }

    // "(rid none)" in a log line of a response without a rid; the activity tag stays absent instead.
    private static string RequestIdText(WeChatApiException exception) => exception.RequestId ?? "none";

    public void ErrorReceived(WeChatApiException exception)
    {
        if (_errors.Enabled)
        {
            Count(_errors, exception);
        }
    }

    public void Retrying(WeChatApiException exception, TimeSpan delay)
    {
        if (_retries.Enabled)
        {
            Count(_retries, exception);
        }

        WeChatErrorsLog.Retrying(_logger, exception.Product, exception.Details.Code, exception.Kind, exception.Attempts, exception.RequestMethod, exception.RequestUri, RequestIdText(exception), delay);
    }

    /// <summary>Records a request sent again with a new access token after a token error (a retry like the others).</summary>
    public void TokenRefreshed(WeChatApiException exception, string appId)
    {
        if (_retries.Enabled)
        {
            Count(_retries, exception);
        }

        WeChatErrorsLog.TokenRefreshed(_logger, exception.Product, exception.Details.Code, exception.Kind, exception.Attempts, exception.RequestMethod, exception.RequestUri, RequestIdText(exception), appId);
    }

    public void Failed(WeChatApiException exception)
    {
        var activity = Activity.Current;
        if (activity is not null)
        {
            activity.SetTag(ErrorCodeTag, exception.Details.Code);
            activity.SetTag(ErrorKindTag, exception.Kind.ToString());
            if (exception.Product == WeChatProduct.WeCom)
            {
                activity.SetTag(ProductTag, WeComProductValue);
            }
            if (exception.RequestId is not null)
            {
                activity.SetTag(RequestIdTag, exception.RequestId);
            }
        }

        if (exception.Kind is WeChatErrorKind.RateLimit or WeChatErrorKind.RecipientState or WeChatErrorKind.NotFound)
        {
            WeChatErrorsLog.FailedExpected(_logger, exception.Product, exception.Details.Code, exception.Kind, exception.Attempts, exception.RequestMethod, exception.RequestUri, RequestIdText(exception), exception.ErrorMessage);
        }
        else
        {
            WeChatErrorsLog.Failed(_logger, exception.Product, exception.Details.Code, exception.Kind, exception.Attempts, exception.RequestMethod, exception.RequestUri, RequestIdText(exception), exception.ErrorMessage);
        }
    }

    private static void Count(Counter<long> counter, WeChatApiException exception)
    {
        if (exception.Product == WeChatProduct.WeCom)
        {
            counter.Add(1, CodeTag(exception), KindTag(exception), new KeyValuePair<string, object?>(ProductTag, WeComProductValue));
        }
        else
        {
            counter.Add(1, CodeTag(exception), KindTag(exception));
        }
    }

    private static KeyValuePair<string, object?> CodeTag(WeChatApiException exception) => new(ErrorCodeTag, exception.Details.Code);

    private static KeyValuePair<string, object?> KindTag(WeChatApiException exception) => new(ErrorKindTag, exception.Kind.ToString());
}
