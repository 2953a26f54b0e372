using System.Reflection;
using System.Runtime.Versioning;

namespace WeChatErrors.Tests;

/// <summary>
/// Which of the package's builds this test run loaded, and which one its project meant to load: the projects name it in
/// the assembly metadata <c>WeChatErrors.ExpectedBuild</c> (net10.0, net8.0 or netstandard2.0).
/// </summary>
internal static class TestedBuild
{
    private static readonly Assembly Library = typeof(WeChatErrorHandler).Assembly;

    /// <summary>Gets the target framework the loaded WeChatErrors assembly was compiled for, as its attribute names it.</summary>
    public static string LoadedFramework => Library.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName ?? "(none)";

    /// <summary>Gets the build the test project references, from its assembly metadata.</summary>
    public static string Expected => typeof(TestedBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .SingleOrDefault(a => a.Key == "WeChatErrors.ExpectedBuild")?.Value
        ?? throw new InvalidOperationException("the test project names no WeChatErrors.ExpectedBuild");

    /// <summary>Gets whether the netstandard2.0 build is loaded: it has no synchronous <c>Send</c> of its own.</summary>
    public static bool IsNetStandard => LoadedFramework.StartsWith(".NETStandard,", StringComparison.Ordinal);

    /// <summary>
    /// Gets whether the build sets <see cref="HttpRequestException.HttpRequestError"/> on a body that breaks off: that
    /// property came with .NET 8, and the netstandard2.0 build is what apps on earlier runtimes get.
    /// </summary>
    public static bool SetsHttpRequestError => !IsNetStandard;

    public static string Describe() => $"WeChatErrors {LoadedFramework} on .NET {Environment.Version}";
}
