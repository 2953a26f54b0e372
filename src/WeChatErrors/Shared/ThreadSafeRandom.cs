
namespace WeChatErrors.Shared;

internal static class ThreadSafeRandom
{
#if NET6_0_OR_GREATER
    public static double NextDouble() => Random.Shared.NextDouble();
#else
    [ThreadStatic]
    private static Random? _random;

    public static double NextDouble() => (_random ??= new Random(Guid.NewGuid().GetHashCode())).NextDouble();
#endif
}
