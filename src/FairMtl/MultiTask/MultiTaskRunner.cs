using FairMtl.Comparisons;
using FairMtl.Execution;
using FairMtl.Spec;

namespace FairMtl.MultiTask;

/// <summary>Runs a multi-task comparison (<see cref="MultiTaskComparisonKind"/>) in one call.</summary>
public static class MultiTaskRunner
{
    /// <summary>Trains and evaluates everything; more models than <paramref name="maxModels"/> is FMTL018 before anything
    /// else, bad data before training starts.</summary>
    public static MultiTaskResult Run(
        LoadedComparison experiment,
        int threads,
        IProgress<ModelProgress>? progress,
        CancellationToken cancellationToken,
        long maxModels = InputLimits.DefaultMaxModels)
    {
        ModelCount.Check(experiment, maxModels);
        return KindRunner.Run(MultiTaskComparisonKind.Load(experiment), threads, progress, cancellationToken);
    }
}
