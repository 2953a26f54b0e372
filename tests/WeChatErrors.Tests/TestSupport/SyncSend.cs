using System.Reflection;
using Xunit.Sdk;

namespace WeChatErrors.Tests;

/// <summary>
/// The synchronous <c>HttpClient.Send</c> reaches the handler only in the net8.0 and net10.0 builds: the netstandard2.0
/// build cannot override <c>HttpMessageHandler.Send</c>, so there HttpClient's own <c>Send</c> runs past it (pinned by
/// <c>NetStandardSyncSendTests</c>). A test of the handler's synchronous path is skipped on that build, never run against
/// a handler that is not there.
/// </summary>
internal static class SyncSend
{
    public const string SkipReason = "the netstandard2.0 build has no synchronous Send: HttpClient.Send passes it by";

    /// <summary>Gets whether <c>HttpClient.Send</c> goes through the loaded build's handler.</summary>
    public static bool IsHandled => !TestedBuild.IsNetStandard;

    /// <summary>Gets the ways of sending a test runs through: asynchronously, and synchronously where the handler has it.</summary>
    public static bool[] Modes => IsHandled ? [false, true] : [false];

    /// <summary>Gets (chunked, sync): a body with and without Content-Length, sent in each of the <see cref="Modes"/>.</summary>
    public static TheoryData<bool, bool> ChunkedAndSync()
    {
        var data = new TheoryData<bool, bool>();
        foreach (var sync in Modes)
        {
            data.Add(false, sync);
            data.Add(true, sync);
        }

        return data;
    }
}

/// <summary>A test of the synchronous path: skipped on the netstandard2.0 build.</summary>
internal sealed class SyncFactAttribute : FactAttribute
{
    public SyncFactAttribute() => Skip = SyncSend.IsHandled ? null : SyncSend.SkipReason;
}

/// <summary>A row of a theory that sends (or reads) synchronously: skipped on the netstandard2.0 build.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class SyncInlineDataAttribute : DataAttribute
{
    private readonly object[] _data;

    public SyncInlineDataAttribute(params object[] data)
    {
        _data = data;
        Skip = SyncSend.IsHandled ? null : SyncSend.SkipReason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [_data];
}
