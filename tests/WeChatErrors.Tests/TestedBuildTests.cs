namespace WeChatErrors.Tests;

/// <summary>A project that meant to test one build of the package and loaded another fails here, not silently.</summary>
public sealed class TestedBuildTests
{
    [Fact]
    public void LoadedBuild_IsTheOneTheProjectReferences_OnItsRuntime()
    {
        var (framework, runtime) = TestedBuild.Expected switch
        {
            "net10.0" => (".NETCoreApp,Version=v10.0", 10),
            "net8.0" => (".NETCoreApp,Version=v8.0", 8),
            "netstandard2.0" => (".NETStandard,Version=v2.0", 10),
            var other => throw new InvalidOperationException($"unknown build {other}"),
        };

        Assert.Equal(framework, TestedBuild.LoadedFramework);
        Assert.Equal(runtime, Environment.Version.Major);
    }
}
