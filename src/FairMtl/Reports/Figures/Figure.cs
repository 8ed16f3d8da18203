namespace FairMtl.Reports.Figures;

/// <summary>A chart with the file stem it is written under (<c>figures/{Name}.svg</c>) and the caption the report shows.</summary>
public sealed record Figure(string Name, string Caption, Chart Chart)
{
    /// <summary>The SVG document, rendered once (the page inlines it, the figures folder holds it); its ids are prefixed
    /// with <c>fig-{Name}</c> so that several fit in one page.</summary>
    public string Svg { get; } = SvgChart.Render(Chart, "fig-" + Name);

    /// <summary>
    /// The scale for an axis showing <paramref name="values"/>: logarithmic when they are all positive and span more
    /// than a factor of ten (one diverged point would otherwise flatten every other), linear otherwise.
    /// </summary>
    public static AxisScale ScaleFor(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length > 1 && finite.Min() > 0 && finite.Max() / finite.Min() > 10 ? AxisScale.Log : AxisScale.Linear;
    }

    /// <summary>
    /// The axis for <paramref name="values"/>: when a few values lie far above the rest (beyond three interquartile
    /// ranges above the upper quartile and more than 1.5 times the largest other value), the range is fitted to the
    /// rest and those are marked off scale; otherwise log when the values span more than a factor of ten.
    /// </summary>
    public static Axis AxisFor(string label, IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).Order().ToArray();
        if (finite.Length >= 4)
        {
            var (q1, q3) = (finite[finite.Length / 4], finite[(3 * finite.Length) / 4]);
            var fence = q3 + (3 * (q3 - q1));
            var inside = finite.Where(value => value <= fence).ToArray();
            if (inside.Length < finite.Length && inside.Length > 0 && finite[^1] > 1.5 * Math.Abs(inside[^1]))
            {
                return new Axis(label, ScaleFor(inside), inside[^1]);
            }
        }

        return new Axis(label, ScaleFor(finite));
    }
}
