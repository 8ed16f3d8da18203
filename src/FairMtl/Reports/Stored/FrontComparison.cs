using System.Globalization;
using FairMtl.Diagnostics;
using FairMtl.Evaluation.Statistics;
using FairMtl.Reports.Schema;

namespace FairMtl.Reports.Stored;

/// <summary>
/// Two results of the same points compared seed by seed (typically a loss-conditional run against the one that trains a
/// model per point): two sweeps (points: the sweep's; seeds; the Pareto pair; the baseline), or one front method of two
/// method comparisons (points: its lambdas; seeds: the repetitions; (front fairness metric, 1 - the first AUC); the
/// single-task method). Per seed, each front's hypervolume against the reference run's baseline of that seed; their
/// means, t intervals and paired difference; per point, the paired differences of error and disparity; and what each
/// cost in optimizer steps and training time.
/// </summary>
public sealed class FrontComparison
{
    private FrontComparison()
    {
    }

    /// <summary>The compared run's experiment name (A), with the front method for comparisons (<c>adult-sex: MTL-GLF</c>).</summary>
    public required string Compared { get; init; }

    /// <summary>The reference run's experiment name (B), whose per-seed baselines are the hypervolume's reference points.</summary>
    public required string Reference { get; init; }

    /// <summary>The sweep variables.</summary>
    public required IReadOnlyList<string> Variables { get; init; }

    /// <summary>The Pareto pair's error column (e.g. <c>rmse</c>) and disparity column (e.g. <c>rmse_disp</c>).</summary>
    public required (string Error, string Disparity) Pair { get; init; }

    /// <summary>What each seed's hypervolume is measured against.</summary>
    public required string ReferencePoint { get; init; }

    /// <summary>The seeds both runs trained, in the reference run's order.</summary>
    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>Per seed, the compared run's hypervolume (same order as <see cref="Seeds"/>).</summary>
    public required IReadOnlyList<double> ComparedHypervolumes { get; init; }

    /// <summary>Per seed, the reference run's hypervolume.</summary>
    public required IReadOnlyList<double> ReferenceHypervolumes { get; init; }

    /// <summary>Per common point, the paired differences (compared minus reference) over the seeds.</summary>
    public required IReadOnlyList<PointDifference> Points { get; init; }

    /// <summary>Per common point, the compared run's (disparity, error) means over the common seeds.</summary>
    public required IReadOnlyList<(double Disparity, double Error)> ComparedMeans { get; init; }

    /// <summary>Per common point, the reference run's means.</summary>
    public required IReadOnlyList<(double Disparity, double Error)> ReferenceMeans { get; init; }

    /// <summary>The reference run's baseline (the hypervolume's reference point), its means over the common seeds.</summary>
    public required (double Disparity, double Error) Baseline { get; init; }

    /// <summary>Optimizer steps of the sweep's models (baselines excluded): compared, reference.</summary>
    public required (long Compared, long Reference) Steps { get; init; }

    /// <summary>Training seconds of each whole run (baselines included), as each recorded them.</summary>
    public required (double Compared, double Reference) Seconds { get; init; }

    public SampleSummary ComparedHypervolume => SampleSummary.Of(ComparedHypervolumes.ToArray());

    public SampleSummary ReferenceHypervolume => SampleSummary.Of(ReferenceHypervolumes.ToArray());

    /// <summary>Compared minus reference hypervolume, over the seeds.</summary>
    public SampleSummary HypervolumeDifference => SampleSummary.Of(ComparedHypervolumes.Zip(ReferenceHypervolumes, (a, b) => a - b).ToArray());

    /// <summary>The exact Wilcoxon signed-rank test of the paired hypervolumes.</summary>
    public WilcoxonResult HypervolumeTest => WilcoxonSignedRank.Test(ComparedHypervolumes.ToArray(), ReferenceHypervolumes.ToArray());

