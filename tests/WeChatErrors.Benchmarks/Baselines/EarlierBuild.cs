#if EARLIER_BUILD
extern alias earlier;
#endif

namespace WeChatErrors.Benchmarks.Baselines;

/// <summary>
/// The handler of an earlier build of the library, renamed <c>WeChatErrors.EarlierBuild</c> and referenced under the alias
/// <c>baseline</c> when the benchmarks are built with <c>-p:EarlierBuildAssembly=...</c> (see <c>eng/profile-against.sh</c>), so
/// that before and after run side by side in one process. Without it, the baseline cases are left out.
/// </summary>
internal static class EarlierBuild
{
#if EARLIER_BUILD
    public static bool IsAvailable => true;

    public static DelegatingHandler Create() => new earlier::WeChatErrors.WeChatErrorHandler();

    public static bool TryGetCode(Exception exception, out int code)
    {
        code = exception is earlier::WeChatErrors.WeChatApiException error ? (int)error.RawErrorCode : 0;
        return code != 0;
    }
#else
    public static bool IsAvailable => false;

    public static DelegatingHandler Create() => throw new InvalidOperationException("Built without an earlier build: run eng/profile-against.sh.");

    public static bool TryGetCode(Exception exception, out int code)
    {
        code = 0;
        return false;
    }
#endif
}
