using System.Globalization;
using FairMtl.Data;
using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Tests.Data;

public class DataPreparationTests
{
    // train_test_split(np.arange(10), test_size=0.2, random_state=42)
    private static readonly int[] TestRows = [8, 1];
    private static readonly int[] TrainPartRows = [5, 0, 7, 2, 9, 4, 3, 6];

    // ... then train_test_split(train, test_size=0.25, random_state=42)
    private static readonly int[] ValidationRows = [0, 4];
    private static readonly int[] TrainRowsAfterValidation = [5, 6, 7, 9, 2, 3];

    [Fact]
    public void Exclude_keeps_file_order_without_excluded_head_and_group_columns()
    {
        using var folder = new TempDataFolder();

        var data = DataPreparation.Prepare(folder.Experiment(TenRows()));

        data.FeatureNames.ShouldBe(["subject#", "age", "Jitter(%)"]);
        data.Train.Features.ShouldBe(3);
    }

    [Fact]
    public void Include_takes_exactly_the_listed_columns_in_that_order()
    {
        using var folder = new TempDataFolder();
        var spec = WithFeatures(new FeatureSelection(new[] { "Jitter(%)", "total_UPDRS", "age" }, EquatableArray<string>.Empty));

        var data = DataPreparation.Prepare(folder.Experiment(TenRows(), spec with { Data = spec.Data with { Standardize = false } }));

        data.FeatureNames.ShouldBe(["Jitter(%)", "total_UPDRS", "age"]);
        data.Test.X.ShouldBe([0.1f, 7f, Age(8), 0.1f, 7f, Age(1)]);
    }

    [Fact]
    public void Split_matches_scikit_learn_train_test_split()
    {
        using var folder = new TempDataFolder();

        var data = DataPreparation.Prepare(folder.Experiment(TenRows()));

        data.Test.SourceRows.ShouldBe(TestRows);
        data.Train.SourceRows.ShouldBe(TrainPartRows);
        data.Validation.Rows.ShouldBe(0);
        data.Validation.X.ShouldBeEmpty();
        data.Validation.SourceRows.ShouldBeEmpty();
        (data.Train.Rows, data.Test.Rows).ShouldBe((8, 2));
    }

    [Fact]
    public void Validation_rows_are_split_off_the_training_rows_with_a_fresh_generator()
    {
        using var folder = new TempDataFolder();

        var data = DataPreparation.Prepare(folder.Experiment(TenRows(), WithSplit(0.2, 0.25)));

        data.Test.SourceRows.ShouldBe(TestRows);
        data.Validation.SourceRows.ShouldBe(ValidationRows);
        data.Train.SourceRows.ShouldBe(TrainRowsAfterValidation);
        data.Validation.Targets["y"].ShouldBe([Motor(0), Motor(4)]);
    }

    [Fact]
    public void Inputs_are_standardised_with_the_training_part_including_validation_rows()
    {
        using var folder = new TempDataFolder();

        var data = DataPreparation.Prepare(folder.Experiment(TenRows(), WithSplit(0.2, 0.25)));

        var ages = TrainPartRows.Select(r => (double)Age(r)).ToArray();
        var mean = ages.Average();
        var sd = Math.Sqrt(ages.Select(a => (a - mean) * (a - mean)).Average());
        var ageIndex = 1;
        for (var i = 0; i < data.Train.Rows; i++)
        {
            var row = data.Train.SourceRows[i];
            data.Train.X[(i * 3) + ageIndex].ShouldBe((float)((Age(row) - mean) / sd), 1e-6f);
        }

        data.Test.X[ageIndex].ShouldBe((float)((Age(8) - mean) / sd), 1e-6f);
        data.Validation.X[3 + ageIndex].ShouldBe((float)((Age(4) - mean) / sd), 1e-6f);
        var trainOnly = TrainRowsAfterValidation.Select(r => (double)Age(r)).Average();
        Math.Abs(trainOnly - mean).ShouldBeGreaterThan(1e-3);
    }

