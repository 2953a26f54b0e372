using System.Text;
using WeChatErrors.Detection;

namespace WeChatErrors.Tests.Detection;

public sealed class WeChatErrorBodyTests
{
    [Theory]
    [InlineData("""{"errcode":40001,"errmsg":"invalid credential"}""", 40001L, "invalid credential")]
    [InlineData("""{"errmsg":"invalid credential","errcode":40001}""", 40001L, "invalid credential")]
    [InlineData("""{"a":{"errcode":1,"errmsg":"nested"},"errcode":-1,"b":[{"errcode":2}],"errmsg":"system error"}""", -1L, "system error")]
    [InlineData("""{"errcode":"40001","errmsg":"string code"}""", 40001L, "string code")]
    [InlineData("""{"errcode":"-1"}""", -1L, null)]
    [InlineData("""{"errcode":40001.0,"errmsg":"integral float"}""", 40001L, "integral float")]
    [InlineData("""{"errcode":4.0001e4}""", 40001L, null)]
    [InlineData("""{"errcode":400010e-1}""", 40001L, null)]
    [InlineData("""{"errcode":3000000000}""", 3000000000L, null)]
    [InlineData("""{"errcode":-9223372036854775808}""", long.MinValue, null)]
    [InlineData("""{"errcode":9223372036854775807}""", long.MaxValue, null)]
    [InlineData("""{"errcode":1,"errcode":45011,"errmsg":"first","errmsg":"last"}""", 45011L, "last")]
    [InlineData("""{"err\u0063ode":40014,"errms\u0067":"esc\u0061ped \"quoted\""}""", 40014L, "escaped \"quoted\"")]
    [InlineData("{\n  \"errcode\" : 42001 ,\n  \"errmsg\" : \"access_token expired\"\n}\n", 42001L, "access_token expired")]
    [InlineData("""{"errcode":40001,"errmsg":null}""", 40001L, null)]
    [InlineData("""{"errcode":40001,"errmsg":123}""", 40001L, null)]
    [InlineData("""{"errcode":40001,"errmsg":"kept","errmsg":{"x":1}}""", 40001L, "kept")]
    [InlineData("""{"errcode":40001,"errmsg":"中文 rid: 60882f1f-676dc618-710dc5ca"}""", 40001L, "中文 rid: 60882f1f-676dc618-710dc5ca")]
    [InlineData("""{"msgid":1253912252621750272,"errcode":43004,"errmsg":"require subscribe"}""", 43004L, "require subscribe")]
    [InlineData("""{"errcode":"\u0034\u0030\u0030\u0030\u0031"}""", 40001L, null)]
    public void Parse_ErrorBody_ReturnsError(string json, long expectedCode, string? expectedMessage)
    {
        WeChatErrorBody body = WeChatErrorBody.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(WeChatErrorBodyStatus.Error, body.Status);
        Assert.Equal(expectedCode, body.RawErrorCode);
        Assert.False(body.IsOutOfRange);
        Assert.Null(body.RawErrorCodeText);
        Assert.Equal(expectedMessage, body.ErrorMessage);
        Assert.Equal((int)Math.Clamp(expectedCode, int.MinValue, int.MaxValue), body.ErrorCode);
    }

