using FairMtl.Evaluation.Statistics;
using FairMtl.Reports.Stored;

namespace FairMtl.Reports;

/// <summary>The tables of a <see cref="FrontComparison"/>: hypervolumes over the seeds, costs, and per-point paired
/// differences.</summary>
public static class FrontComparisonTables
{
    /// <summary>Each run's hypervolume over the seeds and their paired difference (with its exact Wilcoxon test).</summary>
    public static Table Hypervolumes(FrontComparison comparison)
    {
        var test = comparison.HypervolumeTest;
        object?[] Row(string run, SampleSummary summary, double? p) =>
            [run, summary.Count, summary.Mean, summary.StandardDeviation, summary.Low, summary.High, p];
        return new Table(
            "hypervolume",
            $"Hypervolume per seed of ({comparison.Pair.Disparity}, {comparison.Pair.Error}) against {comparison.ReferencePoint}: mean, sd and 95% t interval",
            [new("run", Key: true), new("seeds"), new("mean", Format: "G4"), new("sd", Format: "G4"), new("low", Format: "G4"), new("high", Format: "G4"), new("wilcoxon_p", Format: "G3")],
            [
                Row(comparison.Compared, comparison.ComparedHypervolume, null),
                Row(comparison.Reference, comparison.ReferenceHypervolume, null),
                Row("difference", comparison.HypervolumeDifference, test.PValue),
            ]);
    }

    /// <summary>Optimizer steps of the sweep's models and training seconds of each run, and their ratios.</summary>
    public static Table Cost(FrontComparison comparison) => new(
        "cost",
        "Cost: optimizer steps of the compared models (baselines, references and a comparison's method table excluded); training seconds of each whole run",
        [new("measure", Key: true), new(comparison.Compared), new(comparison.Reference), new("ratio", Format: "G4")],
        [
            ["optimizer_steps", comparison.Steps.Compared, comparison.Steps.Reference, (double)comparison.Steps.Compared / comparison.Steps.Reference],
            ["train_seconds", comparison.Seconds.Compared, comparison.Seconds.Reference, comparison.Seconds.Compared / comparison.Seconds.Reference],
        ]);

    /// <summary>Per common point, the mean paired difference (compared minus reference) of error and disparity over the
    /// seeds, its 95% t interval and exact Wilcoxon p value.</summary>
    public static Table Points(FrontComparison comparison)
    {
        var (error, disparity) = comparison.Pair;
        return new Table(
            "points",
            $"Per point, {comparison.Compared} minus {comparison.Reference}, paired over the seeds: mean, 95% t interval, Wilcoxon p",
            [
                new(string.Join("_", comparison.Variables), Key: true), new("seeds"),
                new($"d_{error}"), new($"d_{error}_low"), new($"d_{error}_high"), new($"{error}_p", Format: "G3"),
                new($"d_{disparity}"), new($"d_{disparity}_low"), new($"d_{disparity}_high"), new($"{disparity}_p", Format: "G3"),
            ],
            comparison.Points.Select(point => new object?[]
            {
                point.Point, point.Error.Count,
                point.Error.Mean, point.Error.Low, point.Error.High, point.ErrorTest.PValue,
                point.Disparity.Mean, point.Disparity.Low, point.Disparity.High, point.DisparityTest.PValue,
            }).ToArray());
    }
}
