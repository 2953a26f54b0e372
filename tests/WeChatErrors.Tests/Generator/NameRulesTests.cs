using WeChatErrors.Generator;

namespace WeChatErrors.Tests.Generator;

public class NameRulesTests
{
    [Theory]
    [InlineData("MediaUsedInIvrOrMenuCannotBeDeleted")]
    [InlineData("ShelfComponentsCountGreaterThan20")]
    [InlineData("ApiUnsupportedSince2020")]
    [InlineData("InvalidMd5")]
    [InlineData("WeChatPayNotOpen")]
    [InlineData("MiniProgramNotBound")]
    [InlineData("InvalidOrExpiredAuthToken")]
    public void Check_WholeName_HasNoProblem(string name)
    {
        Assert.Null(NameRules.Check(name, note: string.Empty));
    }

    [Theory]
    [InlineData("MediaAppliedInIvrOrMenuCan", "ends with 'Can'")]
    [InlineData("UserNotExistOrUserCannotBe", "ends with 'Be'")]
    [InlineData("AllProductBeenRefundedOrderCan", "ends with 'Can'")]
    [InlineData("AccountIsNot", "ends with 'Not'")]
    [InlineData("ReplyWith", "ends with 'With'")]
    [InlineData("ThereHave", "ends with 'Have'")]
    [InlineData("WithoutUploadVideoAbilityAbilityBanned", "repeats the word 'Ability'")]
    [InlineData("InvalidCodeCodeConsumed", "repeats the word 'Code'")]
    [InlineData("NotSameAppIdWithAppIdOfToken", "repeats the words 'AppId'")]
    [InlineData("ParamsNotJsonOrNotJsonArray", "repeats the words 'NotJson'")]
    [InlineData("WechatPayNotOpen", "spells 'Wechat'")]
    [InlineData("MiniprogramNotBound", "spells 'Miniprogram'")]
    [InlineData("WeappNotBound", "spells 'Weapp'")]
    [InlineData("WeAppNotBound", "spells 'WeApp'")]
    [InlineData("InvalidTemplateId2", "number suffix '2'")]
    public void Check_BrokenName_NamesTheRule(string name, string expected)
    {
        var problem = NameRules.Check(name, note: string.Empty);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NumberSuffixWithNote_IsAllowed()
    {
        Assert.Null(NameRules.Check("InvalidTemplateId2", "Same errmsg as 40037; nothing documented distinguishes them."));
    }

    [Fact]
    public void Words_SplitsWordsAndNumbers()
    {
        Assert.Equal(["Max", "Count", "20", "Md", "5"], NameRules.Words("MaxCount20Md5"));
    }
}