    [Theory]
    [InlineData("""{"errcode":0,"errmsg":"ok"}""")]
    [InlineData("""{"errcode":0}""")]
    [InlineData("""{"errcode":"0","errmsg":""}""")]
    [InlineData("""{"errcode":-0}""")]
    [InlineData("""{"errcode":0.0e5}""")]
    [InlineData("""{"errcode":40001,"errcode":0}""")]
    [InlineData("""{"access_token":"ACCESS_TOKEN","expires_in":7200}""")]
    [InlineData("""{"resp":[{"errcode":40001,"errmsg":"nested only"}]}""")]
    [InlineData("""{"base_resp":{"errcode":-1}}""")]
    [InlineData("""{"total":0,"count":0}""")]
    [InlineData("""{"msgid":1253912252621750272,"errcode":0,"errmsg":"ok"}""")]
    [InlineData("{}")]
    [InlineData("  {  }  ")]
    public void Parse_SuccessBody_ReturnsSuccess(string json)
    {
        WeChatErrorBody body = WeChatErrorBody.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(WeChatErrorBodyStatus.Success, body.Status);
        Assert.Equal(0, body.RawErrorCode);
        Assert.Null(body.ErrorMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    [InlineData("40001")]
    [InlineData("\"errcode\"")]
    [InlineData("""[{"errcode":40001}]""")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("""{"errcode":40001,"errmsg":"truncated""")]
    [InlineData("""{"errcode":40001,""")]
    [InlineData("""{"errcode":40001}}""")]
    [InlineData("""{"errcode":40001} {"errcode":1}""")]
    [InlineData("""{"errcode":40001,}""")]
    [InlineData("""{errcode:40001}""")]
    [InlineData("""{"errcode":40001 /* comment */}""")]
    [InlineData("""{"errcode":40001.5}""")]
    [InlineData("""{"errcode":4.00015e4}""")]
    [InlineData("""{"errcode":1e-400}""")]
    [InlineData("""{"errcode":true}""")]
    [InlineData("""{"errcode":null}""")]
    [InlineData("""{"errcode":{"value":40001}}""")]
    [InlineData("""{"errcode":[40001]}""")]
    [InlineData("""{"errcode":"abc"}""")]
    [InlineData("""{"errcode":""}""")]
    [InlineData("""{"errcode":"40001.0"}""")]
    [InlineData("""{"errcode":" 40001"}""")]
    [InlineData("""{"errcode":"+40001"}""")]
    [InlineData("""{"errcode":false,"errcode":40001}""")]
    [InlineData("""{"errcode":40001,"errmsg":"bad \ud800 escape \x"}""")]
    public void Parse_UnreadableBody_ReturnsNotReadable(string json)
    {
        WeChatErrorBody body = WeChatErrorBody.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(WeChatErrorBodyStatus.NotReadable, body.Status);
        Assert.Null(body.ErrorMessage);
    }

    [Fact]
    public void Parse_InvalidUtf8InErrMsg_IsNotReadable()
    {
        byte[] json = [.. "{\"errcode\":40001,\"errmsg\":\"gbk "u8, 0xC3, 0x28, .. "\"}"u8];

        WeChatErrorBody body = WeChatErrorBody.Parse(json);

        Assert.Equal(WeChatErrorBodyStatus.NotReadable, body.Status);
    }

    [Fact]
    public void Parse_InvalidUtf8InAnotherMember_IsNotReadable()
    {
        byte[] json = [.. "{\"x\":\""u8, 0xFF, .. "\",\"errcode\":40001,\"errmsg\":\"ok\"}"u8];

        WeChatErrorBody body = WeChatErrorBody.Parse(json);

        Assert.Equal(WeChatErrorBodyStatus.NotReadable, body.Status);
    }

    [Fact]
    public void Parse_Bom_IsSkipped()
    {
        byte[] json = [0xEF, 0xBB, 0xBF, .. """{"errcode":40164,"errmsg":"invalid ip"}"""u8];

        WeChatErrorBody body = WeChatErrorBody.Parse(json);

        Assert.Equal(WeChatErrorBodyStatus.Error, body.Status);
        Assert.Equal(40164, body.RawErrorCode);
    }

    [Fact]
    public void Parse_OnlyBom_ReturnsNotReadable()
    {
        Assert.Equal(WeChatErrorBodyStatus.NotReadable, WeChatErrorBody.Parse([0xEF, 0xBB, 0xBF]).Status);
    }

    [Theory]
    [InlineData("99999999999999999999", long.MaxValue)]
    [InlineData("-99999999999999999999", long.MinValue)]
    [InlineData("9223372036854775808", long.MaxValue)]
    [InlineData("-9223372036854775809", long.MinValue)]
    [InlineData("1e30", long.MaxValue)]
    [InlineData("-1.5e400", long.MinValue)]
    [InlineData("123456789012345678901234567890.000", long.MaxValue)]
    public void Parse_BeyondInt64_ReportsOutOfRangeWithDigits(string number, long expectedClamp)
    {
        WeChatErrorBody body = WeChatErrorBody.Parse(Encoding.UTF8.GetBytes($$"""{"errcode":{{number}},"errmsg":"huge"}"""));

        Assert.Equal(WeChatErrorBodyStatus.Error, body.Status);
        Assert.True(body.IsOutOfRange);
        Assert.Equal(expectedClamp, body.RawErrorCode);
        Assert.Equal(number, body.RawErrorCodeText);
        Assert.Equal(expectedClamp > 0 ? int.MaxValue : int.MinValue, body.ErrorCode);
        Assert.Equal("huge", body.ErrorMessage);
    }

    [Fact]
    public void Parse_StringBeyondInt64_ReportsOutOfRange()
    {
        WeChatErrorBody body = WeChatErrorBody.Parse("""{"errcode":"123456789012345678901234567890"}"""u8);

        Assert.Equal(WeChatErrorBodyStatus.Error, body.Status);
        Assert.True(body.IsOutOfRange);
        Assert.Equal("123456789012345678901234567890", body.RawErrorCodeText);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    public void Parse_NestedWithinLimit_ReadsTopLevel(int depth)
    {
        string json = "{\"deep\":" + new string('[', depth) + new string(']', depth) + ",\"errcode\":-1}";

        WeChatErrorBody body = WeChatErrorBody.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(WeChatErrorBodyStatus.Error, body.Status);
        Assert.Equal(-1, body.RawErrorCode);
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public void Parse_VeryDeepNesting_ReturnsNotReadable(int depth)
    {
        string json = "{\"errcode\":40001,\"deep\":" + new string('[', depth) + new string(']', depth) + "}";

        WeChatErrorBody body = WeChatErrorBody.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(WeChatErrorBodyStatus.NotReadable, body.Status);
    }

    [Fact]
    public void Parse_LongErrMsg_ReturnsItWhole()
    {
        string message = new('x', 100_000);

        WeChatErrorBody body = WeChatErrorBody.Parse(Encoding.UTF8.GetBytes($$"""{"errcode":1,"errmsg":"{{message}}"}"""));

        Assert.Equal(message, body.ErrorMessage);
    }

    [Theory]
    [InlineData(int.MaxValue + 1L, int.MaxValue)]
    [InlineData(int.MinValue - 1L, int.MinValue)]
    [InlineData(5L, 5)]
    public void ClampToInt32_Value_NeverWraps(long value, int expected)
    {
        Assert.Equal(expected, WeChatErrorBody.ClampToInt32(value));
    }

    [Fact]
    public void Parse_ErrMsgWithLoneSurrogateEscape_StillAnError()
    {
        WeChatErrorBody body = WeChatErrorBody.Parse("""{"errcode":-1,"errmsg":"broken \ud800 text"}"""u8);

        Assert.Equal(WeChatErrorBodyStatus.Error, body.Status);
        Assert.Equal(-1, body.RawErrorCode);
        Assert.Equal("broken \\ud800 text", body.ErrorMessage);
    }

    [Fact]
    public void Parse_SuccessBody_AllocatesNothing()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"errmsg":"ok","errcode":0,"msgid":1253912252621750272,"data":{"openid":["o1","o2"],"errcode":40001}}""");
        WeChatErrorBody.Parse(json);

        long before = GC.GetAllocatedBytesForCurrentThread();
        WeChatErrorBody body = WeChatErrorBody.Parse(json);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(WeChatErrorBodyStatus.Success, body.Status);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Parse_ErrorBody_AllocatesOnlyTheErrMsg()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"errcode":40001,"errmsg":"invalid credential"}""");
        WeChatErrorBody.Parse(json);

        long before = GC.GetAllocatedBytesForCurrentThread();
        WeChatErrorBody body = WeChatErrorBody.Parse(json);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("invalid credential", body.ErrorMessage);
        Assert.InRange(allocated, 1, 100);
    }
}
