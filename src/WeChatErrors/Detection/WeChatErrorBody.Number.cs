using System.Text;

namespace WeChatErrors.Detection;

/// <content>Exact integer reading of an <c>errcode</c> given as a JSON number or as a string of digits.</content>
internal readonly partial struct WeChatErrorBody
{
    private const int MaxExponent = 1_000_000;

    // Decides integrality and range from the digits themselves, so 40001.0 and 4.0001e4 are 40001,
    // 40001.5 is rejected and 1e30 is out of range, with no rounding through double or decimal.
    private static bool TryParseNumber(ReadOnlySpan<byte> text, bool allowFraction, out ErrorCodeValue code)
    {
        code = default;
        int i = 0;
        bool negative = i < text.Length && text[i] == '-';
        if (negative)
        {
            i++;
        }

        int intStart = i;
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        int intLength = i - intStart;
        if (intLength == 0)
        {
            return false;
        }

        int fracStart = i;
        int fracLength = 0;
        long exponent = 0;
        if (allowFraction)
        {
            if (i < text.Length && text[i] == '.')
            {
                fracStart = ++i;
                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }

                fracLength = i - fracStart;
                if (fracLength == 0)
                {
                    return false;
                }
            }

            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                if (!TryParseExponent(text, ref i, out exponent))
                {
                    return false;
                }
            }
        }

        if (i != text.Length)
        {
            return false;
        }

        int digitCount = intLength + fracLength;
        var digits = new Digits(text.Slice(intStart, intLength), text.Slice(fracStart, fracLength));

        int first = 0;
        while (first < digitCount && digits.At(first) == 0)
        {
            first++;
        }

        if (first == digitCount)
        {
            code = new ErrorCodeValue(0, false, null);
            return true;
        }

        int last = digitCount - 1;
        while (digits.At(last) == 0)
        {
            last--;
        }

        // pointPosition is where the decimal point sits within the digit string once the exponent is applied.
        long pointPosition = intLength + exponent;
        if (last >= pointPosition)
        {
            return false;
        }

        long integerDigits = pointPosition - first;
        ulong magnitude = 0;
        bool fits = integerDigits <= 19;
        if (fits)
        {
            for (int k = first; k < pointPosition; k++)
            {
                magnitude = (magnitude * 10) + (ulong)(k < digitCount ? digits.At(k) : 0);
            }

            fits = negative ? magnitude <= 9_223_372_036_854_775_808UL : magnitude <= long.MaxValue;
        }

        if (!fits)
        {
            code = new ErrorCodeValue(negative ? long.MinValue : long.MaxValue, true, GetText(text));
            return true;
        }

        code = new ErrorCodeValue(negative ? unchecked((long)(0UL - magnitude)) : (long)magnitude, false, null);
        return true;
    }

    private static bool TryParseExponent(ReadOnlySpan<byte> text, ref int i, out long exponent)
    {
        exponent = 0;
        i++;
        bool negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            negative = text[i] == '-';
            i++;
        }

        int start = i;
        while (i < text.Length && IsDigit(text[i]))
        {
            // Saturate: any exponent this large already decides the outcome.
            exponent = Math.Min((exponent * 10) + (text[i] - '0'), MaxExponent);
            i++;
        }

        if (i == start)
        {
            return false;
        }

        exponent = negative ? -exponent : exponent;
        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static string GetText(ReadOnlySpan<byte> text)
    {
#if NETSTANDARD2_0
        return Encoding.UTF8.GetString(text.ToArray());
#else
        return Encoding.UTF8.GetString(text);
#endif
    }

    // The integer and fraction digits of a number, indexed as one digit string.
    private readonly ref struct Digits
    {
        private readonly ReadOnlySpan<byte> _integer;
        private readonly ReadOnlySpan<byte> _fraction;

        public Digits(ReadOnlySpan<byte> integer, ReadOnlySpan<byte> fraction)
        {
            _integer = integer;
            _fraction = fraction;
        }

        public int At(int index) => (index < _integer.Length ? _integer[index] : _fraction[index - _integer.Length]) - '0';
    }

    private readonly struct ErrorCodeValue
    {
        public ErrorCodeValue(long value, bool isOutOfRange, string? text)
        {
            Value = value;
            IsOutOfRange = isOutOfRange;
            Text = text;
        }

        public long Value { get; }

        public bool IsOutOfRange { get; }

        public string? Text { get; }
    }
}
