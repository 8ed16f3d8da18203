using FairMtl.Diagnostics;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;

namespace FairMtl.Tests.Yaml;

public class ExperimentFileTests
{
    private static readonly double[] Alphas = Enumerable.Range(0, 50).Select(k => k / 10d).Select(Round).ToArray();

    [Fact]
    public void Boston_loads_to_the_papers_setup()
    {
        var path = RepositoryRoot.Experiment("boston.yaml");

        var loaded = ExperimentYamlReader.Load(path);

        loaded.Spec.ShouldBe(new ExperimentSpec(
            "boston",
            "Boston Housing: predict MEDV with an MLP whose trunk also feeds a head that regresses B; loss "
                + "alpha * L_y + (5 - alpha) * L_z over 50 alphas in warm-started blocks of 5, with early stopping "
                + "(Pires et al.). The paper's Boston \"RMSE\" columns are in fact MSE: both are reported, labelled truthfully.",
            new DataSpec(
                "data/boston/housing.data",
                DataFormat.Whitespace,
                ',',
                false,
                new[] { "CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE", "DIS", "RAD", "TAX", "PTRATIO", "B", "LSTAT", "MEDV" },
                new FeatureSelection(EquatableArray<string>.Empty, new[] { "MEDV", "B" }),
                true,
                new SplitSpec(0.2, 0.2, 42, StatisticsRows.TrainingAndValidation),
                new GroupSpec("B", GroupRule.Median, 0, new[] { "low-B", "high-B" }),
                0,
                EquatableArray<AppendedFile>.Empty,
                EquatableArray<string>.Empty,
                EquatableArray<RowFilter>.Empty,
                EquatableArray<string>.Empty),
            new ModelSpec(new[] { 64, 32 }, Activation.Relu, 0, false, Initializer.GlorotUniform),
            new[]
            {
                new HeadSpec("y", "MEDV", HeadTask.Regression, false, EquatableArray<int>.Empty),
                new HeadSpec("z", "B", HeadTask.Regression, true, EquatableArray<int>.Empty),
            },
            "alpha * y + (5 - alpha) * z",
            new SweepSpec(new[] { new SweepVariable("alpha", Alphas) }, new[] { 42 }),
            new BaselineSpec(true, new[] { "y" }, 250),
            new TrainingSpec(
                new OptimizerSpec(OptimizerKind.Adam, 0.001, 0.9, 0.999, 1e-7, 0),
                32,
                150,
                new RegimeSpec(RegimeKind.WarmStartBlocks, 5, false),
                new EarlyStoppingSpec("y", 10, 1e-4, false)),
            new EvaluationSpec("y", new ParetoSpec(ErrorMetric.Mse, ErrorMetric.Mse))));
        loaded.BaseDirectory.ShouldBe(Path.Combine(RepositoryRoot.Path, "experiments"));
        loaded.Source.File.ShouldBe(path.Replace('\\', '/'));
        File.Exists(loaded.DataPath).ShouldBeTrue();
    }

    [Fact]
    public void Parkinson_loads_to_the_papers_setup()
    {
        var loaded = ExperimentYamlReader.Load(RepositoryRoot.Experiment("parkinson.yaml"));

        loaded.Spec.ShouldBe(new ExperimentSpec(
            "parkinson",
            "Parkinson telemonitoring: predict motor_UPDRS with an MLP whose trunk also feeds a head that predicts "
                + "sex; loss alpha * L_y + (5 - alpha) * L_z over 50 alphas, each trained from scratch (Pires et al.).",
            new DataSpec(
                "data/parkinsons-telemonitoring/parkinsons_updrs.data",
                DataFormat.Csv,
                ',',
                true,
                EquatableArray<string>.Empty,
                new FeatureSelection(EquatableArray<string>.Empty, new[] { "motor_UPDRS", "total_UPDRS", "test_time", "sex" }),
                true,
                new SplitSpec(0.2, 0, 42),
                new GroupSpec("sex", GroupRule.Binary, 0, new[] { "male", "female" }),
                0,
                EquatableArray<AppendedFile>.Empty,
                EquatableArray<string>.Empty,
                EquatableArray<RowFilter>.Empty,
                EquatableArray<string>.Empty),
            new ModelSpec(new[] { 64, 32 }, Activation.Relu, 0, false, Initializer.GlorotUniform),
            new[]
            {
                new HeadSpec("y", "motor_UPDRS", HeadTask.Regression, false, EquatableArray<int>.Empty),
                new HeadSpec("z", "sex", HeadTask.Binary, false, EquatableArray<int>.Empty),
            },
            "alpha * y + (5 - alpha) * z",
            new SweepSpec(new[] { new SweepVariable("alpha", Alphas) }, new[] { 42 }),
            new BaselineSpec(true, new[] { "y" }, 50),
            new TrainingSpec(
                new OptimizerSpec(OptimizerKind.Adam, 0.01, 0.9, 0.999, 1e-7, 0),
                32,
                50,
                new RegimeSpec(RegimeKind.Independent, 1, false),
                null),
            new EvaluationSpec("y", new ParetoSpec(ErrorMetric.Rmse, ErrorMetric.Rmse))));
        File.Exists(loaded.DataPath).ShouldBeTrue();
    }

    [Fact]
    public void The_papers_alpha_grid_is_exactly_the_decimals_0_0_to_4_9()
    {
        var alphas = ExperimentYamlReader.Load(RepositoryRoot.Experiment("boston.yaml")).Spec.Sweep.Variables[0].Values;

        alphas.Count.ShouldBe(50);
        for (var k = 0; k < 50; k++)
        {
            alphas[k].ShouldBe(double.Parse($"{k / 10}.{k % 10}", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void A_missing_file_is_FMTL015_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "fairmtl-no-such-folder", "missing.yaml");

        var error = Should.Throw<FairMtlException>(() => ExperimentYamlReader.Load(path));

        error.Code.ShouldBe(DiagnosticCodes.ExperimentFile);
        error.Message.ShouldBe($"{path}: error FMTL015: cannot read experiment file '{path}': the file does not exist");
    }

    [Fact]
    public void A_folder_instead_of_a_file_is_FMTL015()
    {
        var error = Should.Throw<FairMtlException>(() => ExperimentYamlReader.Load(RepositoryRoot.Path));

        error.Code.ShouldBe(DiagnosticCodes.ExperimentFile);
        error.Message.ShouldContain(RepositoryRoot.Path);
    }

    [Fact]
    public void Errors_in_a_loaded_file_name_the_path_as_given_with_forward_slashes()
    {
        var folder = Directory.CreateTempSubdirectory("fairmtl-yaml-");
        try
        {
            var file = Path.Combine(folder.FullName, "broken.yaml");
            File.WriteAllText(file, "name: t\nname: u\n");

            var error = Should.Throw<FairMtlException>(() => ExperimentYamlReader.Load(file));

            error.Message.ShouldBe($"{file.Replace('\\', '/')}(2,1): error FMTL001: duplicate key 'name'");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static double Round(double value) => Math.Round(value, 10);
}
