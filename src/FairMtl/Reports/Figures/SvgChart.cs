using System.Text;

namespace FairMtl.Reports.Figures;

/// <summary>
/// Draws a <see cref="Chart"/> as a standalone SVG document: title, grid, round ticks, axis labels, series with error
/// bars and point labels, reference lines, and a legend below the plot (of the series with something to draw; a chart
/// with nothing says so). The same chart gives the same bytes.
/// </summary>
public static class SvgChart
{
    private const double FontSize = 12;
    private const double TitleSize = 14;
    private const double LabelSize = 10.5;
    private const double MarkerRadius = 3.6;
    private const double LegendRow = 18;
    private const double Inset = 8;

    /// <summary>The SVG text of <paramref name="chart"/>.</summary>
    /// <param name="chart">What to draw.</param>
    /// <param name="id">A document-unique id (several charts may share one HTML page): prefixes every id inside.</param>
    /// <param name="width">Width in px.</param>
    /// <param name="height">Height in px, legend included.</param>
    public static string Render(Chart chart, string id, int width = 760, int height = 460)
    {
        var (xTicks, yTicks) = (Ticks(chart, horizontal: true), Ticks(chart, horizontal: false));
        var legend = LegendEntries(chart);
        var yLabelWidth = yTicks.Labels.Max(label => SvgText.Width(label, FontSize));
        var left = 12 + FontSize + 10 + yLabelWidth + 8;
        var right = width - 18.0;
        var legendRows = LayoutLegend(legend, left, right);
        var top = 14 + TitleSize + 14;
        var bottom = height - (10 + (legendRows.Count * LegendRow) + 8 + FontSize + 8 + FontSize + 10);
        var plot = new Rect(left, top, right - left, bottom - top);

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"figure\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title\" font-family=\"'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif\">\n");
        svg.Append($"<title id=\"{id}-title\">{SvgText.Escape(chart.Title)}</title>\n");
        svg.Append($"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        svg.Append($"<text x=\"{SvgText.Number(left)}\" y=\"{SvgText.Number(14 + TitleSize)}\" font-size=\"{SvgText.Number(TitleSize)}\" font-weight=\"bold\" fill=\"#222222\">{SvgText.Escape(chart.Title)}</text>\n");
        svg.Append($"<clipPath id=\"{id}-plot\"><rect x=\"{SvgText.Number(plot.X)}\" y=\"{SvgText.Number(plot.Y)}\" width=\"{SvgText.Number(plot.Width)}\" height=\"{SvgText.Number(plot.Height)}\"/></clipPath>\n");

        var x = new Mapping(xTicks, plot.X + Inset, plot.Right - Inset);
        var y = new Mapping(yTicks, plot.Bottom - Inset, plot.Y + Inset);
        DrawAxes(svg, chart, plot, x, y);

        svg.Append($"<g clip-path=\"url(#{id}-plot)\">\n");
        foreach (var reference in chart.References)
        {
            svg.Append($"<line x1=\"{SvgText.Number(plot.X)}\" x2=\"{SvgText.Number(plot.Right)}\" y1=\"{SvgText.Number(y.Map(reference.Y))}\" y2=\"{SvgText.Number(y.Map(reference.Y))}\" stroke=\"{Palette.Colour(reference.Colour)}\" stroke-width=\"1.4\" stroke-dasharray=\"7 4\"/>\n");
        }

        foreach (var series in chart.Series)
        {
            DrawSeries(svg, series, x, y);
        }

        svg.Append("</g>\n");
        if (!chart.Series.SelectMany(series => series.Points).Any(IsFinite) && chart.References.Count == 0)
        {
            svg.Append($"<text class=\"empty\" x=\"{SvgText.Number(plot.X + (plot.Width / 2))}\" y=\"{SvgText.Number(plot.Y + (plot.Height / 2))}\" text-anchor=\"middle\" font-size=\"{SvgText.Number(TitleSize)}\" fill=\"#555555\">no successful runs to plot</text>\n");
        }

