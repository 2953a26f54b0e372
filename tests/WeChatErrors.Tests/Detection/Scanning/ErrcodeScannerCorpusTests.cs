using System.Text.Json;
using WeChatErrors.Detection.Scanning;

namespace WeChatErrors.Tests.Detection.Scanning;

public class ErrcodeScannerCorpusTests
{
    public static TheoryData<string> PathData() => ScanPaths.All();

    [Theory]
    [MemberData(nameof(PathData))]
    public void Scan_GeneratedCorpus_MatchesReference(string path)
    {
        ScanFunction scan = ScanPaths.Get(path);

        // Emulated (unaccelerated) vectors are slow: give them a share of the same corpus.
        IReadOnlyList<(byte[] Json, string Expected)> corpus = JsonCorpus.Shared;
        int documents = ScanPaths.IsAccelerated(path) ? corpus.Count : 200;
        int found = 0;
        for (int i = 0; i < documents; i++)
        {
            (byte[] json, string expected) = corpus[i];
            string actual = ScanPaths.Describe(scan(json), json);
            if (expected != actual)
            {
                Assert.Fail($"document {i} ({json.Length} bytes): expected {expected}, got {actual}\n{System.Text.Encoding.UTF8.GetString(json, 0, Math.Min(json.Length, 2000))}");
            }

            found += expected.StartsWith("Found", StringComparison.Ordinal) ? 1 : 0;
        }

        // The corpus exercises both outcomes.
        Assert.InRange(found, documents / 10, documents - (documents / 10));
    }

    /// <summary>Flips, cuts and duplicates bytes of valid documents: never throws, and agrees whenever the result is still valid JSON.</summary>
    [Theory]
    [MemberData(nameof(PathData))]
    public void Scan_MutatedDocuments_NeverThrowsAndAgreesWhenValid(string path)
    {
        ScanFunction scan = ScanPaths.Get(path);
        var corpus = new JsonCorpus(7);
        var random = new Random(11);
        byte[] specials = "\"\\{}[]:,e \u0000"u8.ToArray();
        int documents = ScanPaths.IsAccelerated(path) ? 300 : 60;
        for (int d = 0; d < documents; d++)
        {
            byte[] original = corpus.Next(random.Next(0, 600));
            for (int m = 0; m < 20; m++)
            {
                byte[] json = Mutate(original, random, specials);
                ErrcodeScanResult actual = scan(json);
                Assert.True(actual.Status is >= ErrcodeScanStatus.NotAnObject and <= ErrcodeScanStatus.Unsure);
                if (actual.Status == ErrcodeScanStatus.Found)
                {
                    Assert.InRange(actual.ValueStart, 0, json.Length - 1);
                    Assert.InRange(actual.ValueLength, 1, json.Length - actual.ValueStart);
                }

                ErrcodeScanResult expected;
                try
                {
                    expected = ReferenceErrcodeScanner.Scan(json);
                    using var document = JsonDocument.Parse(json.AsMemory().Slice(json.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0));
                }
                catch (JsonException)
                {
                    continue;
                }

                Assert.Equal(ScanPaths.Describe(expected, json), ScanPaths.Describe(actual, json));
            }
        }
    }

    private static byte[] Mutate(byte[] original, Random random, byte[] specials)
    {
        if (original.Length == 0)
        {
            return [specials[random.Next(specials.Length)]];
        }

        byte[] json = (byte[])original.Clone();
        int at = random.Next(json.Length);
        switch (random.Next(5))
        {
            case 0:
                json[at] = specials[random.Next(specials.Length)];
                return json;
            case 1:
                json[at] = (byte)random.Next(256);
                return json;
            case 2:
                return json.AsSpan(0, at).ToArray();
            case 3:
                int length = random.Next(1, Math.Min(64, json.Length - at) + 1);
                return [.. json.AsSpan(0, at + length), .. json.AsSpan(at)];
            default:
                return [.. json.AsSpan(0, at), .. json.AsSpan(Math.Min(json.Length, at + random.Next(1, 10)))];
        }
    }
}
