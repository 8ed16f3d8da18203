using FairMtl.Data;
using FairMtl.Execution;
using FairMtl.Objectives.Weighting;
using FairMtl.Spec;

namespace FairMtl.Sweeps;

/// <summary>Runs a regression sweep (<see cref="RegressionSweepKind"/>) in one call: the entry point of compiled experiments'
/// <c>Run()</c> and of library users.</summary>
public static class ExperimentRunner
{
    /// <summary>Runs the experiment on prepared data.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="data">Its prepared data.</param>
    /// <param name="threads">Units trained at once (at least 1).</param>
    /// <param name="progress">Receives one report per finished model.</param>
    /// <param name="loadSeconds">Time spent loading, for the timings record.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <param name="weighting">The loss weighting as compiled by the source generator; null interprets the spec's
    /// <see cref="ExperimentSpec.Loss"/> expression (with bit-identical results).</param>
    /// <param name="maxModels">More models than this is FMTL018, before anything is planned.</param>
    public static ExperimentResult Run(
        LoadedExperiment experiment,
        PreparedData data,
        int threads,
        IProgress<ModelProgress>? progress,
        double loadSeconds,
        CancellationToken cancellationToken,
        ILossWeighting? weighting = null,
        long maxModels = InputLimits.DefaultMaxModels)
    {
        ModelCount.Check(experiment, maxModels);
        return KindRunner.Run(new RegressionSweepKind(experiment, data, loadSeconds, weighting), threads, progress, cancellationToken);
    }
}
