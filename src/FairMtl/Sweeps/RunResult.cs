using FairMtl.Evaluation;
using FairMtl.Spec;

namespace FairMtl.Sweeps;

/// <summary>One trained model: the baseline of a seed, or a sweep point of a seed.</summary>
/// <param name="Seed">Seed of initial weights, batch order and dropout.</param>
/// <param name="Point">The sweep point, or null for the baseline.</param>
/// <param name="Block">Warm-start block of the point (-1 for the baseline).</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="Steps">Optimiser steps taken.</param>
/// <param name="Metrics">Test metrics, or null when the run failed.</param>
/// <param name="Failure">Why the run failed, or null.</param>
public sealed record RunResult(
    int Seed,
    SweepPoint? Point,
    int Block,
    int Epochs,
    long Steps,
    RunMetrics? Metrics,
    string? Failure)
{
    public bool Succeeded => Failure is null && Metrics is not null;
}
