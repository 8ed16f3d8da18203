using FairMtl.Evaluation;
using FairMtl.Host.Output;
using FairMtl.Reports;
using FairMtl.Spec;
using FairMtl.Sweeps;
using FairMtl.Tests.Data;
using FairMtl.Tests.Training;
using Spectre.Console;
using Table = FairMtl.Reports.Table;
using TableColumn = FairMtl.Reports.TableColumn;

namespace FairMtl.Tests.Host;

/// <summary>
/// The host's terminal tables: Spectre.Console tables (highlighted front rows) in an interactive terminal, the
/// unchanged Markdown tables otherwise; and which rows the result tables highlight.
/// </summary>
public class TerminalTableTests
{
    /// <summary>Three rows named alpha-row, beta-row and gamma-row; beta-row is highlighted; one file-only column.</summary>
    private static Table Sample(IReadOnlySet<int>? highlighted = null) =>
        new("sample", "Sample table", [new("name"), new("value"), new("ratio", Format: "F2"), new("hidden", Terminal: false), new("count")],
        [
            ["alpha-row", 1.234567, 0.5, 987.654, 3],
            ["beta-row", 22.5, 0.126, 987.654, 40],
            ["gamma-row", null, 1d, 987.654, 500],
        ])
        {
            HighlightedRows = highlighted ?? Table.RowsWhere([false, true, false]),
        };

