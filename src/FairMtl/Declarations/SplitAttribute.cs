using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>data.split</c>: the seeded train/validation/test split (scikit-learn's <c>train_test_split</c> row order).
/// Optional; every property has a default. See <c>docs/experiment-format.md</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SplitAttribute : Attribute
{
    /// <summary>YAML <c>data.split.test</c>: the test fraction, in (0, 1) (default 0.2).</summary>
    public double Test { get; set; } = 0.2;

    /// <summary>
    /// YAML <c>data.split.validation</c>: the fraction of the training part held out for early stopping, in [0, 1)
    /// (default 0).
    /// </summary>
    public double Validation { get; set; }

    /// <summary>YAML <c>data.split.seed</c>: the split seed, &gt;= 0 (default 42).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// YAML <c>data.split.statistics</c>: the rows whose mean and sd standardise inputs and heads; required when
    /// <see cref="Validation"/> is above 0 and anything is standardised.
    /// </summary>
    public StatisticsRows Statistics { get; set; }
}
