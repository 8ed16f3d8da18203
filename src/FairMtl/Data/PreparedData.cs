namespace FairMtl.Data;

/// <summary>An experiment's data, split, standardised and grouped, ready for training and evaluation.</summary>
public sealed class PreparedData
{
    public PreparedData(
        IReadOnlyList<string> featureNames,
        DataPart train,
        DataPart validation,
        DataPart test,
        IReadOnlyDictionary<string, HeadScaling> headScalings,
        IReadOnlyDictionary<string, double[]> testTargetsRaw,
        int[] testGroups,
        GroupSummary groups,
        DataProvenance provenance)
    {
        FeatureNames = featureNames;
        Train = train;
        Validation = validation;
        Test = test;
        HeadScalings = headScalings;
        TestTargetsRaw = testTargetsRaw;
        TestGroups = testGroups;
        Groups = groups;
        Provenance = provenance;
    }

    /// <summary>The input columns, in the order of the columns of <see cref="DataPart.X"/>.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The data column each input comes from (a categorical column's one-hot inputs share it); by default each
    /// input's own name.</summary>
    public IReadOnlyList<string> FeatureColumns
    {
        get => _featureColumns ?? FeatureNames;
        init => _featureColumns = value;
    }

    private readonly IReadOnlyList<string>? _featureColumns;

    /// <summary>The training rows (validation rows removed).</summary>
    public DataPart Train { get; }

    /// <summary>The validation rows; <c>Rows == 0</c> when <c>data.split.validation</c> is 0.</summary>
    public DataPart Validation { get; }

    /// <summary>The test rows.</summary>
    public DataPart Test { get; }

    /// <summary>Per head name, how its training target was scaled.</summary>
    public IReadOnlyDictionary<string, HeadScaling> HeadScalings { get; }

    /// <summary>Per head name, the unscaled column values on the test rows (same order as <see cref="Test"/>).</summary>
    public IReadOnlyDictionary<string, double[]> TestTargetsRaw { get; }

    /// <summary>0 or 1 per test row (same order as <see cref="Test"/>).</summary>
    public int[] TestGroups { get; }

    /// <summary>How the test rows were grouped.</summary>
    public GroupSummary Groups { get; }

    /// <summary>Which file the data came from.</summary>
    public DataProvenance Provenance { get; }
}
