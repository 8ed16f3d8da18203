using FairMtl.Evaluation.Heterogeneous;

namespace FairMtl.FairMt;

/// <summary>One trained model of a FairMT experiment and its test metrics.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Point">The sweep value it trained at: lambda (penalty), epsilon (primal-dual), NaN (unconstrained MTL).</param>
/// <param name="Repetition">0-based repetition.</param>
/// <param name="Seed">The repetition's seed.</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="Steps">Optimiser steps taken.</param>
/// <param name="Multiplier">Primal-dual: the multiplier mu after the last step; else NaN.</param>
/// <param name="TrainingConstraint">The soft constraint F of the last epoch's batches (their mean).</param>
/// <param name="Tasks">Per constraint attribute (spec order), per task (spec order), its test metrics over that
/// attribute's groups (the error and secondary metric are the same for every attribute).</param>
/// <param name="Violations">Per attribute, per task, its one-sided test violation (hard harms; NaN for an unconstrained task).</param>
/// <param name="Constraint">The test constraint value F: the aggregation of the scaled violations over tasks, then over
/// attributes.</param>
/// <param name="Failure">Why training failed, or null.</param>
public sealed record FairMtRun(
    string Method,
    double Point,
    int Repetition,
    int Seed,
    int Epochs,
    long Steps,
    double Multiplier,
    double TrainingConstraint,
    TaskMetrics[][] Tasks,
    double[][] Violations,
    double Constraint,
    string? Failure);
