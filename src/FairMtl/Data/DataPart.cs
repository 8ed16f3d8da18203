namespace FairMtl.Data;

/// <summary>One part of the split (training, validation or test), ready for training.</summary>
/// <param name="Rows">Number of rows.</param>
/// <param name="Features">Number of input columns.</param>
/// <param name="X">Row-major <c>[Rows x Features]</c> inputs (standardised when <c>data.standardize</c>).</param>
/// <param name="Targets">Per head name, the head's training target (standardised when the head says so):
/// <see cref="Spec.HeadSpec.TargetWidth"/> values per row, row-major.</param>
/// <param name="SourceRows">0-based index of each row of this part among the kept data rows (header, skipped, filtered
/// and dropped rows excluded; appended files' rows follow <c>data.file</c>'s).</param>
/// <param name="Groups">Per sensitive attribute, the group index of each row (null: none; fairness losses need them).</param>
public sealed record DataPart(
    int Rows,
    int Features,
    float[] X,
    IReadOnlyDictionary<string, float[]> Targets,
    int[] SourceRows,
    IReadOnlyDictionary<string, int[]>? Groups = null);
