namespace FairMtl.Data;

/// <summary>How a head's target was standardised: <c>scaled = (raw - Mean) / Scale</c>. Identity is (0, 1).</summary>
public sealed record HeadScaling(double Mean, double Scale)
{
    /// <summary>The identity scaling.</summary>
    public static HeadScaling Identity { get; } = new(0, 1);

    /// <summary>Maps a value in training units back to the column's units.</summary>
    public double Unscale(double v) => v * Scale + Mean;
}
