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
    Execution.RunTimings Timings);
