namespace FairMtl.Reports.Figures;

/// <summary>
/// Colours from the Okabe-Ito palette (Okabe &amp; Ito, "Color Universal Design", 2008), which stay distinct for the
/// common forms of colour-vision deficiency: six for data (its yellow is too faint on white to carry a series), and
/// black for references. Markers tell series apart where colours repeat and in grey-scale print.
/// </summary>
public static class Palette
{
    private static readonly string[] DataColours =
    [
        "#0072B2", // blue
        "#D55E00", // vermillion
        "#009E73", // bluish green
        "#CC79A7", // reddish purple
        "#E69F00", // orange
        "#56B4E9", // sky blue
    ];

    /// <summary>The index of black, for baselines and references.</summary>
    public const int Black = -1;

    /// <summary>The number of data colours before they repeat.</summary>
    public static int Count => DataColours.Length;

    /// <summary>The colour at <paramref name="index"/>: black for <see cref="Black"/>, the data colours cycling otherwise.</summary>
    public static string Colour(int index) => index == Black ? "#000000" : DataColours[((index % Count) + Count) % Count];

    /// <summary>The n-th data marker (cycling through five shapes; with six colours the pair repeats after 30 series).</summary>
    public static Marker Marker(int index) => (index % 5) switch
    {
        0 => Figures.Marker.Circle,
        1 => Figures.Marker.Square,
        2 => Figures.Marker.Triangle,
        3 => Figures.Marker.Diamond,
        _ => Figures.Marker.Cross,
    };
}
