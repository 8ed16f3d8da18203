using FairMtl.Data;
using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Tests.Data;

/// <summary>
/// The shipped data files under <c>experiments/data</c>. Expected indices and statistics were printed with
/// scikit-learn 1.2.1 / NumPy 1.24.2 (<c>train_test_split(np.arange(n), test_size=0.2, random_state=42)</c>, then the
/// same on the training indices with <c>test_size=0.2</c> for Boston, and <c>StandardScaler</c>).
/// </summary>
public class RealDataTests
{
    [Fact]
    public void Boston_split_matches_scikit_learn()
    {
        var data = DataPreparation.Prepare(TestExperiments.Load(TestExperiments.BostonSpec(), TestExperiments.ExperimentsDirectory));

        (data.Train.Rows, data.Validation.Rows, data.Test.Rows).ShouldBe((323, 81, 102));
        data.Test.SourceRows.Take(5).ShouldBe([173, 274, 491, 72, 452]);
        data.Test.SourceRows.TakeLast(3).ShouldBe([411, 86, 75]);
        data.Validation.SourceRows.Take(5).ShouldBe([37, 107, 130, 432, 404]);
        data.Train.SourceRows.Take(5).ShouldBe([54, 28, 423, 244, 111]);
        data.Train.SourceRows.Concat(data.Validation.SourceRows).Concat(data.Test.SourceRows).Order()
            .ShouldBe(Enumerable.Range(0, 506));
    }

    [Fact]
    public void Boston_features_scaling_and_groups()
    {
        var data = DataPreparation.Prepare(TestExperiments.Load(TestExperiments.BostonSpec(), TestExperiments.ExperimentsDirectory));

        data.FeatureNames.ShouldBe(["CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE", "DIS", "RAD", "TAX", "PTRATIO", "LSTAT"]);
        data.Test.X[0].ShouldBe(-0.39680934f, 1e-6f);
        data.HeadScalings["y"].ShouldBe(new HeadScaling(0, 1));
        data.HeadScalings["z"].Mean.ShouldBe(356.27834158415845, 1e-9);
        data.HeadScalings["z"].Scale.ShouldBe(91.4531376314979, 1e-9);
        data.TestTargetsRaw["y"][0].ShouldBe(23.6);
        data.TestTargetsRaw["z"][0].ShouldBe(395.5);
        data.Test.Targets["y"][0].ShouldBe(23.6f);
        data.Groups.Threshold!.Value.ShouldBe(392.205, 1e-9);
        (data.Groups.TestCount0, data.Groups.TestCount1).ShouldBe((51, 51));
        data.Groups.Description.ShouldBe("B > median(test B) = 392.205: high-B 51 rows, low-B 51 rows");
        data.TestGroups.Sum().ShouldBe(51);
        data.Provenance.Sha256.ShouldBe("baadf72995725d76efe787b664e1f083388c79ba21ef9a7990d87f774184735a");
        (data.Provenance.Rows, data.Provenance.Columns).ShouldBe((506, 14));
    }

    [Fact]
    public void Parkinson_split_features_and_groups_match_the_reference()
    {
        var data = DataPreparation.Prepare(TestExperiments.Load(TestExperiments.ParkinsonSpec(), TestExperiments.ExperimentsDirectory));

        (data.Train.Rows, data.Validation.Rows, data.Test.Rows).ShouldBe((4700, 0, 1175));
        data.Test.SourceRows.Take(5).ShouldBe([5366, 4326, 199, 3260, 4955]);
        data.Train.SourceRows.Take(5).ShouldBe([3268, 4619, 5681, 3349, 4035]);
        data.FeatureNames.Count.ShouldBe(18);
        data.FeatureNames.Take(4).ShouldBe(["subject#", "age", "Jitter(%)", "Jitter(Abs)"]);
        data.FeatureNames[^1].ShouldBe("PPE");
        data.Test.X.Take(3).ToArray().ShouldBe([1.4140513f, 0.14251643f, 0.69241035f], 1e-5f);
        data.TestTargetsRaw["y"][0].ShouldBe(33.084);
        data.TestGroups.Count(g => g == 0).ShouldBe(791);
        data.TestGroups.Count(g => g == 1).ShouldBe(384);
        data.Groups.ShouldBe(new GroupSummary("sex", "binary", null, "male", "female", 791, 384, "sex = 1: female 384 rows, male 791 rows"));
        data.Provenance.Sha256.ShouldBe("f2c7d5025dec4e92e7feae367a5f7ccf58789a10ac6b54bdf15976c599f9dd39");
        (data.Provenance.Rows, data.Provenance.Columns).ShouldBe((5875, 22));
    }

    [Fact]
    public void Parkinson_reads_three_digit_exponents()
    {
        var experiment = TestExperiments.Load(TestExperiments.ParkinsonSpec(), TestExperiments.ExperimentsDirectory);

        var table = TabularFileReader.Read(experiment, ["Jitter(Abs)"]);

        table.RowCount.ShouldBe(5875);
        table.Column("Jitter(Abs)")[0].ShouldBe(3.38e-5);
        table.Column("Jitter(Abs)")[1].ShouldBe(1.68e-5);
    }

    [Fact]
    public void Boston_typo_in_exclude_suggests_the_column()
    {
        var spec = TestExperiments.BostonSpec();
        spec = spec with
        {
            Data = spec.Data with { Features = new FeatureSelection(EquatableArray<string>.Empty, new[] { "MEDVV", "B" }) },
        };
        var experiment = TestExperiments.Load(spec, TestExperiments.ExperimentsDirectory);

        var error = Should.Throw<FairMtlException>(() => DataPreparation.Prepare(experiment));

        var display = DisplayPaths.For(experiment.DataPath, Environment.CurrentDirectory);
        error.Message.ShouldBe(
            $"experiment.yaml(7,15): error FMTL004: unknown column 'MEDVV' in data file '{display}'; did you mean 'MEDV'?");
    }
}
