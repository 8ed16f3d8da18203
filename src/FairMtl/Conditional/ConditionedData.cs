using FairMtl.Data;

namespace FairMtl.Conditional;

/// <summary>
/// A prepared data set with conditioning columns after the inputs of every part: the training batches get theirs from
/// the <see cref="ConditionSampler"/>; the test rows all get one point's (<see cref="SetTestCondition"/>), so that the
/// usual evaluation scores the conditional model at that point.
/// </summary>
public sealed class ConditionedData
{
    private ConditionedData(PreparedData data, int conditions)
    {
        var names = data.FeatureNames.Concat(Enumerable.Range(0, conditions).Select(Nn.MultiHeadNetwork.ConditionColumn)).ToArray();
        Data = new PreparedData(
            names,
            Widen(data.Train, conditions),
            Widen(data.Validation, conditions),
            Widen(data.Test, conditions),
            data.HeadScalings,
            data.TestTargetsRaw,
            data.TestGroups,
            data.Groups,
            data.Provenance)
        {
            FeatureColumns = data.FeatureColumns.Concat(names.Skip(data.FeatureNames.Count)).ToArray(),
        };
    }

    /// <summary>The data with the conditioning columns (zero until written).</summary>
    public PreparedData Data { get; }

    /// <summary><paramref name="data"/> with <paramref name="conditions"/> conditioning columns.</summary>
    public static ConditionedData Create(PreparedData data, int conditions) => new(data, conditions);

    /// <summary>Writes <paramref name="encoded"/> (one value per condition) into every test row.</summary>
    public void SetTestCondition(ReadOnlySpan<float> encoded) => Write(Data.Test, encoded);

    /// <summary>Writes <paramref name="encoded"/> into the last columns (one per condition) of every row of
    /// <paramref name="part"/>.</summary>
    public static void Write(DataPart part, ReadOnlySpan<float> encoded)
    {
        for (var r = 0; r < part.Rows; r++)
        {
            encoded.CopyTo(part.X.AsSpan(((r + 1) * part.Features) - encoded.Length, encoded.Length));
        }
    }

    /// <summary><paramref name="part"/> with <paramref name="conditions"/> conditioning columns (zero) after its inputs;
    /// targets, groups and source rows are shared.</summary>
    public static DataPart Widen(DataPart part, int conditions)
    {
        var width = part.Features + conditions;
        var x = new float[part.Rows * width];
        for (var r = 0; r < part.Rows; r++)
        {
            part.X.AsSpan(r * part.Features, part.Features).CopyTo(x.AsSpan(r * width));
        }

        return part with { Features = width, X = x };
    }
}
