using WeChatErrors.Generator;

namespace WeChatErrors.Tests;

/// <summary>Finds files of the repository the tests run in.</summary>
internal static class TestRepository
{
    private static readonly Lazy<string> LazyRoot = new(() =>
        RepositoryRoot.Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"{RepositoryRoot.MarkerFile} was not found above {AppContext.BaseDirectory}."));

    public static string Root => LazyRoot.Value;

    public static string ReadText(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    /// <summary>Reads <c>wechat-error-codes.tsv</c> through the generator's parser.</summary>
    public static IReadOnlyList<CatalogEntry> Catalog() => CatalogParser.Parse(ReadText(CatalogGenerator.TsvPath));
}
