using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Tests.Data;

/// <summary>
/// Hand-built experiment specs (no YAML), for tests in any folder. Start from <see cref="ParkinsonLikeSpec"/> and change
/// what a test needs with <c>with</c>; wrap it with <see cref="Load"/>, whose source map gives every spec path a fixed
/// location in <see cref="ExperimentFile"/> (see <see cref="SourceMap"/>).
/// </summary>
public static class TestExperiments
{
    /// <summary>The experiment file name the source map reports.</summary>
    public const string ExperimentFile = "experiment.yaml";

    /// <summary>The header of the small Parkinson-like CSV that <see cref="ParkinsonLikeSpec"/> expects.</summary>
    public const string ParkinsonLikeHeader = "subject#,age,sex,test_time,motor_UPDRS,total_UPDRS,Jitter(%)";

    /// <summary>
    /// A spec shaped like <c>experiments/parkinson.yaml</c>: CSV with header in <c>data.csv</c>, inputs = all columns
    /// except motor_UPDRS, total_UPDRS, test_time and sex, heads y (motor_UPDRS, regression) and z (sex, binary),
    /// binary groups on sex labelled male/female, split test 0.2 / validation 0 / seed 42.
    /// </summary>
    public static ExperimentSpec ParkinsonLikeSpec(string dataFile = "data.csv") => new(
        Name: "parkinson-like",
        Description: "test experiment",
        Data: new DataSpec(
            File: dataFile,
            Format: DataFormat.Csv,
            Delimiter: ',',
            Header: true,
            Columns: EquatableArray<string>.Empty,
            Features: new FeatureSelection(
                EquatableArray<string>.Empty,
                new[] { "motor_UPDRS", "total_UPDRS", "test_time", "sex" }),
            Standardize: true,
            Split: new SplitSpec(Test: 0.2, Validation: 0.0, Seed: 42),
            Groups: new GroupSpec("sex", GroupRule.Binary, 0.0, new[] { "male", "female" }),
            SkipLines: 0,
            Append: EquatableArray<AppendedFile>.Empty,
            Missing: EquatableArray<string>.Empty,
            Filters: EquatableArray<RowFilter>.Empty,
            Categorical: EquatableArray<string>.Empty),
        Model: new ModelSpec(new[] { 64, 32 }, Activation.Relu, 0.0, false, Initializer.GlorotUniform),
        Heads: new[]
        {
            new HeadSpec("y", "motor_UPDRS", HeadTask.Regression, false, EquatableArray<int>.Empty),
            new HeadSpec("z", "sex", HeadTask.Binary, false, EquatableArray<int>.Empty),
        },
        Loss: "alpha * y + (5 - alpha) * z",
        Sweep: new SweepSpec(new[] { new SweepVariable("alpha", new[] { 0.0, 2.5, 4.9 }) }, new[] { 42 }),
        Baseline: new BaselineSpec(true, new[] { "y" }, 5),
        Training: new TrainingSpec(
            new OptimizerSpec(OptimizerKind.Adam, 0.01, 0.9, 0.999, 1e-7, 0.0),
            BatchSize: 32,
            Epochs: 5,
            Regime: new RegimeSpec(RegimeKind.Independent, 1, false),
            EarlyStopping: null),
        Evaluation: new EvaluationSpec("y", new ParetoSpec(ErrorMetric.Rmse, ErrorMetric.Rmse)));

    /// <summary>
    /// <c>experiments/parkinson.yaml</c>'s data, heads and split, reading the real file under
    /// <see cref="RepositoryRoot"/> (use with <c>Load(spec, ExperimentsDirectory)</c>).
    /// </summary>
    public static ExperimentSpec ParkinsonSpec() =>
        ParkinsonLikeSpec("data/parkinsons-telemonitoring/parkinsons_updrs.data");

