using System.Runtime.CompilerServices;

namespace WeChatErrors.Shared;

/// <summary>
/// <c>ArgumentNullException.ThrowIfNull</c> for every target framework (netstandard2.0 lacks it).
/// </summary>
internal static class ArgumentNullExceptionShim
{
    public static void ThrowIfNull([System.Diagnostics.CodeAnalysis.NotNull] object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
    {
        if (argument is null)
        {
            throw new ArgumentNullException(paramName);
        }
    }
}
