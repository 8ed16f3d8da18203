using System.Globalization;
using FairMtl.Comparisons;
using FairMtl.Data;
using FairMtl.Diagnostics;
using FairMtl.Tests.Data;
using FairMtl.Tests.Yaml;

namespace FairMtl.Tests.FairMt;

/// <summary>
/// The FairMT kind's data: a missing label keeps its row for the other tasks (NaN for its own task in every part), a
/// missing input drops the row, labels of every task type are encoded as documented, and labels injected as missing
/// (<c>tasks.&lt;t&gt;.missing</c>) touch only the training and validation rows of the declared group.
/// </summary>
public class FairMtDataTests
{
    private const int Y = 4;
    private const int B = 5;
    private const int C = 6;
    private const int N = 7;
    private const int M1 = 8;

    /// <summary>The synthetic spec with two more tasks: numeric classes without a declared order, and a multi-label pair.</summary>
    private static readonly string AllTypes = FairMtSynthetic.Yaml.WithLine(
        "c:",
        "  c: { type: multi-class, column: c, classes: [lo, mid, hi], harm: opportunity }\n"
        + "  n: { type: multi-class, column: n }\n"
        + "  m: { type: multi-label, columns: [m1, m2] }");

    [Fact]
    public void A_missing_label_keeps_its_row_for_the_other_tasks_and_a_missing_input_drops_it()
    {
        var rows = FairMtSynthetic.Rows(240, 1);
        for (var i = 0; i < rows.Count; i += 8)
        {
            rows[i][Y] = i % 16 == 0 ? string.Empty : "?";   // an empty field and a data.missing marker: both a missing label
        }

        rows[3][B] = string.Empty;
        rows[5][C] = "?";
        rows[7][N] = string.Empty;
        rows[9][M1] = "?";             // one of the multi-label task's columns: its other label stays
        rows[20][0] = "?";             // a missing input: the row is dropped
        rows[21][1] = string.Empty;
        using var folder = new TempDataFolder();
        folder.Write("data.csv", FairMtSynthetic.Csv(rows));
        var data = ComparisonData.Load(FairMtSynthetic.Parse(AllTypes, folder.Path));

        var kept = Enumerable.Range(0, rows.Count).Where(i => i is not (20 or 21)).ToArray();
        data.Table.Rows.ShouldBe(kept.Length, "only the rows with a missing input are dropped");
        var (y, b, c, n, m) = (data.Labels[0], data.Labels[1], data.Labels[2], data.Labels[3], data.Labels[4]);
        c.ClassNames.ShouldBe(["lo", "mid", "hi"], "the declared order");
        n.ClassNames.ShouldBe(["9", "10", "100"], "undeclared numeric classes in numeric order, not text order");
        (y.Width, b.Width, c.Width, n.Width, m.Width).ShouldBe((1, 1, 1, 1, 2));
        m.Values.Length.ShouldBe(2 * kept.Length, "a multi-label task has one value per column and row");
        for (var k = 0; k < kept.Length; k++)
        {
            var row = rows[kept[k]];
            ShouldBeLabel(y.Values[k], row[Y], float.Parse(row[Y].Length == 0 || row[Y] == "?" ? "0" : row[Y], CultureInfo.InvariantCulture), $"y of row {kept[k]}");
            ShouldBeLabel(b.Values[k], row[B], row[B] == "1" ? 1f : 0f, $"b of row {kept[k]}");
            ShouldBeLabel(c.Values[k], row[C], Array.IndexOf(["lo", "mid", "hi"], row[C]), $"c of row {kept[k]}");
            ShouldBeLabel(n.Values[k], row[N], Array.IndexOf(["9", "10", "100"], row[N]), $"n of row {kept[k]}");
            ShouldBeLabel(m.Values[2 * k], row[M1], row[M1] == "1" ? 1f : 0f, $"m1 of row {kept[k]}");
            ShouldBeLabel(m.Values[(2 * k) + 1], row[M1 + 1], row[M1 + 1] == "1" ? 1f : 0f, $"m2 of row {kept[k]}");
        }

        // Rows 3, 5, 7 and 9 lost one task's label and keep every other.
        foreach (var (k, missing) in new[] { (3, 1), (5, 2), (7, 3) })
        {
            for (var t = 0; t < 4; t++)
            {
                float.IsNaN(data.Labels[t].Values[k]).ShouldBe(t == missing, $"row {k}, task {t}");
            }

            m.IsLabelled(k).ShouldBeTrue();
        }

        (float.IsNaN(m.Values[18]), float.IsNaN(m.Values[19])).ShouldBe((true, false), "row 9: m1 missing, m2 kept");
        m.IsLabelled(9).ShouldBeTrue();

        // In every part, a row's label for each task is the label of its source row (NaN where missing).
        var repetition = data.Split(0);
        foreach (var (name, part) in new[] { ("training", repetition.Train), ("validation", repetition.Validation), ("test", repetition.Test) })
        {
            part.Targets["y"].Count(float.IsNaN).ShouldBeGreaterThan(0, $"the {name} part holds rows without y");
            for (var i = 0; i < part.Rows; i++)
            {
                var source = part.SourceRows[i];
                for (var t = 0; t < data.Labels.Count; t++)
                {
                    var width = data.Labels[t].Width;
                    var task = new[] { "y", "b", "c", "n", "m" }[t];
                    for (var j = 0; j < width; j++)
                    {
                        BitConverter.SingleToInt32Bits(part.Targets[task][(i * width) + j])
                            .ShouldBe(BitConverter.SingleToInt32Bits(data.Labels[t].Values[(source * width) + j]), $"{name} row {i}, task {task}");
                    }
                }
            }
        }
    }

