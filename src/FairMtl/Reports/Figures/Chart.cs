namespace FairMtl.Reports.Figures;

/// <summary>A 2-D chart: axes, data series and horizontal reference lines, drawn by <see cref="SvgChart"/>.</summary>
/// <param name="Title">The heading drawn above the plot.</param>
/// <param name="X">The horizontal axis.</param>
/// <param name="Y">The vertical axis.</param>
/// <param name="Series">The data, drawn in order (later series on top).</param>
/// <param name="References">Horizontal lines across the plot, e.g. a baseline's error.</param>
public sealed record Chart(string Title, Axis X, Axis Y, IReadOnlyList<Series> Series, IReadOnlyList<ReferenceLine> References);

/// <summary>An axis: its label (with the unit, when there is one), its scale, and optionally the range the axis is
/// fitted to. Values above <paramref name="Max"/> (outliers such as a diverged sweep point) are drawn at the axis' end,
/// hollow, with their value written beside them; error bars below <paramref name="Min"/> (a quantity that cannot be
/// negative) are cut there.</summary>
public sealed record Axis(string Label, AxisScale Scale = AxisScale.Linear, double? Max = null, double? Min = null);

/// <summary>How values map to positions along an axis.</summary>
public enum AxisScale
{
    Linear,

    /// <summary>Base-10 logarithmic; for positive values spanning more than a decade.</summary>
    Log,
}

/// <summary>A named set of points drawn in one style.</summary>
/// <param name="Name">The legend entry.</param>
/// <param name="Points">The points; non-finite coordinates are left out.</param>
/// <param name="Style">Joined by a line, or markers only.</param>
/// <param name="Colour">Index into <see cref="Palette"/>.</param>
/// <param name="Marker">The marker shape (colour-blind readers and grey-scale print tell series apart by it).</param>
/// <param name="Dashed">Draw the line dashed.</param>
/// <param name="Faint">Draw in a lighter tone, e.g. the dominated points behind a front.</param>
/// <param name="Shift">Horizontal shift in px, so that error bars of series sharing x values stay apart.</param>
public sealed record Series(
    string Name,
    IReadOnlyList<ChartPoint> Points,
    SeriesStyle Style,
    int Colour,
    Marker Marker = Marker.Circle,
    bool Dashed = false,
    bool Faint = false,
    double Shift = 0);

/// <summary>Whether a series' points are joined.</summary>
public enum SeriesStyle
{
    /// <summary>Markers joined by a line, in the given order.</summary>
    Line,

    /// <summary>Markers only.</summary>
    Points,
}

/// <summary>A marker shape.</summary>
public enum Marker
{
    None,
    Circle,
    Square,
    Triangle,
    Diamond,
    Cross,
    Star,
}

/// <summary>A data point, with optional error bars (half-lengths, e.g. one standard deviation) and a text label.</summary>
public sealed record ChartPoint(double X, double Y, double XError = 0, double YError = 0, string? Label = null);

/// <summary>A horizontal line at <paramref name="Y"/> across the whole plot.</summary>
public sealed record ReferenceLine(string Name, double Y, int Colour);
