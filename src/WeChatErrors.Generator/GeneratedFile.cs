namespace WeChatErrors.Generator;

/// <summary>One file produced by <see cref="CatalogGenerator"/>.</summary>
/// <param name="RelativePath">The path relative to the repository root, with '/' separators.</param>
/// <param name="Content">The full text, with '\n' line endings.</param>
public sealed record GeneratedFile(string RelativePath, string Content);
