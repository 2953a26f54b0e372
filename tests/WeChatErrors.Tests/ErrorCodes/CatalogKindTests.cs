namespace WeChatErrors.Tests.ErrorCodes;

/// <summary>Spot checks of the kind rules in <c>src/WeChatErrors/ErrorCodes/README.md</c>: each row is what the rule says.</summary>
public class CatalogKindTests
{
    [Theory]
    [InlineData(-1, WeChatErrorKind.Transient)]                 // 系统繁忙
    [InlineData(268488001, WeChatErrorKind.Transient)]          // system busy, please try later
    [InlineData(9001002, WeChatErrorKind.Transient)]            // 远端服务不可用
    [InlineData(46007, WeChatErrorKind.Transient)]              // 文件正在转码，请稍后再试
    [InlineData(61503, WeChatErrorKind.Transient)]              // 数据尚未就绪，请稍后再试
    [InlineData(73107, WeChatErrorKind.Transient)]              // 正在处理中，请稍后查询
    [InlineData(45011, WeChatErrorKind.RateLimit)]              // per-minute limit, refused before it ran
    [InlineData(45066, WeChatErrorKind.RateLimit)]              // same clientmsgid retried too fast (a dedup guard too)
    [InlineData(45009, WeChatErrorKind.DailyQuota)]             // daily quota
    [InlineData(48006, WeChatErrorKind.DailyQuota)]             // clear_quota chances of the month used up
    [InlineData(89405, WeChatErrorKind.DailyQuota)]             // 本月加急额度已用完: a monthly allowance joins DailyQuota
    [InlineData(45028, WeChatErrorKind.DailyQuota)]             // 没有群发配额
    [InlineData(40001, WeChatErrorKind.AccessToken)]
    [InlineData(40014, WeChatErrorKind.AccessToken)]
    [InlineData(42001, WeChatErrorKind.AccessToken)]
    [InlineData(40164, WeChatErrorKind.IpNotWhitelisted)]
    [InlineData(61004, WeChatErrorKind.IpNotWhitelisted)]
    [InlineData(89501, WeChatErrorKind.IpNotWhitelisted)]
    [InlineData(40013, WeChatErrorKind.Configuration)]
    [InlineData(40243, WeChatErrorKind.Configuration)]          // AppSecret frozen
    [InlineData(48001, WeChatErrorKind.Permission)]
    [InlineData(43001, WeChatErrorKind.InvalidRequest)]         // 需要 GET 请求
    [InlineData(43002, WeChatErrorKind.InvalidRequest)]         // 需要 POST 请求
    [InlineData(43003, WeChatErrorKind.InvalidRequest)]         // 需要 HTTPS 请求
    [InlineData(45016, WeChatErrorKind.InvalidRequest)]         // 系统分组，不允许修改
    [InlineData(48021, WeChatErrorKind.InvalidRequest)]         // 自动保存的草稿无法预览/发送
    [InlineData(40155, WeChatErrorKind.InvalidRequest)]         // 请勿添加其他公众号的主页链接
    [InlineData(45007, WeChatErrorKind.InvalidRequest)]         // a length limit, not a timeout
    [InlineData(45065, WeChatErrorKind.InvalidRequest)]         // clientmsgid already mass-sent
    [InlineData(46001, WeChatErrorKind.NotFound)]
    [InlineData(43004, WeChatErrorKind.RecipientState)]
    [InlineData(45015, WeChatErrorKind.RecipientState)]         // outside the 48-hour window
    public void Kind_OfCode_FollowsTheKindRules(int code, WeChatErrorKind expected)
    {
        Assert.True(WeChatErrorCodes.TryGetInfo(code, out var info), $"{code} is not in the catalog");
        Assert.Equal(expected, info.Kind);
    }

    [Fact]
    public void Kind_Success_IsOnlyCodeZero()
    {
        var success = Enum.GetValues<WeChatErrorCode>().Where(c => WeChatErrorCodes.TryGetInfo((int)c, out var i) && i.Kind == WeChatErrorKind.Success);
        Assert.Equal([WeChatErrorCode.Success], success);
    }

    [Fact]
    public void Kind_UsedUpMonthlyAllowance_IsDailyQuotaEverywhere()
    {
        // The monthly-quota rule: a monthly allowance (本月, 每月, 每个月, 一个月) that is used up or at its limit is DailyQuota,
        // whatever the API: the caller stops until it resets.
        string[] month = ["本月", "每月", "每个月", "一个月"];
        string[] usedUp = ["用完", "上限", "超过"];
        var rows = TestRepository.Catalog()
            .Where(r => month.Any(m => r.Chinese.Contains(m, StringComparison.Ordinal)) && usedUp.Any(u => r.Chinese.Contains(u, StringComparison.Ordinal)))
            .ToList();
        Assert.True(rows.Count >= 8, $"only {rows.Count} monthly-allowance rows found; the search no longer matches the data");
        var offenders = rows
            .Where(r => r.Kind != nameof(WeChatErrorKind.DailyQuota))
            .Select(r => $"{r.Code} {r.Kind} {r.Chinese}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }
}
