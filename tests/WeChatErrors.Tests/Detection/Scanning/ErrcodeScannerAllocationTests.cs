using System.Text;

namespace WeChatErrors.Tests.Detection.Scanning;

public class ErrcodeScannerAllocationTests
{
    public static TheoryData<string> PathData() => ScanPaths.All();

    [Theory]
    [MemberData(nameof(PathData))]
    public void Scan_AfterWarmUp_AllocatesNothing(string path)
    {
        ScanFunction scan = ScanPaths.Get(path);
        byte[][] bodies =
        [
            Encoding.UTF8.GetBytes("""{"errcode":40001,"errmsg":"invalid credential"}"""),
            Encoding.UTF8.GetBytes("""{"a":"\\\"","b":{"errcode":1},"err\u0063ode":"0"}"""),
            new JsonCorpus(5).Next(5_000),
            Encoding.UTF8.GetBytes("   [1]"),
        ];

        for (int i = 0; i < 3; i++)
        {
            foreach (byte[] body in bodies)
            {
                _ = scan(body);
            }
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            foreach (byte[] body in bodies)
            {
                _ = scan(body);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