    /// <summary><c>experiments/boston.yaml</c>'s data, heads and split, reading the real file.</summary>
    public static ExperimentSpec BostonSpec()
    {
        var spec = ParkinsonLikeSpec("data/boston/housing.data");
        return spec with
        {
            Name = "boston-like",
            Data = spec.Data with
            {
                Format = DataFormat.Whitespace,
                Header = false,
                Columns = new[]
                {
                    "CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE", "DIS", "RAD", "TAX", "PTRATIO", "B", "LSTAT", "MEDV",
                },
                Features = new FeatureSelection(EquatableArray<string>.Empty, new[] { "MEDV", "B" }),
                Split = new SplitSpec(0.2, 0.2, 42, StatisticsRows.TrainingAndValidation),
                Groups = new GroupSpec("B", GroupRule.Median, 0.0, new[] { "low-B", "high-B" }),
            },
            Heads = new[]
            {
                new HeadSpec("y", "MEDV", HeadTask.Regression, false, EquatableArray<int>.Empty),
                new HeadSpec("z", "B", HeadTask.Regression, true, EquatableArray<int>.Empty),
            },
            Training = spec.Training with { EarlyStopping = new EarlyStoppingSpec("y", 10, 1e-4, false) },
            Evaluation = new EvaluationSpec("y", new ParetoSpec(ErrorMetric.Mse, ErrorMetric.Mse)),
        };
    }

    /// <summary>
    /// <see cref="ParkinsonLikeSpec"/> for a file with other columns: inputs = exactly <paramref name="columns"/>, one
    /// regression head y on the last of them, binary groups on the first.
    /// </summary>
    public static ExperimentSpec WithColumns(params string[] columns)
    {
        var spec = ParkinsonLikeSpec();
        return spec with
        {
            Data = spec.Data with
            {
                Features = new FeatureSelection(columns, EquatableArray<string>.Empty),
                Groups = spec.Data.Groups with { Column = columns[0] },
            },
            Heads = new[] { new HeadSpec("y", columns[^1], HeadTask.Regression, false, EquatableArray<int>.Empty) },
        };
    }

    /// <summary><see cref="WithColumns"/> for a file without header whose columns are <paramref name="columns"/>.</summary>
    public static ExperimentSpec Headerless(DataFormat format, params string[] columns)
    {
        var spec = WithColumns(columns);
        return spec with { Data = spec.Data with { Format = format, Header = false, Columns = columns } };
    }

    /// <summary>The spec with the data file resolved against <paramref name="baseDirectory"/>.</summary>
    public static LoadedExperiment Load(ExperimentSpec spec, string baseDirectory) =>
        new(spec, SourceMap(), baseDirectory);

    /// <summary>
    /// Fixed locations in <see cref="ExperimentFile"/>: <c>data.file</c> (3,9), <c>data.columns</c> (4,12),
    /// <c>data.features</c> (5,3), <c>data.features.include[i]</c> (6, 15 + 10i), <c>data.features.exclude[i]</c>
    /// (7, 15 + 10i), <c>data.split</c> (8,3) with <c>.test</c> (8,18), <c>.validation</c> (8,29), <c>.seed</c> (8,45),
    /// <c>data.groups</c> (9,3), <c>data.groups.column</c> (10,13), <c>heads</c> (12,1), <c>heads.y.column</c> (13,16),
    /// <c>heads.z.column</c> (14,16).
    /// </summary>
    public static SpecSourceMap SourceMap()
    {
        var map = new SpecSourceMap(ExperimentFile);
        map.Add("data", At(2, 1));
        map.Add("data.file", At(3, 9));
        map.Add("data.columns", At(4, 12));
        map.Add("data.features", At(5, 3));
        for (var i = 0; i < 20; i++)
        {
            map.Add($"data.features.include[{i}]", At(6, 15 + (10 * i)));
            map.Add($"data.features.exclude[{i}]", At(7, 15 + (10 * i)));
        }

        map.Add("data.split", At(8, 3));
        map.Add("data.split.test", At(8, 18));
        map.Add("data.split.validation", At(8, 29));
        map.Add("data.split.seed", At(8, 45));
        map.Add("data.groups", At(9, 3));
        map.Add("data.groups.column", At(10, 13));
        map.Add("heads", At(12, 1));
        map.Add("heads.y", At(13, 3));
        map.Add("heads.y.column", At(13, 16));
        map.Add("heads.z", At(14, 3));
        map.Add("heads.z.column", At(14, 16));
        return map;
    }

    /// <summary>The folder holding FairMtl.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FairMtl.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"no FairMtl.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary><c>experiments/</c> of the repository: the base directory of the real experiment files.</summary>
    public static string ExperimentsDirectory => Path.Combine(RepositoryRoot, "experiments");

    private static SourceLocation At(int line, int column) => new(ExperimentFile, line, column);
}