    [Fact]
    public void A_regression_label_that_is_not_a_number_is_located_in_the_data_file()
    {
        var rows = FairMtSynthetic.Rows(120, 2);
        rows[30][Y] = "n/a";
        using var folder = new TempDataFolder();
        var path = folder.Write("data.csv", FairMtSynthetic.Csv(rows));

        var error = Should.Throw<FairMtlException>(() => ComparisonData.Load(FairMtSynthetic.Parse(FairMtSynthetic.Yaml, folder.Path)));

        error.Code.ShouldBe(DiagnosticCodes.NonNumeric);
        error.Code.ShouldBe("FMTL011");
        error.Detail.ShouldStartWith("column 'y' holds 'n/a' where a number was expected");
        Path.GetFileName(error.Location!.File).ShouldBe("data.csv");
        error.Location.Line.ShouldBe(32, "the header is line 1, row 0 line 2");
        error.Location.Column.ShouldBe(string.Join(",", rows[30].Take(Y)).Length + 2, "the 1-based column of the field");
        File.ReadAllLines(path)[31].Substring(error.Location.Column - 1).ShouldStartWith("n/a,");
    }

    [Fact]
    public void Injected_missing_labels_by_group_touch_about_half_of_that_groups_training_and_validation_labels_only()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", FairMtSynthetic.Csv(400, 3));
        var yaml = FairMtSynthetic.Yaml.WithLine("b:", "  b: { column: b, harm: opportunity, missing: { rate: 0.5, mechanism: by-group, group: u } }");
        var data = ComparisonData.Load(FairMtSynthetic.Parse(yaml, folder.Path));
        data.Attributes[0].Names.ShouldBe(["p", "u"]);
        var repetition = data.Split(0);

        var removed = new List<int>();
        foreach (var part in new[] { repetition.Train, repetition.Validation })
        {
            var (groups, targets) = (part.Groups!["g"], part.Targets["b"]);
            var u = Enumerable.Range(0, part.Rows).Where(i => groups[i] == 1).ToArray();
            var share = u.Count(i => float.IsNaN(targets[i])) / (double)u.Length;
            share.ShouldBeInRange(0.3, 0.7, $"{part.Rows} rows, {u.Length} of group u");
            Enumerable.Range(0, part.Rows).Where(i => groups[i] == 0).ShouldAllBe(i => !float.IsNaN(targets[i]), "group p keeps every label");
            removed.AddRange(Enumerable.Range(0, part.Rows).Where(i => float.IsNaN(targets[i])).Select(i => part.SourceRows[i]));
            for (var i = 0; i < part.Rows; i++)
            {
                if (!float.IsNaN(targets[i]))
                {
                    targets[i].ShouldBe(data.Labels[1].Values[part.SourceRows[i]]);
                }
            }
        }