    /// <summary>
    /// Compares the sweep results in <paramref name="compared"/> and <paramref name="reference"/> on their common points
    /// and seeds.
    /// </summary>
    /// <param name="compared">A sweep's or a method comparison's results.</param>
    /// <param name="reference">Results of the same kind.</param>
    /// <param name="method">For method comparisons, the front method compared (it must be on both fronts).</param>
    /// <exception cref="FairMtlException">FMTL017 when either is not a sweep's or a method comparison's results, they
    /// are of different kinds, sweep different variables or score different pairs, share no seed or point, or the
    /// reference has no baseline.</exception>
    /// <param name="nadir">Whether each seed's reference point is the nadir of both runs' points of that seed (the worst
    /// disparity and the worst error, each pushed out by a tenth of its range) instead of the reference run's baseline:
    /// for fronts that seldom dominate their baseline (a comparison's auxiliary methods against its single-task model),
    /// whose hypervolume against the baseline is zero.</param>
    public static FrontComparison Of(StoredResults compared, StoredResults reference, string? method = null, bool nadir = false)
    {
        if (compared.Kind != reference.Kind)
        {
            throw Mismatch(compared, $"is a {compared.Kind} result and {reference.Directory} a {reference.Kind} result; compare results of one kind");
        }

        var runs = new[] { compared, reference }.Select(results => results.Kind switch
        {
            ResultKind.Experiment => Runs.Read(results),
            ResultKind.Comparison => Runs.ReadFront(results, method ?? throw new ArgumentNullException(nameof(method), "A comparison's front method is needed.")),
            ResultKind.MultiTask => Runs.ReadSettings(results, method ?? throw new ArgumentNullException(nameof(method), "A comparison's method is needed.")),
            _ => throw Mismatch(results, "is a FairMT result, whose points are not shared settings of one method (compare sweeps, method comparisons or multi-task comparisons)"),
        }).ToArray();
        var (a, b) = (runs[0], runs[1]);
        if (!a.Variables.SequenceEqual(b.Variables))
        {
            throw Mismatch(compared, $"sweeps {Join(a.Variables)}, but {reference.Directory} sweeps {Join(b.Variables)}");
        }

        if (a.Pair != b.Pair)
        {
            throw Mismatch(compared, $"scores ({a.Pair.Disparity}, {a.Pair.Error}), but {reference.Directory} scores ({b.Pair.Disparity}, {b.Pair.Error})");
        }

        var seeds = b.Seeds.Where(a.Seeds.Contains).ToArray();
        var points = b.Points.Where(a.Points.Contains).ToArray();
        if (seeds.Length == 0 || points.Length == 0)
        {
            throw Mismatch(compared, $"shares no {(seeds.Length == 0 ? "seed" : "sweep point")} with {reference.Directory}");
        }

        if (b.Baselines.Count == 0)
        {
            throw Mismatch(reference, "has no successful baseline run, which the hypervolume's reference point is");
        }

        seeds = seeds.Where(b.Baselines.ContainsKey).ToArray();
        var suffix = method is null ? string.Empty : ": " + method;
        return new FrontComparison
        {
            Compared = compared.String("experiment") + suffix,
            Reference = reference.String("experiment") + suffix,
            Variables = a.Variables,
            Pair = a.Pair,
            Seeds = seeds,
            ReferencePoint = nadir ? "the nadir of both runs' points of that seed, pushed out by a tenth of each range"
                : reference.Kind == ResultKind.MultiTask ? "(1, 1), the single-task references' own ARFG and ARE"
                : $"that seed's baseline in {reference.String("experiment")}",
            ComparedHypervolumes = seeds.Select(seed => a.Hypervolume(seed, points, nadir ? Nadir(seed, points, a, b) : b.Baselines[seed])).ToArray(),
            ReferenceHypervolumes = seeds.Select(seed => b.Hypervolume(seed, points, nadir ? Nadir(seed, points, a, b) : b.Baselines[seed])).ToArray(),
            Points = points.Select(point => PointDifference.Of(point, seeds, a, b)).ToArray(),
            ComparedMeans = points.Select(point => a.Mean(point, seeds)).ToArray(),
            ReferenceMeans = points.Select(point => b.Mean(point, seeds)).ToArray(),
            Baseline = (seeds.Average(seed => b.Baselines[seed].Disparity), seeds.Average(seed => b.Baselines[seed].Error)),
            Steps = (a.SweepSteps, b.SweepSteps),
            Seconds = (a.TrainSeconds, b.TrainSeconds),
        };
    }

