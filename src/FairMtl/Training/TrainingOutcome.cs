namespace FairMtl.Training;

/// <summary>How a training call ended.</summary>
/// <param name="Epochs">Epochs run (the last one possibly incomplete when training diverged).</param>
/// <param name="Steps">Optimiser steps taken.</param>
/// <param name="Failure">Why training failed (divergence), or null.</param>
public readonly record struct TrainingOutcome(int Epochs, long Steps, string? Failure)
{
    public bool Succeeded => Failure is null;
}