        DrawPointLabels(svg, chart, plot, x, y);
        DrawLegend(svg, legendRows, height - 8 - (legendRows.Count * LegendRow));
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static AxisTicks Ticks(Chart chart, bool horizontal)
    {
        var axis = horizontal ? chart.X : chart.Y;
        var log = axis.Scale == AxisScale.Log;
        var values = new List<double>();
        var points = chart.Series.SelectMany(series => series.Points).ToArray();
        var drawn = points.Where(IsFinite).ToArray();

        // With nothing to draw (every run failed) the horizontal axis still spans the sweep's values, where known.
        foreach (var point in drawn.Length == 0 && horizontal ? points.Where(point => double.IsFinite(point.X)) : drawn)
        {
            var (value, error) = horizontal ? (point.X, point.XError) : (point.Y, point.YError);
            values.Add(value);
            if (error > 0)
            {
                values.Add(value + error);
                values.Add(value - error);
            }
        }

        if (!horizontal)
        {
            values.AddRange(chart.References.Select(reference => reference.Y));
        }

        var usable = values.Where(v => double.IsFinite(v) && (!log || v > 0) && !(v > axis.Max) && !(v < axis.Min)).ToArray();
        return usable.Length == 0
            ? AxisTicks.Create(log ? 1 : 0, log ? 10 : 1, axis.Scale)
            : AxisTicks.Create(usable.Min(), usable.Max(), log && usable.Min() > 0 ? AxisScale.Log : AxisScale.Linear);
    }

    private static void DrawAxes(StringBuilder svg, Chart chart, Rect plot, Mapping x, Mapping y)
    {
        svg.Append("<g class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\">\n");
        foreach (var tick in x.Ticks.Ticks)
        {
            svg.Append($"<line x1=\"{SvgText.Number(x.Map(tick))}\" x2=\"{SvgText.Number(x.Map(tick))}\" y1=\"{SvgText.Number(plot.Y)}\" y2=\"{SvgText.Number(plot.Bottom)}\"/>\n");
        }

        foreach (var tick in y.Ticks.Ticks)
        {
            svg.Append($"<line x1=\"{SvgText.Number(plot.X)}\" x2=\"{SvgText.Number(plot.Right)}\" y1=\"{SvgText.Number(y.Map(tick))}\" y2=\"{SvgText.Number(y.Map(tick))}\"/>\n");
        }

        svg.Append("</g>\n");
        svg.Append($"<rect x=\"{SvgText.Number(plot.X)}\" y=\"{SvgText.Number(plot.Y)}\" width=\"{SvgText.Number(plot.Width)}\" height=\"{SvgText.Number(plot.Height)}\" fill=\"none\" stroke=\"#555555\" stroke-width=\"1\"/>\n");
        svg.Append($"<g class=\"ticks\" font-size=\"{SvgText.Number(FontSize)}\" fill=\"#333333\">\n");
        for (var i = 0; i < x.Ticks.Ticks.Count; i++)
        {
            var position = x.Map(x.Ticks.Ticks[i]);
            svg.Append($"<line x1=\"{SvgText.Number(position)}\" x2=\"{SvgText.Number(position)}\" y1=\"{SvgText.Number(plot.Bottom)}\" y2=\"{SvgText.Number(plot.Bottom + 4)}\" stroke=\"#555555\"/>");
            svg.Append($"<text x=\"{SvgText.Number(position)}\" y=\"{SvgText.Number(plot.Bottom + 6 + FontSize)}\" text-anchor=\"middle\">{SvgText.Escape(x.Ticks.Labels[i])}</text>\n");
        }

        for (var i = 0; i < y.Ticks.Ticks.Count; i++)
        {
            var position = y.Map(y.Ticks.Ticks[i]);
            svg.Append($"<line x1=\"{SvgText.Number(plot.X - 4)}\" x2=\"{SvgText.Number(plot.X)}\" y1=\"{SvgText.Number(position)}\" y2=\"{SvgText.Number(position)}\" stroke=\"#555555\"/>");
            svg.Append($"<text x=\"{SvgText.Number(plot.X - 7)}\" y=\"{SvgText.Number(position + (FontSize * 0.35))}\" text-anchor=\"end\">{SvgText.Escape(y.Ticks.Labels[i])}</text>\n");
        }

        svg.Append("</g>\n");
        var xTitle = chart.X.Label + (x.Ticks.Scale == AxisScale.Log ? " (log scale)" : string.Empty);
        var yTitle = chart.Y.Label + (y.Ticks.Scale == AxisScale.Log ? " (log scale)" : string.Empty);
        svg.Append($"<text x=\"{SvgText.Number(plot.X + (plot.Width / 2))}\" y=\"{SvgText.Number(plot.Bottom + 8 + (2 * FontSize) + 8)}\" text-anchor=\"middle\" font-size=\"{SvgText.Number(FontSize)}\" fill=\"#222222\">{SvgText.Escape(xTitle)}</text>\n");
        var yTitleX = 12 + FontSize;
        var yTitleY = plot.Y + (plot.Height / 2);
        svg.Append($"<text transform=\"translate({SvgText.Number(yTitleX)},{SvgText.Number(yTitleY)}) rotate(-90)\" text-anchor=\"middle\" font-size=\"{SvgText.Number(FontSize)}\" fill=\"#222222\">{SvgText.Escape(yTitle)}</text>\n");
    }

