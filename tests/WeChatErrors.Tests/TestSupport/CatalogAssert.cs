using WeChatErrors.Generator;

namespace WeChatErrors.Tests.TestSupport;

/// <summary>The guards both catalogs (WeChat and WeCom) share.</summary>
internal static class CatalogAssert
{
    /// <summary>Asserts that every generated file exists in the repository with exactly the generated text.</summary>
    public static void MatchesCheckedIn(IReadOnlyList<GeneratedFile> files, string tsvPath)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(TestRepository.Root, file.RelativePath);
            Assert.True(File.Exists(path), $"{file.RelativePath} is missing. Run `{CatalogGenerator.Command}` and commit the result.");

            // Only CRLF is normalized, in case git converted line endings on checkout.
            var checkedIn = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
            Assert.True(
                checkedIn == file.Content,
                $"{file.RelativePath} is out of date with {tsvPath}. Run `{CatalogGenerator.Command}` and commit the result.");
        }
    }

    /// <summary>Runs <paramref name="lookups"/> once to warm up (JIT, culture data), then asserts that a second run allocates nothing.</summary>
    /// <param name="lookups">The lookups, run for a number of iterations; returns a sum that keeps the work from being dropped.</param>
    public static void AllocatesNothing(Func<int, int> lookups)
    {
        lookups(1_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sink = lookups(1_000);
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(0, after - before);
        Assert.NotEqual(0, sink);
    }
}
