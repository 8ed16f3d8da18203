using System.Globalization;
using System.Text;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;

namespace FairMtl.Tests.FairMt;

/// <summary>
/// A small synthetic FairMT data set: inputs x1, x2 and x3 (a noisy proxy of the group), the group (p or u, about half
/// each), a regression label y, a binary label b whose positives are clearly separated from its negatives in group p and
/// only weakly in group u (group u is worse served), a multi-class label c (lo, mid, hi, from x2), a multi-class label n
/// with numeric values (9, 10, 100) and a multi-label pair m1, m2. Every field is written, none is missing.
/// </summary>
internal static class FairMtSynthetic
{
    /// <summary>The CSV header's columns, in order.</summary>
    public static readonly string[] Columns = ["x1", "x2", "x3", "group", "y", "b", "c", "n", "m1", "m2"];

    /// <summary>The regression, binary and multi-class tasks, one constrained each, and the three methods.</summary>
    public const string Yaml = """
        name: fmt-synthetic
        data:
          file: data.csv
          missing: ["", "?"]
          features: { include: [x1, x2, x3] }
          split: { test: 0.25, validation: 0.2 }
        model: { trunk: [16], head_hidden: [8] }
        tasks:
          y: { type: regression, column: y, harm: { kind: mse, scale: measured } }
          b: { column: b, harm: opportunity }
          c: { type: multi-class, column: c, classes: [lo, mid, hi], harm: opportunity }
        sensitive:
          g: { column: group }
        constraint: { attribute: g, smoothing: 0.9 }
        methods:
          MTL: { kind: multi-task }
          PEN: { kind: penalty }
          PD: { kind: primal-dual, dual_step: 0.5 }
        sweep: { lambda: [1], epsilon: [0] }
        protocol: { repetitions: 1, seed: 3 }
        training:
          optimizer: { name: adam, lr: 0.01 }
          batch_size: 64
          epochs: 3
        """;

    /// <summary>The rows' fields (<see cref="Columns"/> order), to edit before <see cref="Csv(IEnumerable{string[]})"/>.</summary>
    public static List<string[]> Rows(int rows, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

        var list = new List<string[]>(rows);
        for (var i = 0; i < rows; i++)
        {
            var u = random.NextDouble() < 0.5;
            var x1 = Normal();
            var x2 = Normal();
            var x3 = (u ? 1d : 0d) + (0.3 * Normal());
            var y = x1 + (0.5 * x2) + (0.3 * Normal());
            var b = u ? (0.3 * x1) + Normal() > 0 : x1 + (0.3 * Normal()) > 0;
            var c = x2 < -0.5 ? "lo" : x2 < 0.5 ? "mid" : "hi";
            var n = x1 < -0.5 ? "100" : x1 < 0.5 ? "9" : "10";
            var m1 = x1 + x2 > 0.5 ? "1" : "0";
            var m2 = x1 - x2 > 0.5 ? "1" : "0";
            list.Add([F(x1), F(x2), F(x3), u ? "u" : "p", F(y), b ? "1" : "0", c, n, m1, m2]);
        }

        return list;
    }

    /// <summary>The CSV text of <paramref name="rows"/> under the header.</summary>
    public static string Csv(IEnumerable<string[]> rows)
    {
        var csv = new StringBuilder(string.Join(",", Columns)).Append('\n');
        foreach (var row in rows)
        {
            csv.Append(string.Join(",", row)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary><paramref name="rows"/> generated rows with seed <paramref name="seed"/> as CSV text.</summary>
    public static string Csv(int rows, int seed) => Csv(Rows(rows, seed));

    /// <summary><paramref name="yaml"/> parsed with <paramref name="folder"/> as its base directory.</summary>
    public static LoadedComparison Parse(string yaml, string folder) => ComparisonYamlReader.Parse(yaml, "fmt.yaml", folder);
}