    [Fact]
    public void Constant_features_are_centred_with_scale_one()
    {
        using var folder = new TempDataFolder();
        var spec = WithFeatures(new FeatureSelection(new[] { "total_UPDRS", "Jitter(%)", "age" }, EquatableArray<string>.Empty));

        var data = DataPreparation.Prepare(folder.Experiment(TenRows(), spec));

        for (var i = 0; i < data.Train.Rows; i++)
        {
            data.Train.X[i * 3].ShouldBe(0f);
            data.Train.X[(i * 3) + 1].ShouldBe(0f, 1e-6f);
        }

        data.Train.X.ShouldAllBe(v => float.IsFinite(v));
    }

    [Fact]
    public void Without_standardize_inputs_are_the_raw_values_as_float32()
    {
        using var folder = new TempDataFolder();
        var spec = TestExperiments.ParkinsonLikeSpec();

        var data = DataPreparation.Prepare(folder.Experiment(TenRows(), spec with { Data = spec.Data with { Standardize = false } }));

        data.Test.X.ShouldBe([9f, Age(8), 0.1f, 2f, Age(1), 0.1f]);
    }

    [Fact]
    public void With_statistics_training_inputs_and_heads_are_standardised_with_the_training_rows_only()
    {
        using var folder = new TempDataFolder();
        var spec = TestExperiments.ParkinsonLikeSpec();
        spec = spec with { Heads = new[] { spec.Heads[0] with { Standardize = true }, spec.Heads[1] } };

        var data = DataPreparation.Prepare(folder.Experiment(TenRows(), WithSplit(0.2, 0.25, spec, StatisticsRows.Training)));

        var ages = TrainRowsAfterValidation.Select(r => (double)Age(r)).ToArray();
        var mean = ages.Average();
        var sd = Math.Sqrt(ages.Select(a => (a - mean) * (a - mean)).Average());
        data.Validation.X[3 + 1].ShouldBe((float)((Age(4) - mean) / sd), 1e-6f, "the validation rows are scaled with the training rows' statistics");
        data.Test.X[1].ShouldBe((float)((Age(8) - mean) / sd), 1e-6f);
        data.HeadScalings["y"].Mean.ShouldBe(TrainRowsAfterValidation.Select(r => (double)Motor(r)).Average(), 1e-12);
    }

    [Fact]
    public void Standardised_head_uses_training_part_statistics_and_others_are_identity()
    {
        using var folder = new TempDataFolder();
        var spec = TestExperiments.ParkinsonLikeSpec();
        spec = spec with
        {
            Heads = new[] { spec.Heads[0] with { Standardize = true }, spec.Heads[1] with { Standardize = true } },
        };

        var data = DataPreparation.Prepare(folder.Experiment(TenRows(), WithSplit(0.2, 0.25, spec)));

        var motors = TrainPartRows.Select(r => (double)Motor(r)).ToArray();
        var mean = motors.Average();
        var sd = Math.Sqrt(motors.Select(m => (m - mean) * (m - mean)).Average());
        data.HeadScalings["y"].Mean.ShouldBe(mean, 1e-12);
        data.HeadScalings["y"].Scale.ShouldBe(sd, 1e-12);
        data.HeadScalings["z"].ShouldBe(new HeadScaling(0, 1));
        data.Test.Targets["y"][0].ShouldBe((float)((Motor(8) - mean) / sd), 1e-6f);
        data.HeadScalings["y"].Unscale(data.Test.Targets["y"][0]).ShouldBe(Motor(8), 1e-5);
        data.Train.Targets["z"].ShouldBe(TrainRowsAfterValidation.Select(r => (float)Sex(r)).ToArray());
    }

    [Fact]
    public void Unstandardised_head_targets_and_raw_test_targets_are_the_column_values()
    {
        using var folder = new TempDataFolder();

        var data = DataPreparation.Prepare(folder.Experiment(TenRows()));

        data.HeadScalings["y"].ShouldBe(new HeadScaling(0, 1));
        data.Train.Targets["y"].ShouldBe(TrainPartRows.Select(Motor).ToArray());
        data.Test.Targets["z"].ShouldBe([1f, 0f]);
        data.TestTargetsRaw["y"].ShouldBe([(double)Motor(8), Motor(1)]);
        data.TestTargetsRaw["z"].ShouldBe([1.0, 0.0]);
        data.HeadScalings.Keys.ShouldBe(["y", "z"]);
    }

