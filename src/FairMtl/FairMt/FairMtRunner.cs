using FairMtl.Execution;
using FairMtl.Spec;

namespace FairMtl.FairMt;

/// <summary>Runs a FairMT experiment (<see cref="FairMtKind"/>) in one call.</summary>
public static class FairMtRunner
{
    /// <summary>Trains and evaluates everything; more models than <paramref name="maxModels"/> is FMTL018 before anything
    /// else, bad data before training starts.</summary>
    public static FairMtResult Run(
        LoadedComparison experiment,
        int threads,
        IProgress<ModelProgress>? progress,
        CancellationToken cancellationToken,
        long maxModels = InputLimits.DefaultMaxModels)
    {
        ModelCount.Check(experiment, maxModels);
        return KindRunner.Run(FairMtKind.Load(experiment), threads, progress, cancellationToken);
    }
}
