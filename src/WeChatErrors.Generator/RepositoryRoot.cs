namespace WeChatErrors.Generator;

/// <summary>Finds the repository root: the nearest folder that contains <c>WeChatErrors.sln</c>.</summary>
public static class RepositoryRoot
{
    /// <summary>The file that marks the repository root.</summary>
    public const string MarkerFile = "WeChatErrors.sln";

    /// <summary>Walks up from <paramref name="startDirectory"/> to the first folder that contains <see cref="MarkerFile"/>.</summary>
    /// <param name="startDirectory">The folder to start from.</param>
    /// <returns>The full path of the root, or <see langword="null"/> when no parent holds the marker.</returns>
    public static string? Find(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, MarkerFile)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
