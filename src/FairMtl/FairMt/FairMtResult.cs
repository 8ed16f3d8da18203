using FairMtl.Data;
using FairMtl.Spec;

namespace FairMtl.FairMt;

/// <summary>What a FairMT experiment produced.</summary>
/// <param name="Experiment">The experiment that ran.</param>
/// <param name="Runs">Every run, in unit order (repetition, method, sweep point).</param>
/// <param name="Points">Per method and sweep point, the summary over repetitions (front membership and levelling-down
/// measures included), in spec order.</param>
/// <param name="Attributes">The constraint's attributes and their groups, in spec order.</param>
/// <param name="ClassNames">Per task, its classes (multi-class) in output order; else empty.</param>
/// <param name="Scales">Per task, the scale s_t of its violation (measured ones: repetition 0's).</param>
/// <param name="Rows">Rows after reading.</param>
/// <param name="Provenance">The data files read.</param>
/// <param name="Split">Rows in the training, validation and test parts of repetition 0.</param>
/// <param name="Labelled">Per task, the training rows of repetition 0 labelled for it.</param>
/// <param name="Timings">Where the time went.</param>
public sealed record FairMtResult(
    LoadedComparison Experiment,
    IReadOnlyList<FairMtRun> Runs,
    IReadOnlyList<FairMtPoint> Points,
    IReadOnlyList<FairMtAttribute> Attributes,
    IReadOnlyList<IReadOnlyList<string>> ClassNames,
    double[] Scales,
    int Rows,
    IReadOnlyList<DataFileProvenance> Provenance,
    (int Train, int Validation, int Test) Split,
    int[] Labelled,
    Execution.RunTimings Timings);

/// <summary>A sensitive attribute of the constraint.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Groups">Its group names, in group order.</param>
public sealed record FairMtAttribute(string Name, IReadOnlyList<string> Groups);