    /// <summary>The worst disparity and error of both runs' points of <paramref name="seed"/>, each pushed out by a tenth
    /// of its range (so that the extreme points add area).</summary>
    private static (double Disparity, double Error) Nadir(int seed, IReadOnlyList<string> points, Runs a, Runs b)
    {
        var values = points.SelectMany(point => new[] { a.Value(point, seed), b.Value(point, seed) }).OfType<(double Disparity, double Error)>().ToArray();
        if (values.Length == 0)
        {
            return (double.NaN, double.NaN);
        }

        double Out(Func<(double Disparity, double Error), double> metric) =>
            values.Max(metric) + (0.1 * (values.Max(metric) - values.Min(metric)));
        return (Out(v => v.Disparity), Out(v => v.Error));
    }

    private static FairMtlException Mismatch(StoredResults results, string detail) =>
        new(DiagnosticCodes.ResultFile, SourceLocation.OfFile(results.Directory), $"{results.Directory} {detail}");

    private static string Join(IEnumerable<string> names) => "(" + string.Join(", ", names) + ")";

    /// <summary>One run's successful (disparity, error) values per point and seed, its baselines and costs.</summary>
    internal sealed class Runs
    {
        private readonly Dictionary<(string Point, int Seed), (double Disparity, double Error)> _values = new();

        public required IReadOnlyList<string> Variables { get; init; }

        public required (string Error, string Disparity) Pair { get; init; }

        public required IReadOnlyList<int> Seeds { get; init; }

        /// <summary>Point keys (the variables' values as stored, joined), in sweep order.</summary>
        public required IReadOnlyList<string> Points { get; init; }

        public required IReadOnlyDictionary<int, (double Disparity, double Error)> Baselines { get; init; }

        public required long SweepSteps { get; init; }

        public required double TrainSeconds { get; init; }

        public static Runs Read(StoredResults results)
        {
            var sweep = StoredSweep.Read(results);
            var pair = (sweep.Error, sweep.Disparity);
            var table = results.Table(TableNames.Sweep);
            var baseline = results.Table(TableNames.Baseline);
            var runs = new Runs
            {
                Variables = sweep.Variables,
                Pair = pair,
                Seeds = Enumerable.Range(0, table.Rows.Count).Select(row => Seed(table, row)).Distinct().ToArray(),
                Points = sweep.Points.Select(point => Key(point.Values)).ToArray(),
                Baselines = Enumerable.Range(0, baseline.Rows.Count)
                    .Where(row => baseline.Text(row, RunColumns.Status) == RunColumns.Ok)
                    .ToDictionary(row => Seed(baseline, row), row => (baseline.Number(row, pair.Disparity), baseline.Number(row, pair.Error))),
                SweepSteps = (long)Math.Round(results.Find("timings.optimizer_steps")?.GetDouble() ?? double.NaN)
                    - Enumerable.Range(0, baseline.Rows.Count).Sum(row => (long)baseline.Number(row, RunColumns.Steps)),
                TrainSeconds = results.Find("timings.train_seconds")?.GetDouble() ?? double.NaN,
            };
            for (var row = 0; row < table.Rows.Count; row++)
            {
                if (table.Text(row, RunColumns.Status) == RunColumns.Ok)
                {
                    var key = Key(sweep.Variables.Select(variable => table.Text(row, variable)));
                    runs._values[(key, Seed(table, row))] = (table.Number(row, pair.Disparity), table.Number(row, pair.Error));
                }
            }

            return runs;
        }

