using FairMtl.Data;
using FairMtl.Spec;

namespace FairMtl.Comparisons;

/// <summary>Everything a comparison produced: the runs, the method table with mean ranks and Delta_m, the front.</summary>
/// <param name="Experiment">The experiment that ran.</param>
/// <param name="Columns">The metric columns.</param>
/// <param name="Runs">Every run, in unit order (repetition, method, front lambda).</param>
/// <param name="Methods">One summary per method, spec order.</param>
/// <param name="MeanRanks">Per method, its mean rank over the metrics (1 = best).</param>
/// <param name="DeltaM">Per method, Delta_m% against the baseline (NaN without a single-task method).</param>
/// <param name="Baseline">The method Delta_m is measured against (the first single-task method), or null.</param>
/// <param name="Front">One summary per front method and lambda.</param>
/// <param name="OnFront">Per front row, whether it is on its method's Pareto front of (fairness gap, 1 - AUC).</param>
/// <param name="FrontMetric">Index of the front's fairness metric in <paramref name="Columns"/>.</param>
/// <param name="Rows">Rows after reading (filters and missing values applied).</param>
/// <param name="RowsRead">Rows read from the files.</param>
/// <param name="FilteredOut">Rows removed by <c>data.filter</c>.</param>
/// <param name="DroppedMissing">Rows dropped for a missing value.</param>
/// <param name="FeatureNames">The encoded input columns.</param>
/// <param name="Provenance">The data files read.</param>
/// <param name="Timings">Where the time went.</param>
public sealed record ComparisonResult(
    LoadedComparison Experiment,
    IReadOnlyList<MetricColumn> Columns,
    IReadOnlyList<ComparisonRun> Runs,
    IReadOnlyList<MethodSummary> Methods,
    double[] MeanRanks,
    double[] DeltaM,
    string? Baseline,
    IReadOnlyList<MethodSummary> Front,
    bool[] OnFront,
    int FrontMetric,
    int Rows,
    int RowsRead,
    int FilteredOut,
    int DroppedMissing,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<DataFileProvenance> Provenance,
    Execution.RunTimings Timings)
{
    /// <summary>A conditional front's models on the grid: per front method and grid lambda, the means over the
    /// repetitions (<c>front.conditional.grid</c>); empty otherwise.</summary>
    public IReadOnlyList<MethodSummary> Grid { get; init; } = [];
}
