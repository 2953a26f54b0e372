using Microsoft.Extensions.Options;

namespace WeChatErrors.Http.Internal;

/// <summary>Checks the data annotations of <see cref="WeChatErrorHandlingOptions"/> and its nested retry options.</summary>
[OptionsValidator]
internal sealed partial class WeChatErrorHandlingOptionsValidator : IValidateOptions<WeChatErrorHandlingOptions>
{
}
