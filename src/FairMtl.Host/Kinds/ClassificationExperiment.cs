using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Host.Kinds;

/// <summary>What the two classification kinds share as the host runs them: a comparison read from its YAML, whose seed
/// option moves every repetition's split and whose model count is checked before its data is read.</summary>
public abstract class ClassificationExperiment(LoadedComparison comparison) : IRunnableExperiment
{
    /// <summary>The experiment as read.</summary>
    protected LoadedComparison Comparison { get; } = comparison;

    /// <inheritdoc/>
    public string Name => Comparison.Spec.Name;

    /// <inheritdoc/>
    public IRunnableExperiment WithSeed(int seed) =>
        With(Comparison with { Spec = Comparison.Spec with { Protocol = Comparison.Spec.Protocol with { Seed = seed } } });

    /// <inheritdoc/>
    public void CheckModels(long limit) => ModelCount.Check(Comparison, limit);

    /// <inheritdoc/>
    public TrainingEngine Engine => Comparison.Spec.Training.Engine;

    /// <inheritdoc/>
    public SourceLocation Locate(string path) => Comparison.Source.Locate(path);

    /// <inheritdoc/>
    public abstract IPreparedRun Prepare();

    /// <summary>The same kind of experiment for another reading of the comparison.</summary>
    protected abstract IRunnableExperiment With(LoadedComparison changed);
}