        /// <summary>
        /// One front method of a method comparison's results: its lambdas are the points, the repetitions the seeds, the
        /// pair (the front's fairness metric, 1 - the first metric column, AUC), the single-task method the baseline. A
        /// conditional front's model carries its steps on every lambda's row: they count once per repetition.
        /// </summary>
        public static Runs ReadFront(StoredResults results, string method)
        {
            var front = results.Find("spec.front");
            var methods = results.Find("spec.front.methods")?.EnumerateArray().Select(name => name.GetString()).ToArray() ?? [];
            if (!methods.Contains(method))
            {
                throw Mismatch(results, $"has no front method '{method}' (its front: {string.Join(", ", methods)})");
            }

            var table = results.Table(TableNames.Runs);
            var metrics = results.Find("metrics")!.Value.EnumerateArray().Select(name => name.GetString()!).ToArray();
            var kind = results.String("spec.front.fairness") switch
            {
                "eod" => Comparisons.MetricColumn.Eod,
                "eopd" => Comparisons.MetricColumn.Eopd,
                "fpr-gap" => Comparisons.MetricColumn.FprGap,
                "gaucd" => Comparisons.MetricColumn.Gaucd,
                _ => Comparisons.MetricColumn.DpGap,
            };
            var fairness = metrics.FirstOrDefault(name => name == $"{kind}({results.String("spec.front.attribute")})") ?? metrics.First(name => name == kind);
            var auc = metrics[0];
            var single = results.Find("spec.methods")?.EnumerateArray()
                .Where(m => m.TryGetProperty("kind", out var k) && k.GetString() == "single-task")
                .Select(m => m.GetProperty("name").GetString())
                .FirstOrDefault()
                ?? throw Mismatch(results, "has no single-task method, whose run in each repetition is the hypervolume's reference point");
            var conditional = front?.TryGetProperty("conditional", out var c) == true && c.ValueKind == System.Text.Json.JsonValueKind.Object;
            var isFront = Enumerable.Range(0, table.Rows.Count).Where(row => table.Text(row, RunColumns.Front) == RunColumns.Yes && table.Text(row, RunColumns.Method) == method).ToArray();
            var ok = (int row) => table.Text(row, RunColumns.Status) == RunColumns.Ok;
            var runs = new Runs
            {
                Variables = [RunColumns.Lambda],
                Pair = ("1 - " + auc, fairness),
                Seeds = isFront.Select(row => Repetition(table, row)).Distinct().ToArray(),
                Points = isFront.Select(row => table.Text(row, RunColumns.Lambda)).Distinct().ToArray(),
                Baselines = Enumerable.Range(0, table.Rows.Count)
                    .Where(row => table.Text(row, RunColumns.Method) == single && table.Text(row, RunColumns.Front) == RunColumns.No && ok(row))
                    .ToDictionary(row => Repetition(table, row), row => (table.Number(row, fairness), 1 - table.Number(row, auc))),
                SweepSteps = conditional
                    ? isFront.GroupBy(row => Repetition(table, row)).Sum(group => (long)table.Number(group.First(), RunColumns.Steps))
                    : isFront.Sum(row => (long)table.Number(row, RunColumns.Steps)),
                TrainSeconds = results.Find("timings.train_seconds")?.GetDouble() ?? double.NaN,
            };
            foreach (var row in isFront.Where(ok))
            {
                runs._values[(table.Text(row, RunColumns.Lambda), Repetition(table, row))] = (table.Number(row, fairness), 1 - table.Number(row, auc));
            }

            return runs;
        }

        /// <summary>
        /// One method of a multi-task comparison's results: its sweep settings (the <c>run</c> column) are the points, the
        /// repetitions the seeds, (ARFG, ARE) the pair, and the single-task references, ARFG = ARE = 1 by definition,
        /// the baseline. A conditional sweep's model carries its steps on every setting's row: they count once per
        /// repetition.
        /// </summary>
        public static Runs ReadSettings(StoredResults results, string method)
        {
            var table = results.Table(TableNames.Runs);
            var rows = Enumerable.Range(0, table.Rows.Count).Where(row => table.Text(row, RunColumns.Method) == method).ToArray();
            if (rows.Length == 0)
            {
                throw Mismatch(results, $"has no run of method '{method}'");
            }

            var conditional = results.Find("spec.sweep.conditional") is { ValueKind: System.Text.Json.JsonValueKind.Object };
            var runs = new Runs
            {
                Variables = [MultiTaskColumns.Run],
                Pair = (MultiTaskColumns.Are, MultiTaskColumns.Arfg),
                Seeds = rows.Select(row => Repetition(table, row)).Distinct().ToArray(),
                Points = rows.Select(row => table.Text(row, MultiTaskColumns.Run)).Distinct().ToArray(),
                Baselines = rows.Select(row => Repetition(table, row)).Distinct().ToDictionary(r => r, _ => (1d, 1d)),
                SweepSteps = conditional
                    ? rows.GroupBy(row => Repetition(table, row)).Sum(group => (long)table.Number(group.First(), RunColumns.Steps))
                    : rows.Sum(row => (long)table.Number(row, RunColumns.Steps)),
                TrainSeconds = results.Find("timings.train_seconds")?.GetDouble() ?? double.NaN,
            };
            foreach (var row in rows.Where(row => table.Text(row, RunColumns.Status) == RunColumns.Ok))
            {
                runs._values[(table.Text(row, MultiTaskColumns.Run), Repetition(table, row))] = (table.Number(row, MultiTaskColumns.Arfg), table.Number(row, MultiTaskColumns.Are));
            }

            return runs;
        }

