namespace InfoTheory.TorchSharp;

/// <summary>One of the measures an <see cref="InformationRecord"/> always carries, to pick from a series.</summary>
public enum InformationQuantity
{
    /// <summary>H(T), the layer's entropy (<see cref="InformationRecord.Entropy"/>).</summary>
    Entropy,

    /// <summary>I(X;T), what the layer carries about the input (<see cref="InformationRecord.InputInformation"/>).</summary>
    InputInformation,

    /// <summary>I(T;Y), or I(T;X′) for autoencoders (<see cref="InformationRecord.TargetInformation"/>).</summary>
    TargetInformation,
}

/// <summary>Helpers for <see cref="InformationQuantity"/>.</summary>
public static class InformationQuantityExtensions
{
    /// <summary>The value of <paramref name="quantity"/> in <paramref name="record"/>, in bits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined quantity.</exception>
    public static double ValueOf(this InformationRecord record, InformationQuantity quantity)
    {
        ArgumentNullException.ThrowIfNull(record);
        return quantity switch
        {
            InformationQuantity.Entropy => record.Entropy,
            InformationQuantity.InputInformation => record.InputInformation,
            InformationQuantity.TargetInformation => record.TargetInformation,
            _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, $"quantity = {quantity} is not an InformationQuantity; use Entropy, InputInformation or TargetInformation."),
        };
    }

    /// <summary>
    /// The 95 % band of <paramref name="quantity"/> in <paramref name="record"/> (<see cref="InformationRecord.EntropyBand"/>,
    /// <see cref="InformationRecord.InputInformationBand"/> or <see cref="InformationRecord.TargetInformationBand"/>), or
    /// null when the record was measured without bands.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined quantity.</exception>
    public static InformationBand? BandOf(this InformationRecord record, InformationQuantity quantity)
    {
        ArgumentNullException.ThrowIfNull(record);
        return quantity switch
        {
            InformationQuantity.Entropy => record.EntropyBand,
            InformationQuantity.InputInformation => record.InputInformationBand,
            InformationQuantity.TargetInformation => record.TargetInformationBand,
            _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, $"quantity = {quantity} is not an InformationQuantity; use Entropy, InputInformation or TargetInformation."),
        };
    }

    /// <summary>The quantity's usual symbol: <c>H(T)</c>, <c>I(X;T)</c>, or <c>I(T;X')</c> / <c>I(T;Y)</c> by <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined quantity.</exception>
    public static string Symbol(this InformationQuantity quantity, TargetKind target = TargetKind.Reconstruction) => quantity switch
    {
        InformationQuantity.Entropy => "H(T)",
        InformationQuantity.InputInformation => "I(X;T)",
        InformationQuantity.TargetInformation => target == TargetKind.Reconstruction ? "I(T;X')" : "I(T;Y)",
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, $"quantity = {quantity} is not an InformationQuantity; use Entropy, InputInformation or TargetInformation."),
    };
}