    private static void DrawSeries(StringBuilder svg, Series series, Mapping x, Mapping y)
    {
        var colour = Palette.Colour(series.Colour);
        x = x with { Start = x.Start + series.Shift, End = x.End + series.Shift };
        var opacity = series.Faint ? " opacity=\"0.35\"" : string.Empty;
        var points = series.Points.Where(point => Drawable(point, x, y)).ToArray();
        svg.Append($"<g class=\"series\" data-name=\"{SvgText.Escape(series.Name)}\"{opacity}>\n");
        foreach (var point in points)
        {
            DrawErrorBars(svg, point, x, y, colour);
        }

        if (series.Style == SeriesStyle.Line && points.Length > 1)
        {
            var path = string.Join(" ", points.Select(p => SvgText.Number(x.Map(p.X)) + "," + SvgText.Number(y.Map(p.Y))));
            var dash = series.Dashed ? " stroke-dasharray=\"5 3\"" : string.Empty;
            svg.Append($"<polyline points=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.8\" stroke-linejoin=\"round\"{dash}/>\n");
        }

        foreach (var point in points)
        {
            if (x.IsOff(point.X) || y.IsOff(point.Y))
            {
                svg.Append($"<circle class=\"off-scale\" cx=\"{SvgText.Number(x.Map(point.X))}\" cy=\"{SvgText.Number(y.Map(point.Y))}\" r=\"{SvgText.Number(MarkerRadius + 1)}\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"1.6\"/>\n");
            }
            else
            {
                DrawMarker(svg, series.Marker, x.Map(point.X), y.Map(point.Y), colour, MarkerRadius);
            }
        }

        svg.Append("</g>\n");
    }

    private static void DrawErrorBars(StringBuilder svg, ChartPoint point, Mapping x, Mapping y, string colour)
    {
        var (cx, cy) = (x.Map(point.X), y.Map(point.Y));
        if (point.YError > 0)
        {
            var (low, high) = (y.MapClamped(point.Y - point.YError), y.MapClamped(point.Y + point.YError));
            svg.Append($"<path d=\"M{SvgText.Number(cx)},{SvgText.Number(low)}V{SvgText.Number(high)}M{SvgText.Number(cx - 3)},{SvgText.Number(low)}h6M{SvgText.Number(cx - 3)},{SvgText.Number(high)}h6\" stroke=\"{colour}\" stroke-width=\"1\" fill=\"none\" class=\"error-bar\"/>\n");
        }

        if (point.XError > 0)
        {
            var (low, high) = (x.MapClamped(point.X - point.XError), x.MapClamped(point.X + point.XError));
            svg.Append($"<path d=\"M{SvgText.Number(low)},{SvgText.Number(cy)}H{SvgText.Number(high)}M{SvgText.Number(low)},{SvgText.Number(cy - 3)}v6M{SvgText.Number(high)},{SvgText.Number(cy - 3)}v6\" stroke=\"{colour}\" stroke-width=\"1\" fill=\"none\" class=\"error-bar\"/>\n");
        }
    }