    [Fact]
    public void Binary_groups_take_the_column_value()
    {
        using var folder = new TempDataFolder();

        var data = DataPreparation.Prepare(folder.Experiment(TenRows()));

        data.TestGroups.ShouldBe([1, 0]);
        data.Groups.ShouldBe(new GroupSummary("sex", "binary", null, "male", "female", 1, 1, "sex = 1: female 1 rows, male 1 rows"));
    }

    [Fact]
    public void Median_groups_split_above_the_test_median_and_an_odd_count_puts_the_middle_row_in_group_0()
    {
        using var folder = new TempDataFolder();
        var spec = WithGroups(new GroupSpec("age", GroupRule.Median, 0, new[] { "young", "old" }));

        var data = DataPreparation.Prepare(folder.Experiment(TenRows(), WithSplit(0.3, 0, spec)));

        // test rows 8, 1, 5 (RandomState(42).permutation(10)[:3])
        data.Test.SourceRows.ShouldBe([8, 1, 5]);
        data.TestGroups.ShouldBe([1, 0, 0]);
        data.Groups.Threshold.ShouldBe(Age(5));
        data.Groups.Description.ShouldBe("age > median(test age) = 62.5: old 1 rows, young 2 rows");
        (data.Groups.TestCount0, data.Groups.TestCount1).ShouldBe((2, 1));
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_middle_values()
    {
        RowGroups.Median([4.0, 1.0, 3.0, 2.0]).ShouldBe(2.5);
        RowGroups.Median([5.0, 1.0, 3.0]).ShouldBe(3.0);
    }

    [Fact]
    public void Threshold_groups_use_the_spec_threshold_and_default_labels()
    {
        using var folder = new TempDataFolder();
        var spec = WithGroups(new GroupSpec("age", GroupRule.Threshold, 55, EquatableArray<string>.Empty));

        var data = DataPreparation.Prepare(folder.Experiment(TenRows(), spec));

        data.TestGroups.ShouldBe([1, 0]);
        data.Groups.ShouldBe(new GroupSummary("age", "threshold", 55, "age <= 55", "age > 55", 1, 1, "age > 55: age > 55 1 rows, age <= 55 1 rows"));
    }

    [Fact]
    public void Test_rows_of_an_unknown_group_are_left_out_of_both_groups_and_counted()
    {
        using var folder = new TempDataFolder();
        var testRows = DataPreparation.Prepare(folder.Experiment(TenRows(), WithSplit(0.4, 0))).Test.SourceRows;
        testRows.Length.ShouldBe(4);
        var unknown = Enumerable.Range(0, 10).Where(r => r != testRows[0] && r != testRows[1]).Select(r => $"t{r}").ToArray();
        var groups = new GroupSpec("test_time", GroupRule.Categories, 0, EquatableArray<string>.Empty, Unknown: unknown);

        var data = DataPreparation.Prepare(folder.Experiment(TenRows(), WithSplit(0.4, 0, WithGroups(groups))));

        data.TestGroups.Skip(2).ShouldBe([-1, -1]);
        data.TestGroups.Take(2).Order().ShouldBe([0, 1]);
        (data.Groups.TestCount0, data.Groups.TestCount1).ShouldBe((1, 1));
        data.Groups.Description.ShouldEndWith(", 2 rows of unknown group");
        var report = FairMtl.Evaluation.GroupErrorReport.Compute([1, 2, 3, 4], [0, 0, 0, 0], data.TestGroups);
        report.Overall.Get(FairMtl.Spec.ErrorMetric.Mae).ShouldBe(2.5, "every test row counts in the overall error");
        (report.Group0.Get(FairMtl.Spec.ErrorMetric.Mae) + report.Group1.Get(FairMtl.Spec.ErrorMetric.Mae)).ShouldBe(3, "only the two known rows are in a group");
    }

    [Fact]
    public void Provenance_names_the_file_its_hash_and_size()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(TenRows());

        var data = DataPreparation.Prepare(experiment);

        var table = TabularFileReader.Read(experiment, ["age"]);
        data.Provenance.ShouldBe(new DataProvenance(table.DisplayPath, table.Sha256, 10, 7)
        {
            Files = new[] { new DataFileProvenance(table.DisplayPath, table.Sha256, 10) },
        });
    }

