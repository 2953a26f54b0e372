using Polly;

namespace WeChatErrors.Http.Internal;

/// <summary>
/// A call whose first attempt ended in an error that the pipeline handles (a retry or the token recovery): it runs the
/// handler's pipeline from that outcome. The first attempt ran outside the pipeline, through the same attempt code, so that a
/// call that succeeds at once pays for no pipeline; the pipeline's first callback therefore hands it the outcome of that attempt.
/// </summary>
internal sealed class PipelineCall
{
    private readonly Func<HttpRequestMessage, int, bool, CancellationToken, ValueTask<Outcome<HttpResponseMessage>>> _attempt;
    private readonly HttpRequestMessage _request;
    private Outcome<HttpResponseMessage>? _first;

    /// <summary>The WeChat error of the latest attempt; in the non-throwing mode <see cref="HeldResponses"/> holds that attempt's response for it.</summary>
    private WeChatApiException? _latest;

    private PipelineCall(Func<HttpRequestMessage, int, bool, CancellationToken, ValueTask<Outcome<HttpResponseMessage>>> attempt, HttpRequestMessage request, Outcome<HttpResponseMessage> first)
    {
        _attempt = attempt;
        _request = request;
        _first = first;
    }

    /// <summary>Runs <paramref name="pipeline"/>; returns its outcome, and whether a final WeChat error is this call's own to report.</summary>
    /// <param name="pipeline">The handler's pipeline.</param>
    /// <param name="attempt">The attempt: sends <c>request</c> once as attempt number <c>n</c>, asynchronously or not.</param>
    /// <param name="request">The request.</param>
    /// <param name="first">The outcome of the first attempt.</param>
    /// <param name="async">Whether to run asynchronously; otherwise Polly's synchronous execution runs it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static async ValueTask<(Outcome<HttpResponseMessage> Outcome, bool OwnError)> RunAsync(
        ResiliencePipeline<HttpResponseMessage> pipeline,
        Func<HttpRequestMessage, int, bool, CancellationToken, ValueTask<Outcome<HttpResponseMessage>>> attempt,
        HttpRequestMessage request,
        Outcome<HttpResponseMessage> first,
        bool async,
        CancellationToken cancellationToken)
    {
        var call = new PipelineCall(attempt, request, first);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            CallProgress.Start(context, request, synchronous: !async);
            var outcome = async
                ? await pipeline.ExecuteOutcomeAsync(static (ctx, c) => c.NextAsync(ctx, async: true), context, call).ConfigureAwait(false)
                : call.ExecuteSynchronously(pipeline, context);

            // The pipeline ended on something else than the latest attempt's error (a failed refresh, a cancelled delay): that
            // attempt's response is nobody's answer.
            if (!ReferenceEquals(outcome.Exception, call._latest))
            {
                HeldResponses.Release(call._latest);
            }

            // After a failed refresh the error is the token client's, which has reported it.
            return (outcome, CallProgress.Peek(context)?.TokenRefreshFailed != true);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<Outcome<HttpResponseMessage>> NextAsync(ResilienceContext context, bool async)
    {
        if (_first is { } first)
        {
            _first = null;
            _latest = first.Exception as WeChatApiException;
            return first;
        }

        // A resend (a retry or the token recovery): the response of the attempt before is not the answer.
        HeldResponses.Release(_latest);
        var outcome = await _attempt(_request, CallProgress.AttemptOf(context), async, context.CancellationToken).ConfigureAwait(false);
        _latest = outcome.Exception as WeChatApiException;
        return outcome;
    }

    private Outcome<HttpResponseMessage> ExecuteSynchronously(ResiliencePipeline<HttpResponseMessage> pipeline, ResilienceContext context)
    {
        try
        {
            return Outcome.FromResult(pipeline.Execute(
                static (ctx, c) =>
                {
                    var outcome = c.NextAsync(ctx, async: false).GetAwaiter().GetResult();
                    outcome.ThrowIfException();
                    return outcome.Result!;
                },
                context,
                this));
        }
        catch (Exception ex)
        {
            return Outcome.FromException<HttpResponseMessage>(ex);
        }
    }
}
