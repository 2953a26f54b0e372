namespace WeChatErrors.Http.Internal;

/// <summary>
/// Tells from a request which product answered: WeCom for a request marked <c>ReadAsWeCom</c> or a host of
/// <see cref="WeChatErrorHandlingOptions.WeComHosts"/>, WeChat for every other. Built once per handler; asked only when a response carries an error.
/// </summary>
internal sealed class ProductResolver
{
    private readonly Entry[] _entries;

    public ProductResolver(IEnumerable<string> weComHosts)
    {
        var entries = new List<Entry>();
        foreach (var text in weComHosts)
        {
            if (TryParse(text, out var entry))
            {
                entries.Add(entry);
            }
        }

        _entries = entries.ToArray();
    }

    /// <summary>Returns the product whose API <paramref name="request"/> calls: WeCom when it is marked so (<c>ReadAsWeCom</c>), else by its URI.</summary>
    public WeChatProduct Resolve(HttpRequestMessage request) =>
        request.IsReadAsWeCom() ? WeChatProduct.WeCom : Resolve(request.RequestUri);

    /// <summary>Returns the product whose API <paramref name="requestUri"/> calls.</summary>
    public WeChatProduct Resolve(Uri? requestUri)
    {
        if (requestUri is null || !requestUri.IsAbsoluteUri || _entries.Length == 0)
        {
            return WeChatProduct.WeChat;
        }

        foreach (var entry in _entries)
        {
            if (entry.Matches(requestUri))
            {
                return WeChatProduct.WeCom;
            }
        }

        return WeChatProduct.WeChat;
    }

    /// <summary>
    /// Reads one entry: a host (<c>qyapi.weixin.qq.com</c>), optionally with a port (<c>127.0.0.1:8080</c>) and a path prefix
    /// (<c>gateway.example.com/qyapi</c>), or the same as an absolute http(s) URI.
    /// </summary>
    /// <returns><see langword="false"/> when the text names no host.</returns>
    internal static bool TryParse(string? text, out Entry entry)
    {
        entry = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text!.Trim();
        var hasScheme = trimmed.IndexOf("://", StringComparison.Ordinal) >= 0;
        if (!Uri.TryCreate(hasScheme ? trimmed : "http://" + trimmed, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Host.Length == 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return false;
        }

        entry = new Entry(uri.Host, uri.IsDefaultPort ? null : uri.Port, uri.AbsolutePath.TrimEnd('/'));
        return true;
    }

    internal readonly struct Entry
    {
        public Entry(string host, int? port, string pathPrefix)
        {
            Host = host;
            Port = port;
            PathPrefix = pathPrefix;
        }

        public string Host { get; }

        public int? Port { get; }

        /// <summary>Gets the path the request path must start with, whole segments only; empty for any path.</summary>
        public string PathPrefix { get; }

        public bool Matches(Uri uri)
        {
            if (!string.Equals(uri.Host, Host, StringComparison.OrdinalIgnoreCase) || (Port is { } port && uri.Port != port))
            {
                return false;
            }

            if (PathPrefix.Length == 0)
            {
                return true;
            }

            var path = uri.AbsolutePath;
            return path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase)
                && (path.Length == PathPrefix.Length || path[PathPrefix.Length] == '/');
        }
    }
}
