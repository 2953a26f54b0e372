
namespace WeChatErrors.Detection.Scanning;

/// <summary>Result of <see cref="ErrcodeScanner.Scan"/>: the status and, when found, where the raw value token is.</summary>
internal readonly struct ErrcodeScanResult
{
    private ErrcodeScanResult(ErrcodeScanStatus status, int valueStart, int valueLength, bool isZero)
    {
        Status = status;
        ValueStart = valueStart;
        ValueLength = valueLength;
        IsZero = isZero;
    }

    public ErrcodeScanStatus Status { get; }

    /// <summary>Offset of the value token's first byte (for a string: the opening quote).</summary>
    public int ValueStart { get; }

    /// <summary>Length of the raw token (a string includes both quotes; an object or array is just its opening bracket).</summary>
    public int ValueLength { get; }

    /// <summary><see langword="true"/> when the token is exactly <c>0</c> or <c>"0"</c>.</summary>
    public bool IsZero { get; }

    internal static ErrcodeScanResult NotAnObject => new(ErrcodeScanStatus.NotAnObject, 0, 0, false);

    internal static ErrcodeScanResult NoErrcode => new(ErrcodeScanStatus.NoErrcode, 0, 0, false);

    internal static ErrcodeScanResult Unsure => new(ErrcodeScanStatus.Unsure, 0, 0, false);

    internal static ErrcodeScanResult Found(int valueStart, int valueLength, bool isZero) =>
        new(ErrcodeScanStatus.Found, valueStart, valueLength, isZero);

    public override string ToString() =>
        Status == ErrcodeScanStatus.Found ? $"Found({ValueStart}, {ValueLength}, zero={IsZero})" : Status.ToString();
}
