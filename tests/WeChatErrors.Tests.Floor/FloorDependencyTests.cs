using System.Reflection;
using System.Xml.Linq;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace WeChatErrors.Tests;

/// <summary>
/// This project runs the net8.0 build on its floor dependencies: each shipped dependency is loaded at the version
/// Directory.Packages.props ships (the configuration binder at the version WeChatErrors.csproj overrides it with on
/// .NET 8 and later). A test-only package that lifts one of them fails here.
/// </summary>
public sealed class FloorDependencyTests
{
    /// <summary>Each shipped dependency of the net8.0 build, by a type it holds.</summary>
    private static readonly Dictionary<string, Type> Dependencies = new()
    {
        ["Microsoft.Extensions.Http"] = typeof(IHttpClientFactory),
        ["Microsoft.Extensions.Caching.Abstractions"] = typeof(IDistributedCache),
        ["Microsoft.Extensions.Options"] = typeof(IOptions<>),
        ["Microsoft.Extensions.Options.ConfigurationExtensions"] = typeof(ConfigureFromConfigurationOptions<>),
        ["Microsoft.Extensions.Options.DataAnnotations"] = typeof(DataAnnotationValidateOptions<>),
        ["Microsoft.Extensions.Logging.Abstractions"] = typeof(ILogger),
        ["Polly.Core"] = typeof(ResiliencePipeline),
        ["Microsoft.Extensions.Configuration.Binder"] = typeof(ConfigurationBinder),
    };

    public static TheoryData<string> ShippedDependencies() => new(Dependencies.Keys);

    [Theory]
    [MemberData(nameof(ShippedDependencies))]
    public void ShippedDependency_IsLoadedAtItsFloor(string package)
    {
        var assembly = Dependencies[package].Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "(none)";

        Assert.Equal(package, assembly.GetName().Name);
        Assert.Equal(Floor(package), version.Split('+')[0]);
    }

    [Fact]
    public void HttpClientFactory_IsMicrosoftExtensionsHttp800()
    {
        var assembly = typeof(IHttpClientFactory).Assembly;

        Assert.Equal("Microsoft.Extensions.Http", assembly.GetName().Name);
        Assert.Equal(new Version(8, 0, 0, 0), assembly.GetName().Version);
        Assert.StartsWith("8.0.0+", assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion, StringComparison.Ordinal);
    }

    /// <summary>The version the package ships with, read from the repository's build files.</summary>
    private static string Floor(string package)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Directory.Packages.props")))
        {
            root = root.Parent ?? throw new InvalidOperationException("Directory.Packages.props was not found above the test's folder.");
        }

        var library = XDocument.Load(Path.Combine(root.FullName, "src", "WeChatErrors", "WeChatErrors.csproj"));
        var overridden = library.Descendants("PackageReference")
            .Where(r => (string?)r.Attribute("Include") == package && r.Attribute("VersionOverride") is not null)
            .Select(r => (string)r.Attribute("VersionOverride")!)
            .SingleOrDefault();
        return overridden ?? XDocument.Load(Path.Combine(root.FullName, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Single(v => (string?)v.Attribute("Include") == package)
            .Attribute("Version")!.Value;
    }
}
