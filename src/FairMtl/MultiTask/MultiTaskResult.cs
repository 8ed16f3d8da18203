using FairMtl.Comparisons;
using FairMtl.Data;
using FairMtl.Spec;

namespace FairMtl.MultiTask;

/// <summary>What a multi-task comparison (MTA-F) produced.</summary>
/// <param name="Experiment">The experiment that ran.</param>
/// <param name="References">The single-task reference runs (per repetition and task).</param>
/// <param name="Runs">The multi-task runs, in unit order (repetition, method, setting), with ARFG/ARE and front flags.</param>
/// <param name="Selected">Per method (spec order), the index in <paramref name="Runs"/> of the paper's selected point
/// (the front point whose ARE is closest to the middle of the method's ARE range), or -1.</param>
/// <param name="Rows">Rows after reading.</param>
/// <param name="Provenance">The data files read.</param>
/// <param name="Split">Rows in the training, validation and test parts of repetition 0.</param>
/// <param name="Timings">Where the time went.</param>
public sealed record MultiTaskResult(
    LoadedComparison Experiment,
    IReadOnlyList<MultiTaskRun> References,
    IReadOnlyList<MultiTaskRun> Runs,
    int[] Selected,
    int Rows,
    IReadOnlyList<DataFileProvenance> Provenance,
    (int Train, int Validation, int Test) Split,
    Execution.RunTimings Timings)
{
    /// <summary>With <c>sweep.conditional.grid</c>: per method and grid setting, the conditional models' means over the
    /// repetitions, the method's front of those means marked; empty otherwise.</summary>
    public IReadOnlyList<MultiTaskGridPoint> Grid { get; init; } = [];
}

/// <summary>A method's conditional models at one grid setting, over the repetitions.</summary>
/// <param name="Method">The method.</param>
/// <param name="Setting">The grid setting.</param>
/// <param name="Runs">The repetitions whose model scored here.</param>
/// <param name="Arfg">Mean ARFG over those runs.</param>
/// <param name="Are">Mean ARE over those runs.</param>
/// <param name="OnFront">Whether (Arfg, Are) is on the method's front of the grid's means.</param>
public sealed record MultiTaskGridPoint(string Method, MultiTaskSetting Setting, int Runs, double Arfg, double Are, bool OnFront)
{
    /// <summary>The grid points of <paramref name="method"/> from its models' grid runs (<paramref name="runs"/>, ARFG and
    /// ARE filled), in grid order, with the front of their means marked.</summary>
    public static IReadOnlyList<MultiTaskGridPoint> Of(string method, IReadOnlyList<MultiTaskRun> runs)
    {
        var points = runs.GroupBy(run => run.Setting!.Index)
            .OrderBy(group => group.Key)
            .Select(group =>
            {
                var scored = group.Where(run => run.Failure is null && double.IsFinite(run.Arfg) && double.IsFinite(run.Are)).ToArray();
                return new MultiTaskGridPoint(
                    method,
                    group.First().Setting!,
                    scored.Length,
                    scored.Length == 0 ? double.NaN : scored.Average(run => run.Arfg),
                    scored.Length == 0 ? double.NaN : scored.Average(run => run.Are),
                    false);
            })
            .ToArray();
        var onFront = Evaluation.MultiTask.TradeOffFront.OnFront(points.Select(point => (point.Arfg, point.Are)).ToArray());
        return points.Select((point, i) => point with { OnFront = onFront[i] }).ToArray();
    }
}