    private static (IAnsiConsole Console, StringWriter Text) TestConsole(int width = 200)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.TrueColor,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return (console, text);
    }

    private static async Task<string> SpectreAsync(Table table, int width = 200)
    {
        var (console, text) = TestConsole(width);
        await new SpectreTableWriter(console).WriteAsync(table);
        return text.ToString();
    }

    /// <summary>The escape sequence that starts text in <see cref="SpectreTableWriter.HighlightStyle"/> on the test console.</summary>
    private static string HighlightEscape()
    {
        var (console, text) = TestConsole();
        console.Write(new Text("x", SpectreTableWriter.HighlightStyle));
        var escape = text.ToString().Split('x')[0];
        escape.ShouldStartWith("\u001b[");
        return escape;
    }

    private static string Line(string output, string cell) => output.Split('\n').Single(line => line.Contains(cell, StringComparison.Ordinal));

    [Fact]
    public async Task The_Spectre_table_shows_the_title_every_terminal_column_and_the_values_as_the_Markdown_table_formats_them()
    {
        var output = await SpectreAsync(Sample());

        output.ShouldContain("Sample table");
        foreach (var header in new[] { "name", "value", "ratio", "count" })
        {
            output.ShouldContain(" " + header + " ");
        }

        output.ShouldNotContain("hidden");
        output.ShouldNotContain("987.654");
        foreach (var cell in new[] { "alpha-row", "1.2346", "0.50", "3", "beta-row", "22.5000", "0.13", "40", "gamma-row", "1.00", "500" })
        {
            output.ShouldContain(cell);
        }

        // Numeric columns align right: in the count column, 3 ends where 500 ends.
        var three = Line(output, "alpha-row");
        var fiveHundred = Line(output, "gamma-row");
        (three.IndexOf(" 3 ", StringComparison.Ordinal) + 2).ShouldBe(fiveHundred.IndexOf("500 ", StringComparison.Ordinal) + 3);
    }

    [Fact]
    public async Task Only_the_highlighted_rows_carry_the_highlight_style_and_the_marker()
    {
        var output = await SpectreAsync(Sample());
        var escape = HighlightEscape();

        var highlighted = Line(output, "beta-row");
        highlighted.ShouldContain(escape + "beta-row");
        highlighted.ShouldContain(escape + "22.5000");
        highlighted.ShouldContain(escape + SpectreTableWriter.Marker);
        foreach (var plain in new[] { "alpha-row", "gamma-row" })
        {
            Line(output, plain).ShouldNotContain(escape);
            Line(output, plain).ShouldNotContain(SpectreTableWriter.Marker);
        }

        output.ShouldContain("on the Pareto front");
    }

    [Fact]
    public async Task A_table_wider_than_the_console_is_drawn_in_parts_that_fit_each_with_the_row_names_and_whole_numbers()
    {
        var columns = new[] { new TableColumn("alpha", Key: true) }.Concat(Enumerable.Range(0, 10).Select(c => new TableColumn($"metric_{c}"))).ToArray();
        var rows = Enumerable.Range(0, 3)
            .Select(r => new object?[] { $"row-{r}" }.Concat(Enumerable.Range(0, 10).Select(c => (object?)(100 * r + c + 0.123456))).ToArray())
            .ToArray();
        var wide = new Table("wide", "Wide table", columns, rows) { HighlightedRows = Table.RowsWhere([false, true, false]) };

        var output = await SpectreAsync(wide, width: 60);
        var visible = System.Text.RegularExpressions.Regex.Replace(output, "\u001b\\[[0-9;]*m", string.Empty);

        visible.Split('\n').ShouldAllBe(line => line.TrimEnd().Length <= 60);
        var parts = System.Text.RegularExpressions.Regex.Matches(visible, @"Wide table \(part (\d) of (\d)\)");
        parts.Count.ShouldBeGreaterThan(1);
        parts.Select(part => part.Groups[2].Value).Distinct().ShouldBe([parts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        parts.Select(part => part.Groups[1].Value).ShouldBe(Enumerable.Range(1, parts.Count).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        System.Text.RegularExpressions.Regex.Matches(visible, " metric_\\d ").Count.ShouldBe(10, "every column is shown once");
        System.Text.RegularExpressions.Regex.Matches(visible, "row-1").Count.ShouldBe(parts.Count, "every part names the rows");
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 10; c++)
            {
                visible.ShouldContain($" {100 * r + c + 0.123456:0.0000} ".Replace(',', '.'), Case.Sensitive, "numbers are never broken across lines");
            }
        }

        (await SpectreAsync(wide, width: 200)).ShouldNotContain("(part ");
    }

    [Fact]
    public void Every_part_of_a_split_table_holds_all_key_columns_and_each_other_column_once()
    {
        // point, alpha (key), seed (key), then six metric columns of 9 characters: 6 + 3 per column of chrome.
        string[] headers = ["point", "alpha", "seed", "m_a", "m_b", "m_c", "m_d", "m_e", "m_f"];
        var formatted = new FormattedTable(
            "t",
            headers,
            headers.Select(_ => true).ToArray(),
            [headers.Select(_ => "123456789").ToArray()],
            new HashSet<int>()) { Keys = [false, true, true, false, false, false, false, false, false] };

        var parts = SpectreTableWriter.Parts(formatted, width: 1 + (5 * 12)); // the two keys and three more columns a part

        parts.Count.ShouldBe(3);
        parts.ShouldAllBe(part => part[0] == 1 && part[1] == 2);
        parts.SelectMany(part => part.Skip(2)).ShouldBe([0, 3, 4, 5, 6, 7, 8]);
        SpectreTableWriter.Parts(formatted, width: 1 + (9 * 12)).ShouldBe([[0, 1, 2, 3, 4, 5, 6, 7, 8]]);
        var emptyLast = formatted with { Cells = [[.. formatted.Cells[0].Take(8), string.Empty]] };
        SpectreTableWriter.Parts(emptyLast, width: 1 + (9 * 12)).ShouldBe([[0, 1, 2, 3, 4, 5, 6, 7]], "an all-empty column is left out");
    }

    [Fact]
    public async Task A_table_without_highlighted_rows_has_no_marker_column_and_no_highlight()
    {
        var output = await SpectreAsync(Sample(Table.RowsWhere([])));

        output.ShouldNotContain(HighlightEscape());
        output.ShouldNotContain(SpectreTableWriter.Marker);
        output.ShouldNotContain("on the Pareto front");
        Line(output, "beta-row").TrimStart().ShouldStartWith("│ beta-row");
    }

    [Fact]
    public async Task Markup_characters_in_the_title_headers_and_cells_print_literally()
    {
        var table = new Table("markup", "Title [bold]x[/]", [new("[red]"), new("cell")], [["[red]danger[/]", "[[x]] ]"]]);
        var output = await SpectreAsync(table);

        output.ShouldContain("Title [bold]x[/]");
        output.ShouldContain("[red]");
        output.ShouldContain("[red]danger[/]");
        output.ShouldContain("[[x]] ]");
    }

    [Fact]
    public async Task The_Markdown_writer_writes_the_Markdown_table_and_ignores_highlighting()
    {
        using var text = new StringWriter();
        await new MarkdownTableWriter(text).WriteAsync(Sample());

        text.ToString().ShouldBe(TextTableFormat.Render(Sample()) + text.NewLine);
        TextTableFormat.Render(Sample()).ShouldBe(TextTableFormat.Render(Sample(Table.RowsWhere([]))));
        TextTableFormat.Render(Sample()).ShouldBe(
            """
            ### Sample table

            | name      |   value | ratio | count |
            | --------- | ------: | ----: | ----: |
            | alpha-row |  1.2346 |  0.50 |     3 |
            | beta-row  | 22.5000 |  0.13 |    40 |
            | gamma-row |         |  1.00 |   500 |

            """.ReplaceLineEndings("\n"));
    }

    /// <summary>
    /// Hand-made runs over three seeds: point 0 (alpha 1) has low disparity, point 2 (alpha 3) low error, point 1
    /// (alpha 2) is worse than point 0 in both, so the front is points 0 and 2. Point 2's run of seed 3 failed.
    /// </summary>
    private static ExperimentResult HandMadeResult(TempDataFolder folder)
    {
        int[] seeds = [1, 2, 3];
        var spec = SyntheticExperiment.Spec(alphas: [1.0, 2.0, 3.0], seeds: seeds);
        var (experiment, data) = SyntheticExperiment.Prepare(folder, spec);
        var plan = SweepPlan.Create(spec);
        static RunResult Run(int seed, SweepPoint? point, double error, double disparity) => new(seed, point, 0, 1, 1, new RunMetrics(
            new GroupErrorReport(new ErrorMetrics(error, error, error), new ErrorMetrics(0, 0, 0), new ErrorMetrics(disparity, disparity, disparity)),
            EquatableArray<AuxiliaryMetric>.Empty), null);
        var baseline = seeds.Select(seed => Run(seed, null, 10 + seed, 5)).ToArray();
        var sweep = seeds.SelectMany(seed => new[]
        {
            Run(seed, plan.Points[0], 9 + (0.1 * seed), 1 + (0.1 * seed)),
            Run(seed, plan.Points[1], 12 + (0.1 * seed), 3 + (0.1 * seed)),
            seed == 3
                ? new RunResult(seed, plan.Points[2], 0, 1, 1, null, "loss diverged")
                : Run(seed, plan.Points[2], 4 + (0.1 * seed), 4 + (0.1 * seed)),
        }).ToArray();
        var points = PointSummary.Summarize(plan.Points, sweep);
        return new ExperimentResult(experiment, data, plan, baseline, sweep, points, [points[0], points[2]], new FairMtl.Execution.RunTimings(0, 0, 1, 0, 0));
    }

    [Fact]
    public void The_sweep_and_seed_tables_highlight_the_rows_of_the_front_points_and_the_Pareto_table_none()
    {
        using var folder = new TempDataFolder();
        var result = HandMadeResult(folder);

        // Sweep rows: seed 1 points 0, 1, 2; seed 2 the same; seed 3 the same, its point 2 failed (not highlighted).
        var sweep = ResultTables.Sweep(result);
        sweep.HighlightedRows.Order().ShouldBe([0, 2, 3, 5, 6]);
        sweep.HighlightedRows.ShouldAllBe(row => result.Pareto.Any(p => p.Point.Index == (int)sweep.Rows[row][0]!));

        // Seed rows: the baseline, then points 0, 1, 2; on_mean_front says yes for exactly the highlighted ones.
        var seedTable = ResultTables.Seeds(result);
        seedTable.HighlightedRows.Order().ShouldBe([1, 3]);
        var onMeanFront = seedTable.Columns.Select(c => c.Name).ToList().IndexOf("on_mean_front");
        Enumerable.Range(0, seedTable.Rows.Count).Where(row => Equals(seedTable.Rows[row][onMeanFront], "yes")).ShouldBe([1, 3]);

        ResultTables.Pareto(result).HighlightedRows.ShouldBeEmpty();
        ResultTables.Baseline(result).HighlightedRows.ShouldBeEmpty();
    }
}