    private static void DrawMarker(StringBuilder svg, Marker marker, double cx, double cy, string colour, double r)
    {
        string Pt(double dx, double dy) => SvgText.Number(cx + dx) + "," + SvgText.Number(cy + dy);
        var fill = $"fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"0.8\"";
        switch (marker)
        {
            case Marker.Circle:
                svg.Append($"<circle cx=\"{SvgText.Number(cx)}\" cy=\"{SvgText.Number(cy)}\" r=\"{SvgText.Number(r)}\" {fill}/>\n");
                break;
            case Marker.Square:
                svg.Append($"<rect x=\"{SvgText.Number(cx - (r * 0.9))}\" y=\"{SvgText.Number(cy - (r * 0.9))}\" width=\"{SvgText.Number(r * 1.8)}\" height=\"{SvgText.Number(r * 1.8)}\" {fill}/>\n");
                break;
            case Marker.Triangle:
                svg.Append($"<polygon points=\"{Pt(0, -r * 1.2)} {Pt(r * 1.1, r * 0.8)} {Pt(-r * 1.1, r * 0.8)}\" {fill}/>\n");
                break;
            case Marker.Diamond:
                svg.Append($"<polygon points=\"{Pt(0, -r * 1.3)} {Pt(r * 1.1, 0)} {Pt(0, r * 1.3)} {Pt(-r * 1.1, 0)}\" {fill}/>\n");
                break;
            case Marker.Cross:
                svg.Append($"<path d=\"M{Pt(-r, -r)}L{Pt(r, r)}M{Pt(-r, r)}L{Pt(r, -r)}\" stroke=\"{colour}\" stroke-width=\"2\" fill=\"none\"/>\n");
                break;
            case Marker.Star:
                var star = Enumerable.Range(0, 10).Select(i =>
                {
                    var radius = i % 2 == 0 ? r * 2 : r * 0.85;
                    var angle = (Math.PI / 5 * i) - (Math.PI / 2);
                    return Pt(radius * Math.Cos(angle), radius * Math.Sin(angle));
                });
                svg.Append($"<polygon points=\"{string.Join(" ", star)}\" {fill}/>\n");
                break;
        }
    }

    /// <summary>Labels next to their points: the first of eight positions that stays inside the plot and overlaps no
    /// earlier label; a label with no free position is left out (the tables hold every value).</summary>
    private static void DrawPointLabels(StringBuilder svg, Chart chart, Rect plot, Mapping x, Mapping y)
    {
        var placed = new List<Rect>();
        var offsets = new (double Dx, double Dy, string Anchor)[]
        {
            (6, -6, "start"), (6, 14, "start"), (-6, -6, "end"), (-6, 14, "end"), (0, -9, "middle"), (0, 18, "middle"), (9, 4, "start"), (-9, 4, "end"),
        };
        var labelled = chart.Series
            .SelectMany(series => series.Points.Where(point => Drawable(point, x, y)))
            .Select(point => point with { Label = OffScaleLabel(point, x, y) ?? point.Label })
            .Where(point => point.Label is not null)
            .ToArray();
        if (labelled.Length == 0)
        {
            return;
        }

        svg.Append($"<g class=\"point-labels\" font-size=\"{SvgText.Number(LabelSize)}\" fill=\"#222222\">\n");
        foreach (var point in labelled)
        {
            var (cx, cy) = (x.Map(point.X), y.Map(point.Y));
            var width = SvgText.Width(point.Label!, LabelSize);
            foreach (var (dx, dy, anchor) in offsets)
            {
                var startX = anchor switch { "start" => cx + dx, "end" => cx + dx - width, _ => cx + dx - (width / 2) };
                var box = new Rect(startX - 1, cy + dy - LabelSize, width + 2, LabelSize + 3);
                if (box.X < plot.X || box.Right > plot.Right || box.Y < plot.Y || box.Bottom > plot.Bottom || placed.Any(box.Overlaps))
                {
                    continue;
                }

                placed.Add(box);
                svg.Append($"<text x=\"{SvgText.Number(cx + dx)}\" y=\"{SvgText.Number(cy + dy)}\" text-anchor=\"{anchor}\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\">{SvgText.Escape(point.Label!)}</text>\n");
                break;
            }
        }

        svg.Append("</g>\n");
    }

    /// <summary>For a point beyond an axis' end: its label (if any) and its true coordinates, e.g. <c>α=0: ↑18.7</c>.</summary>
    private static string? OffScaleLabel(ChartPoint point, Mapping x, Mapping y)
    {
        var (offX, offY) = (x.IsOff(point.X), y.IsOff(point.Y));
        if (!offX && !offY)
        {
            return null;
        }

        var value = offX && offY
            ? $"↗({Short(point.X)}, {Short(point.Y)})"
            : offX ? "→" + Short(point.X) : "↑" + Short(point.Y);
        return point.Label is null ? value : point.Label + ": " + value;
    }

