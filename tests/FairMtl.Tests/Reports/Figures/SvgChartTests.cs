using System.Text.RegularExpressions;
using System.Xml.Linq;
using FairMtl.Reports.Figures;

namespace FairMtl.Tests.Reports.Figures;

public class SvgChartTests
{
    private static Chart Sample(double yError = 0, double outlier = 3.2) => new(
        "RMSE vs α <alpha>",
        new Axis("α (alpha)"),
        Figure.AxisFor("RMSE", [3.4, 3.1, 3.3, outlier, 3.2]),
        [
            new Series("all rows", [new(0, outlier, 0, yError), new(1, 3.4, 0, yError), new(2, 3.1, 0, yError), new(3, 3.3, 0, yError), new(4, 3.2, 0, yError)], SeriesStyle.Line, 0),
            new Series("front & friends", [new(1, 3.4, Label: "α=1"), new(2, double.NaN, Label: "lost")], SeriesStyle.Points, 1, Marker.Diamond),
        ],
        [new ReferenceLine("baseline", 3.25, Palette.Black)]);

    [Fact]
    public void The_same_chart_gives_the_same_bytes_and_well_formed_xml()
    {
        var first = SvgChart.Render(Sample(yError: 0.1), "c");
        var second = SvgChart.Render(Sample(yError: 0.1), "c");

        second.ShouldBe(first);
        var root = XDocument.Parse(first).Root!;
        root.Name.LocalName.ShouldBe("svg");
        root.Attribute("width")!.Value.ShouldBe("760");
        root.Attribute("height")!.Value.ShouldBe("460");
    }

    [Fact]
    public void Title_legend_labels_and_reference_line_are_drawn_and_escaped()
    {
        var svg = SvgChart.Render(Sample(), "c");

        svg.ShouldContain("<title id=\"c-title\">RMSE vs α &lt;alpha&gt;</title>");
        svg.ShouldContain(">all rows</text>");
        svg.ShouldContain(">front &amp; friends</text>");
        svg.ShouldContain(">baseline</text>");
        svg.ShouldContain(">α=1</text>");
        svg.ShouldContain("stroke-dasharray=\"7 4\"");
        svg.ShouldNotContain("lost");
        svg.ShouldNotContain("NaN");
    }

    [Fact]
    public void A_chart_with_nothing_to_draw_says_so_and_its_empty_series_stay_out_of_the_legend()
    {
        var empty = new Chart(
            "MAE vs α",
            new Axis("α"),
            new Axis("MAE"),
            [new Series("all rows", [new(0, double.NaN), new(4.9, double.NaN)], SeriesStyle.Line, 0)],
            []);

        var svg = SvgChart.Render(empty, "c");

        svg.ShouldContain(">no successful runs to plot</text>");
        svg.ShouldNotContain(">all rows</text>");
        svg.ShouldContain(">5</text>", Case.Sensitive, "the horizontal axis spans the sweep values of the failed points");
        SvgChart.Render(Sample(), "c").ShouldNotContain("no successful runs");
    }

    [Fact]
    public void Error_bars_are_drawn_only_when_there_is_a_spread()
    {
        Regex.Matches(SvgChart.Render(Sample(), "c"), "class=\"error-bar\"").Count.ShouldBe(0);
        Regex.Matches(SvgChart.Render(Sample(yError: 0.05), "c"), "class=\"error-bar\"").Count.ShouldBe(5);
    }

    [Fact]
    public void A_far_outlier_is_drawn_off_scale_with_its_value_and_does_not_stretch_the_axis()
    {
        var axis = Figure.AxisFor("RMSE", [3.4, 3.1, 3.3, 18.7, 3.2]);
        axis.Max.ShouldBe(3.4);

        var svg = SvgChart.Render(Sample(outlier: 18.7), "c");

        svg.ShouldContain("class=\"off-scale\"");
        svg.ShouldContain(">↑18.7</text>");
        svg.ShouldNotContain(">18</text>");
        svg.ShouldContain(">3.40</text>");
    }

    [Fact]
    public void Values_within_a_factor_of_ten_stay_linear_and_wider_spreads_become_logarithmic()
    {
        Figure.AxisFor("x", [0.03, 0.2, 0.3, 0.4]).Scale.ShouldBe(AxisScale.Log);
        Figure.AxisFor("x", [0.5, 0.2, 0.3, 0.4]).Scale.ShouldBe(AxisScale.Linear);
        Figure.AxisFor("x", [-1, 0.2, 3, 40]).Scale.ShouldBe(AxisScale.Linear);
    }

    [Fact]
    public void Point_labels_that_would_overlap_are_left_out()
    {
        var crowded = new Chart(
            "crowded",
            new Axis("x"),
            new Axis("y"),
            [new Series("s", Enumerable.Range(0, 40).Select(i => new ChartPoint(1 + (i * 1e-4), 1 + (i * 1e-4), Label: "label " + i)).Append(new ChartPoint(0, 0)).ToArray(), SeriesStyle.Points, 0)],
            []);

        var labels = Regex.Matches(SvgChart.Render(crowded, "c"), ">label \\d+</text>").Count;

        labels.ShouldBeGreaterThan(0);
        labels.ShouldBeLessThan(10);
    }

    [Fact]
    public void Coordinates_have_at_most_two_decimals_and_no_negative_zero()
    {
        SvgText.Number(-0.001).ShouldBe("0");
        SvgText.Number(1.006).ShouldBe("1.01");
        SvgText.Number(12).ShouldBe("12");
        var svg = SvgChart.Render(Sample(yError: 0.0123), "c");
        Regex.Matches(svg, "\\d\\.\\d{3,}").Count.ShouldBe(0);
    }
}
