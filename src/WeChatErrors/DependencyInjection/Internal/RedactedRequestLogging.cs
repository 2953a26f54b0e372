using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WeChatErrors.Http.Logging;

namespace WeChatErrors.DependencyInjection.Internal;

/// <summary>
/// Replaces a WeChat client's HttpClientFactory request logging with <see cref="RedactingHttpClientLogger"/>, once per client.
/// </summary>
internal static class RedactedRequestLogging
{
    /// <summary>
    /// Removes the loggers of the client registered so far (the factory's defaults and any added before) and adds the
    /// redacting ones around the pipeline and around the primary handler. Loggers added after this call stay.
    /// </summary>
    public static void Use(IHttpClientBuilder builder)
    {
        var name = builder.Name;
        if (builder.Services.Any(d => d.ImplementationInstance is Marker m && m.ClientName == name))
        {
            return;
        }

        builder.Services.AddSingleton(new Marker(name));
        builder.RemoveAllLoggers()
            .AddLogger(services => Create(services, name, logicalLevel: true), wrapHandlersPipeline: true)
            .AddLogger(services => Create(services, name, logicalLevel: false), wrapHandlersPipeline: false);
    }

    private static IHttpClientLogger Create(IServiceProvider services, string name, bool logicalLevel)
    {
        var loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var category = $"System.Net.Http.HttpClient.{name}.{(logicalLevel ? "LogicalHandler" : "ClientHandler")}";
        var allowed = services.GetService<IOptionsMonitor<WeChatErrorHandlingOptions>>()?.Get(name).LoggedQueryParameters;
        return new RedactingHttpClientLogger(
            loggerFactory.CreateLogger(category),
            logicalLevel,
            allowed is null ? null : new HashSet<string>(allowed, StringComparer.OrdinalIgnoreCase));
    }

    private sealed class Marker
    {
        public Marker(string clientName) => ClientName = clientName;

        public string ClientName { get; }
    }
}