    private static string Short(double value) => value.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);

    private static List<LegendEntry> LegendEntries(Chart chart) =>
        chart.Series.Where(series => series.Name.Length > 0 && series.Points.Any(IsFinite))
            .Select(series => new LegendEntry(series.Name, Palette.Colour(series.Colour), series.Style == SeriesStyle.Line, series.Dashed, series.Marker, series.Faint))
            .Concat(chart.References.Select(reference => new LegendEntry(reference.Name, Palette.Colour(reference.Colour), true, true, Marker.None, false)))
            .ToList();

    private static List<List<(LegendEntry Entry, double X)>> LayoutLegend(List<LegendEntry> entries, double left, double right)
    {
        var rows = new List<List<(LegendEntry, double)>>();
        var row = new List<(LegendEntry, double)>();
        var cursor = left;
        foreach (var entry in entries)
        {
            var width = 30 + SvgText.Width(entry.Name, FontSize) + 18;
            if (row.Count > 0 && cursor + width > right)
            {
                rows.Add(row);
                row = [];
                cursor = left;
            }

            row.Add((entry, cursor));
            cursor += width;
        }

        if (row.Count > 0)
        {
            rows.Add(row);
        }

        return rows;
    }

    private static void DrawLegend(StringBuilder svg, List<List<(LegendEntry Entry, double X)>> rows, double top)
    {
        if (rows.Count == 0)
        {
            return;
        }

        svg.Append($"<g class=\"legend\" font-size=\"{SvgText.Number(FontSize)}\" fill=\"#222222\">\n");
        for (var r = 0; r < rows.Count; r++)
        {
            var middle = top + (r * LegendRow) + (LegendRow / 2);
            foreach (var (entry, x) in rows[r])
            {
                var opacity = entry.Faint ? " opacity=\"0.35\"" : string.Empty;
                svg.Append($"<g{opacity}>");
                if (entry.Line)
                {
                    var dash = entry.Dashed ? " stroke-dasharray=\"5 3\"" : string.Empty;
                    svg.Append($"<line x1=\"{SvgText.Number(x)}\" x2=\"{SvgText.Number(x + 24)}\" y1=\"{SvgText.Number(middle)}\" y2=\"{SvgText.Number(middle)}\" stroke=\"{entry.Colour}\" stroke-width=\"1.8\"{dash}/>");
                }

                DrawMarker(svg, entry.Marker, x + 12, middle, entry.Colour, MarkerRadius);
                svg.Append($"<text x=\"{SvgText.Number(x + 30)}\" y=\"{SvgText.Number(middle + (FontSize * 0.35))}\">{SvgText.Escape(entry.Name)}</text></g>\n");
            }
        }

        svg.Append("</g>\n");
    }

    private static bool IsFinite(ChartPoint point) => double.IsFinite(point.X) && double.IsFinite(point.Y);

    /// <summary>Whether a point is drawn: finite, and inside what the axes can show (off-scale points included).</summary>
    private static bool Drawable(ChartPoint point, Mapping x, Mapping y) => IsFinite(point) && x.CanMap(point.X) && y.CanMap(point.Y);

    private sealed record LegendEntry(string Name, string Colour, bool Line, bool Dashed, Marker Marker, bool Faint);

    private readonly record struct Rect(double X, double Y, double Width, double Height)
    {
        public double Right => X + Width;

        public double Bottom => Y + Height;

        public bool Overlaps(Rect other) => X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;
    }

    /// <summary>From values to pixels along one axis.</summary>
    private sealed record Mapping(AxisTicks Ticks, double Start, double End)
    {
        public bool CanMap(double value) => Ticks.Scale == AxisScale.Linear || value > 0;

        /// <summary>The pixel position; values beyond the axis' end are drawn at the end.</summary>
        public double Map(double value) => Start + ((End - Start) * Ticks.Fraction(Math.Min(value, Ticks.High)));

        /// <summary>Whether <paramref name="value"/> lies beyond the axis' end (an outlier left off the fitted range).</summary>
        public bool IsOff(double value) => value > Ticks.High;

        /// <summary>Maps, clamping to the axis range (an error bar reaching below zero on a log axis).</summary>
        public double MapClamped(double value) => !CanMap(value) ? Start : Map(Math.Clamp(value, Ticks.Low, Ticks.High));
    }
}
