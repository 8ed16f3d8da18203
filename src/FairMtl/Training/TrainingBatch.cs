namespace FairMtl.Training;

/// <summary>The current mini-batch as the objective sees it: each head's targets and each attribute's group indices.</summary>
public sealed class TrainingBatch
{
    internal TrainingBatch(float[][] targets, IReadOnlyDictionary<string, int[]> groups)
    {
        Targets = targets;
        Groups = groups;
    }

    /// <summary>Rows in the batch (the arrays are longer: they hold a full batch).</summary>
    public int Rows { get; internal set; }

    /// <summary>Per head index, the targets of the batch rows: <see cref="Spec.HeadSpec.TargetWidth"/> values per row,
    /// row-major (NaN: a missing label).</summary>
    public float[][] Targets { get; }

    /// <summary>Per sensitive attribute, the group index of each batch row.</summary>
    public IReadOnlyDictionary<string, int[]> Groups { get; }
}