    [Fact]
    public void Preparing_twice_gives_identical_data()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(TenRows(), WithSplit(0.2, 0.25));

        var first = DataPreparation.Prepare(experiment);
        var second = DataPreparation.Prepare(experiment);

        second.Train.X.ShouldBe(first.Train.X);
        second.Validation.SourceRows.ShouldBe(first.Validation.SourceRows);
        second.Test.Targets["y"].ShouldBe(first.Test.Targets["y"]);
    }

    [Fact]
    public void Binary_group_column_with_other_values_is_reported_at_the_first_bad_value()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(TenRows(sexOverride: (3, "2")));

        var error = Should.Throw<FairMtlException>(() => DataPreparation.Prepare(experiment));

        error.Code.ShouldBe(DiagnosticCodes.Groups);
        error.Location.ShouldBe(new SourceLocation(Display(folder), 5, SexColumn(3)));
        error.Detail.ShouldBe("group column 'sex' (rule: binary) holds 2 (expected 0 or 1, or list the values of group 1 under 'data.groups.privileged')");
    }

    [Fact]
    public void Binary_head_column_with_other_values_is_reported_at_the_first_bad_value()
    {
        using var folder = new TempDataFolder();
        var spec = WithGroups(new GroupSpec("age", GroupRule.Median, 0, new[] { "young", "old" }));
        var experiment = folder.Experiment(TenRows(sexOverride: (6, "0.5")), spec);

        var error = Should.Throw<FairMtlException>(() => DataPreparation.Prepare(experiment));

        error.Code.ShouldBe(DiagnosticCodes.InvalidValue);
        error.Location.ShouldBe(new SourceLocation(Display(folder), 8, SexColumn(6)));
        error.Detail.ShouldBe("head 'z' (task: binary) needs 0/1 values in column 'sex', found 0.5 (expected 0 or 1, or list the values of label 1 under 'heads.z.positive', or give 'heads.z.above')");
    }

    [Fact]
    public void Group_without_test_rows_is_reported_at_data_groups()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(TenRows(sexOverride: (8, "0")));

        var error = Should.Throw<FairMtlException>(() => DataPreparation.Prepare(experiment));

        error.Code.ShouldBe(DiagnosticCodes.Groups);
        error.Location.ShouldBe(new SourceLocation(TestExperiments.ExperimentFile, 9, 3));
        error.Detail.ShouldBe(
            "protected group 'female' (group 1) has no test rows (sex = 1: female 0 rows, male 2 rows); " +
            "expected test rows in both groups");
    }

    [Fact]
    public void Split_without_training_rows_is_reported_at_data_split()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Rows(2), WithSplit(0.6, 0));

        var error = Should.Throw<FairMtlException>(() => DataPreparation.Prepare(experiment));

        error.Code.ShouldBe(DiagnosticCodes.ImpossibleRange);
        error.Location.ShouldBe(new SourceLocation(TestExperiments.ExperimentFile, 8, 3));
        error.Detail.ShouldBe(
            "the split leaves no training rows: test 0.6 of 2 rows takes 2 test rows (expected at least one training row)");
    }

    [Fact]
    public void Validation_taking_every_training_row_is_reported_at_data_split()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(Rows(3), WithSplit(0.2, 0.6));

        var error = Should.Throw<FairMtlException>(() => DataPreparation.Prepare(experiment));

        error.Code.ShouldBe(DiagnosticCodes.ImpossibleRange);
        error.Location.ShouldBe(new SourceLocation(TestExperiments.ExperimentFile, 8, 3));
        error.Detail.ShouldBe(
            "the split leaves no training rows: validation 0.6 of the 2 training rows takes 2 " +
            "(expected at least one training and one validation row)");
    }

    [Theory]
    [InlineData(1.0, 0.0, 42, 18, "data.split.test is 1 (expected a number in (0, 1))")]
    [InlineData(0.2, 1.0, 42, 29, "data.split.validation is 1 (expected a number in [0, 1))")]
    [InlineData(0.2, 0.0, -1, 45, "data.split.seed is -1 (expected an integer >= 0)")]
    public void Out_of_range_split_settings_are_reported_at_their_key(
        double test, double validation, int seed, int column, string detail)
    {
        using var folder = new TempDataFolder();
        var spec = WithSplit(test, validation);
        spec = spec with { Data = spec.Data with { Split = spec.Data.Split with { Seed = seed } } };

        var error = Should.Throw<FairMtlException>(() => DataPreparation.Prepare(folder.Experiment(TenRows(), spec)));

        error.Code.ShouldBe(DiagnosticCodes.InvalidValue);
        error.Location.ShouldBe(new SourceLocation(TestExperiments.ExperimentFile, 8, column));
        error.Detail.ShouldBe(detail);
    }

    [Fact]
    public void Excluding_every_column_is_reported_at_data_features()
    {
        using var folder = new TempDataFolder();
        var spec = WithFeatures(new FeatureSelection(
            EquatableArray<string>.Empty, new[] { "subject#", "age", "test_time", "total_UPDRS", "Jitter(%)" }));

        var error = Should.Throw<FairMtlException>(() => DataPreparation.Prepare(folder.Experiment(TenRows(), spec)));

        error.Code.ShouldBe(DiagnosticCodes.InvalidValue);
        error.Location.ShouldBe(new SourceLocation(TestExperiments.ExperimentFile, 5, 3));
        error.Detail.ShouldBe($"no input columns are left in '{Display(folder)}' (expected at least one feature)");
    }

    [Fact]
    public void Value_errors_surface_through_prepare()
    {
        using var folder = new TempDataFolder();
        var experiment = folder.Experiment(TenRows().Replace("\n3,", "\n3x,", StringComparison.Ordinal));

        var error = Should.Throw<FairMtlException>(() => DataPreparation.Prepare(experiment));

        error.Code.ShouldBe(DiagnosticCodes.NonNumeric);
        error.Location.ShouldBe(new SourceLocation(Display(folder), 4, 1));
    }

    private static float Age(int row) => 50 + (2.5f * row);

    private static float Motor(int row) => 10 + (1.5f * row);

    private static int Sex(int row) => row % 2 == 0 ? 1 : 0;

    private static string Line(int row, string? sex = null) => string.Create(
        CultureInfo.InvariantCulture,
        $"{row + 1},{Age(row)},{sex ?? Sex(row).ToString(CultureInfo.InvariantCulture)},t{row},{Motor(row)},7,0.1");

    private static int SexColumn(int row) => Line(row).Split(',').Take(2).Sum(f => f.Length + 1) + 1;

    private static string TenRows((int Row, string Value)? sexOverride = null) =>
        TestExperiments.ParkinsonLikeHeader + "\n" + string.Join(
            "\n",
            Enumerable.Range(0, 10).Select(r => Line(r, sexOverride is { } o && o.Row == r ? o.Value : null))) + "\n";

    private static string Rows(int count) =>
        TestExperiments.ParkinsonLikeHeader + "\n" + string.Join("\n", Enumerable.Range(0, count).Select(r => Line(r))) + "\n";

    private static ExperimentSpec WithSplit(
        double test, double validation, ExperimentSpec? spec = null, StatisticsRows statistics = StatisticsRows.TrainingAndValidation)
    {
        spec ??= TestExperiments.ParkinsonLikeSpec();
        return spec with { Data = spec.Data with { Split = spec.Data.Split with { Test = test, Validation = validation, Statistics = statistics } } };
    }

    private static ExperimentSpec WithFeatures(FeatureSelection features)
    {
        var spec = TestExperiments.ParkinsonLikeSpec();
        return spec with { Data = spec.Data with { Features = features } };
    }

    private static ExperimentSpec WithGroups(GroupSpec groups)
    {
        var spec = TestExperiments.ParkinsonLikeSpec();
        return spec with { Data = spec.Data with { Groups = groups } };
    }

    private static string Display(TempDataFolder folder) =>
        DisplayPaths.For(Path.Combine(folder.Path, "data.csv"), Environment.CurrentDirectory);
}
