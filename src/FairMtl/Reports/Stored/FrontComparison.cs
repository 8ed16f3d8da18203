using System.Globalization;
using FairMtl.Diagnostics;
using FairMtl.Evaluation.Statistics;
using FairMtl.Reports.Schema;

namespace FairMtl.Reports.Stored;

/// <summary>
/// Two sweep results of the same points compared seed by seed (typically a loss-conditional run against the sweep that
/// trains a model per point): per seed, each front's hypervolume against the reference run's baseline of that seed;
/// their means, t intervals and paired difference; per point, the paired differences of error and disparity; and what
/// each cost in optimizer steps and training time.
/// </summary>
public sealed class FrontComparison
{
    private FrontComparison()
    {
    }

    /// <summary>The compared run's experiment name (A).</summary>
    public required string Compared { get; init; }

    /// <summary>The reference run's experiment name (B), whose per-seed baselines are the hypervolume's reference points.</summary>
    public required string Reference { get; init; }

    /// <summary>The sweep variables.</summary>
    public required IReadOnlyList<string> Variables { get; init; }

    /// <summary>The Pareto pair's error column (e.g. <c>rmse</c>) and disparity column (e.g. <c>rmse_disp</c>).</summary>
    public required (string Error, string Disparity) Pair { get; init; }

    /// <summary>The seeds both runs trained, in the reference run's order.</summary>
    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>Per seed, the compared run's hypervolume (same order as <see cref="Seeds"/>).</summary>
    public required IReadOnlyList<double> ComparedHypervolumes { get; init; }

    /// <summary>Per seed, the reference run's hypervolume.</summary>
    public required IReadOnlyList<double> ReferenceHypervolumes { get; init; }

    /// <summary>Per common point, the paired differences (compared minus reference) over the seeds.</summary>
    public required IReadOnlyList<PointDifference> Points { get; init; }

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
    /// <exception cref="FairMtlException">FMTL017 when either is not a sweep's results, they sweep different variables
    /// or score different Pareto pairs, share no seed or point, or the reference has no baseline.</exception>
    public static FrontComparison Of(StoredResults compared, StoredResults reference)
    {
        var runs = new[] { compared, reference }.Select(results => results.Kind == ResultKind.Experiment
            ? Runs.Read(results)
            : throw Mismatch(results, "is not a sweep's results folder (a comparison's has no sweep points)")).ToArray();
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
        return new FrontComparison
        {
            Compared = compared.String("experiment"),
            Reference = reference.String("experiment"),
            Variables = a.Variables,
            Pair = a.Pair,
            Seeds = seeds,
            ComparedHypervolumes = seeds.Select(seed => a.Hypervolume(seed, points, b.Baselines[seed])).ToArray(),
            ReferenceHypervolumes = seeds.Select(seed => b.Hypervolume(seed, points, b.Baselines[seed])).ToArray(),
            Points = points.Select(point => PointDifference.Of(point, seeds, a, b)).ToArray(),
            Steps = (a.SweepSteps, b.SweepSteps),
            Seconds = (a.TrainSeconds, b.TrainSeconds),
        };
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

        public (double Disparity, double Error)? Value(string point, int seed) =>
            _values.TryGetValue((point, seed), out var value) ? value : null;

        public double Hypervolume(int seed, IEnumerable<string> points, (double Disparity, double Error) reference) =>
            Evaluation.Statistics.Hypervolume.Of(
                points.Select(point => Value(point, seed)).OfType<(double, double)>().ToArray(), reference);

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
