using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>The row indices of each part of the split, as scikit-learn's <c>train_test_split</c> makes them.</summary>
/// <param name="TrainPart">Training rows before the validation rows were taken out (the training part).</param>
/// <param name="Train">Training rows.</param>
/// <param name="Validation">Validation rows (empty when <c>data.split.validation</c> is 0).</param>
/// <param name="Test">Test rows.</param>
internal sealed record RowSplit(int[] TrainPart, int[] Train, int[] Validation, int[] Test)
{
    /// <summary>
    /// Splits <c>arange(rowCount)</c> into training and test rows, then, when validation is requested, the training rows
    /// into training and validation rows with a fresh generator of the same seed.
    /// </summary>
    public static RowSplit Of(LoadedExperiment experiment, int rowCount)
    {
        var split = experiment.Spec.Data.Split;
        var location = experiment.Source.Locate("data.split");
        if (!(split.Test > 0 && split.Test < 1))
        {
            throw new FairMtlException(
                DiagnosticCodes.InvalidValue,
                experiment.Source.Locate("data.split.test"),
                $"data.split.test is {Format(split.Test)} (expected a number in (0, 1))");
        }

        if (!(split.Validation >= 0 && split.Validation < 1))
        {
            throw new FairMtlException(
                DiagnosticCodes.InvalidValue,
                experiment.Source.Locate("data.split.validation"),
                $"data.split.validation is {Format(split.Validation)} (expected a number in [0, 1))");
        }

        if (split.Seed < 0)
        {
            throw new FairMtlException(
                DiagnosticCodes.InvalidValue,
                experiment.Source.Locate("data.split.seed"),
                $"data.split.seed is {split.Seed} (expected an integer >= 0)");
        }

        var seed = (uint)split.Seed;
        var (trainPart, test) = NumpySplit.TrainTestSplit(Enumerable.Range(0, rowCount).ToArray(), split.Test, seed);
        if (trainPart.Length == 0)
        {
            throw new FairMtlException(
                DiagnosticCodes.ImpossibleRange,
                location,
                $"the split leaves no training rows: test {Format(split.Test)} of {rowCount} rows takes " +
                $"{test.Length} test rows (expected at least one training row)");
        }

        if (split.Validation == 0)
        {
            return new RowSplit(trainPart, trainPart, [], test);
        }

        var (train, validation) = NumpySplit.TrainTestSplit(trainPart, split.Validation, seed);
        if (train.Length == 0 || validation.Length == 0)
        {
            var empty = train.Length == 0 ? "training" : "validation";
            throw new FairMtlException(
                DiagnosticCodes.ImpossibleRange,
                location,
                $"the split leaves no {empty} rows: validation {Format(split.Validation)} of the {trainPart.Length} " +
                $"training rows takes {validation.Length} (expected at least one training and one validation row)");
        }

        return new RowSplit(trainPart, train, validation, test);
    }

    private static string Format(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