        foreach (var part in new[] { repetition.Train, repetition.Validation, repetition.Test })
        {
            part.Targets["y"].ShouldAllBe(v => !float.IsNaN(v), "another task's labels are untouched");
            part.Targets["c"].ShouldAllBe(v => !float.IsNaN(v), "another task's labels are untouched");
        }

        repetition.Test.Targets["b"].ShouldAllBe(v => !float.IsNaN(v), "test labels are never removed");
        data.Labels[1].Values.ShouldAllBe(v => !float.IsNaN(v), "the data's own labels stay: only the parts lose them");

        Removed(yaml, folder.Path).ShouldBe(removed, "the same seed removes the same labels");
        Removed(yaml.WithLine("protocol:", "protocol: { repetitions: 1, seed: 4 }"), folder.Path).ShouldNotBe(removed, "another seed removes others");
    }

    [Fact]
    public void Injected_missing_labels_at_random_touch_both_groups()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", FairMtSynthetic.Csv(400, 3));
        var yaml = FairMtSynthetic.Yaml.WithLine("b:", "  b: { column: b, harm: opportunity, missing: { rate: 0.5, mechanism: mcar } }");
        var repetition = ComparisonData.Load(FairMtSynthetic.Parse(yaml, folder.Path)).Split(0);

        foreach (var part in new[] { repetition.Train, repetition.Validation })
        {
            for (var group = 0; group < 2; group++)
            {
                var rows = Enumerable.Range(0, part.Rows).Where(i => part.Groups!["g"][i] == group).ToArray();
                (rows.Count(i => float.IsNaN(part.Targets["b"][i])) / (double)rows.Length).ShouldBeInRange(0.3, 0.7, $"group {group} of {part.Rows} rows");
            }
        }

        repetition.Test.Targets["b"].ShouldAllBe(v => !float.IsNaN(v), "test labels are never removed");
    }

    [Fact]
    public void Injection_draws_among_multi_label_rows_with_one_label_missing_and_removes_all_of_a_rows_labels()
    {
        // Every even row misses m1: it is labelled (m2), so eligible for the draw.
        var rows = FairMtSynthetic.Rows(400, 4);
        for (var i = 0; i < rows.Count; i += 2)
        {
            rows[i][M1] = string.Empty;
        }

        using var folder = new TempDataFolder();
        folder.Write("data.csv", FairMtSynthetic.Csv(rows));
        var yaml = FairMtSynthetic.Yaml.WithLine(
            "c:", "  c: { type: multi-class, column: c, classes: [lo, mid, hi], harm: opportunity }\n  m: { type: multi-label, columns: [m1, m2], missing: { rate: 0.5 } }");
        var repetition = ComparisonData.Load(FairMtSynthetic.Parse(yaml, folder.Path)).Split(0);

        var part = repetition.Train;
        var targets = part.Targets["m"];
        var even = Enumerable.Range(0, part.Rows).Where(i => part.SourceRows[i] % 2 == 0).ToArray();
        var odd = Enumerable.Range(0, part.Rows).Where(i => part.SourceRows[i] % 2 == 1).ToArray();
        even.ShouldAllBe(i => float.IsNaN(targets[2 * i]));
        (even.Count(i => float.IsNaN(targets[(2 * i) + 1])) / (double)even.Length).ShouldBeInRange(0.3, 0.7, "rows with m2 only lose it about half the time");
        (odd.Count(i => float.IsNaN(targets[2 * i])) / (double)odd.Length).ShouldBeInRange(0.3, 0.7);
        odd.ShouldAllBe(i => float.IsNaN(targets[2 * i]) == float.IsNaN(targets[(2 * i) + 1]), "a row loses all of its labels or none");
    }

    private static List<int> Removed(string yaml, string folder)
    {
        var repetition = ComparisonData.Load(FairMtSynthetic.Parse(yaml, folder)).Split(0);
        return new[] { repetition.Train, repetition.Validation }
            .SelectMany(part => Enumerable.Range(0, part.Rows).Where(i => float.IsNaN(part.Targets["b"][i])).Select(i => part.SourceRows[i]))
            .ToList();
    }

    private static void ShouldBeLabel(float actual, string field, float expected, string what)
    {
        if (field.Length == 0 || field == "?")
        {
            float.IsNaN(actual).ShouldBeTrue(what);
        }
        else
        {
            actual.ShouldBe(expected, what);
        }
    }
}
