using System.Text;
using WeChatErrors.Generator;

// Regenerates src/WeChatErrors/Generated/*.g.cs from the catalogs in src/WeChatErrors/ErrorCodes/:
// wechat-error-codes.tsv (WeChatErrorCode) and wecom-error-codes.tsv (WeComErrorCode).
// Usage: dotnet run --project src/WeChatErrors.Generator [-- --check]
//   --check  writes nothing; exits with 1 when a generated file differs from its TSV.
var check = args.Contains("--check", StringComparer.Ordinal);
if (args.Any(a => a != "--check"))
{
    Console.Error.WriteLine("usage: dotnet run --project src/WeChatErrors.Generator [-- --check]");
    return 2;
}

var root = RepositoryRoot.Find(Directory.GetCurrentDirectory()) ?? RepositoryRoot.Find(AppContext.BaseDirectory);
if (root is null)
{
    Console.Error.WriteLine("error: WeChatErrors.sln was not found in the current directory or any parent; run the generator inside the repository.");
    return 2;
}

(string TsvPath, Func<string, IReadOnlyList<GeneratedFile>> Generate)[] catalogs =
[
    (CatalogGenerator.TsvPath, CatalogGenerator.Generate),
    (WeComCatalogGenerator.TsvPath, WeComCatalogGenerator.Generate),
];

var files = new List<GeneratedFile>();
foreach (var (tsvPath, generate) in catalogs)
{
    try
    {
        files.AddRange(generate(File.ReadAllText(Path.Combine(root, tsvPath), Encoding.UTF8)));
    }
    catch (CatalogFormatException ex)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return 1;
    }
}

var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
var stale = 0;
foreach (var file in files)
{
    var path = Path.Combine(root, file.RelativePath);
    var current = File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
    if (current == file.Content)
    {
        Console.WriteLine($"up to date: {file.RelativePath}");
        continue;
    }

    stale++;
    if (check)
    {
        Console.Error.WriteLine($"out of date: {file.RelativePath}");
    }
    else
    {
        File.WriteAllText(path, file.Content, utf8);
        Console.WriteLine($"wrote: {file.RelativePath}");
    }
}

if (check && stale > 0)
{
    Console.Error.WriteLine($"error: {stale} generated file(s) differ from their catalog TSV; run `{CatalogGenerator.Command}`.");
    return 1;
}

return 0;
