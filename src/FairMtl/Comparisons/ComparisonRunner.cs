using FairMtl.Execution;
using FairMtl.Spec;

namespace FairMtl.Comparisons;

/// <summary>Runs a method comparison (<see cref="MethodComparisonKind"/>) in one call.</summary>
public static class ComparisonRunner
{
    /// <summary>Trains and evaluates everything; more models than <paramref name="maxModels"/> is FMTL018 before anything
    /// else, bad data (a <see cref="Diagnostics.FairMtlException"/>) before any training starts.</summary>
    public static ComparisonResult Run(
        LoadedComparison experiment,
        int threads,
        IProgress<ModelProgress>? progress,
        CancellationToken cancellationToken,
        long maxModels = InputLimits.DefaultMaxModels)
    {
        ModelCount.Check(experiment, maxModels);
        return KindRunner.Run(MethodComparisonKind.Load(experiment), threads, progress, cancellationToken);
    }
}
