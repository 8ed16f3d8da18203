using FairMtl.Data;
using FairMtl.Execution;
using FairMtl.Spec;

namespace FairMtl.Sweeps;

/// <summary>Everything an experiment run produced.</summary>
/// <param name="Experiment">The spec as run (after command-line overrides).</param>
/// <param name="Data">The prepared data (provenance, split sizes, groups).</param>
/// <param name="Plan">Points and units.</param>
/// <param name="Baseline">One run per seed (empty when the baseline is disabled).</param>
/// <param name="Sweep">One run per seed and point, ordered by seed then point.</param>
/// <param name="Points">Per-point means over seeds.</param>
/// <param name="Pareto">The non-dominated point summaries, by disparity then error.</param>
/// <param name="Timings">Where the time went.</param>
public sealed record ExperimentResult(
    LoadedExperiment Experiment,
    PreparedData Data,
    SweepPlan Plan,
    IReadOnlyList<RunResult> Baseline,
    IReadOnlyList<RunResult> Sweep,
    IReadOnlyList<PointSummary> Points,
    IReadOnlyList<PointSummary> Pareto,
    RunTimings Timings)
{
    private SeedAnalysis? _seeds;

    /// <summary>A conditional sweep's scores on the fine grid (<see cref="Spec.ConditionalSpec.Grid"/>), ordered by seed then
    /// grid point; empty for other sweeps.</summary>
    public IReadOnlyList<RunResult> Grid { get; init; } = [];

    /// <summary>Runs that failed (baseline and sweep).</summary>
    public IEnumerable<RunResult> Failures => Baseline.Concat(Sweep).Where(run => !run.Succeeded);

    /// <summary>What the seeds say: spread, intervals, paired tests against the baseline, front frequency, hypervolume.</summary>
    public SeedAnalysis Seeds => _seeds ??= SeedAnalysis.Of(Experiment.Spec, Baseline, Sweep, Plan.Points);
}