        public (double Disparity, double Error)? Value(string point, int seed) =>
            _values.TryGetValue((point, seed), out var value) ? value : null;

        /// <summary>The point's means over those of <paramref name="seeds"/> it succeeded on (NaN: none).</summary>
        public (double Disparity, double Error) Mean(string point, IEnumerable<int> seeds)
        {
            var values = seeds.Select(seed => Value(point, seed)).OfType<(double Disparity, double Error)>().ToArray();
            return values.Length == 0 ? (double.NaN, double.NaN) : (values.Average(v => v.Disparity), values.Average(v => v.Error));
        }

        private static int Repetition(CsvTable table, int row) =>
            int.Parse(table.Text(row, RunColumns.Repetition), NumberStyles.Integer, CultureInfo.InvariantCulture);

        /// <summary>The hypervolume of the seed's points against <paramref name="reference"/> (0 against an undefined one:
        /// no point succeeded).</summary>
        public double Hypervolume(int seed, IEnumerable<string> points, (double Disparity, double Error) reference) =>
            double.IsNaN(reference.Disparity) || double.IsNaN(reference.Error)
                ? 0
                : Evaluation.Statistics.Hypervolume.Of(points.Select(point => Value(point, seed)).OfType<(double, double)>().ToArray(), reference);

        private static int Seed(CsvTable table, int row) => int.Parse(table.Text(row, RunColumns.Seed), NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    internal static string Key(IEnumerable<string> values) => string.Join(", ", values);
}

/// <summary>One point's paired differences (compared minus reference) over the seeds both trained it on.</summary>
/// <param name="Point">The variables' values, joined by ", ".</param>
/// <param name="Error">The error difference over the seeds.</param>
/// <param name="ErrorTest">Its exact Wilcoxon signed-rank test.</param>
/// <param name="Disparity">The disparity difference over the seeds.</param>
/// <param name="DisparityTest">Its test.</param>
public sealed record PointDifference(string Point, SampleSummary Error, WilcoxonResult ErrorTest, SampleSummary Disparity, WilcoxonResult DisparityTest)
{
    internal static PointDifference Of(string point, IReadOnlyList<int> seeds, FrontComparison.Runs compared, FrontComparison.Runs reference)
    {
        var pairs = seeds
            .Select(seed => (A: compared.Value(point, seed), B: reference.Value(point, seed)))
            .Where(pair => pair.A is not null && pair.B is not null)
            .Select(pair => (A: pair.A!.Value, B: pair.B!.Value))
            .ToArray();
        double[] Of(Func<(double Disparity, double Error), double> metric, bool fromA) =>
            pairs.Select(pair => metric(fromA ? pair.A : pair.B)).ToArray();
        var (errorA, errorB) = (Of(v => v.Error, true), Of(v => v.Error, false));
        var (disparityA, disparityB) = (Of(v => v.Disparity, true), Of(v => v.Disparity, false));
        return new PointDifference(
            point,
            SampleSummary.Of(errorA.Zip(errorB, (x, y) => x - y).ToArray()),
            WilcoxonSignedRank.Test(errorA, errorB),
            SampleSummary.Of(disparityA.Zip(disparityB, (x, y) => x - y).ToArray()),
            WilcoxonSignedRank.Test(disparityA, disparityB));
    }
}
