namespace WeChatErrors.Tests;

public class SmokeTests
{
    [Fact]
    public void Kind_Default_IsOther() => Assert.Equal(WeChatErrorKind.Other, default(WeChatErrorKind));
}
