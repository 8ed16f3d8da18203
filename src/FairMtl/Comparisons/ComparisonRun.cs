namespace FairMtl.Comparisons;

/// <summary>One trained model: a method (at a lambda) in a repetition.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Lambda">The method's lambda in this run (for front runs, the swept value).</param>
/// <param name="IsFront">Whether the run belongs to the lambda front rather than the method table.</param>
/// <param name="Repetition">0-based repetition.</param>
/// <param name="Seed">The repetition's seed.</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="Steps">Optimiser steps taken.</param>
/// <param name="Metrics">Test metrics in <see cref="MetricColumn"/> order; null when the run failed.</param>
/// <param name="Failure">Why the run failed, or null.</param>
/// <param name="Points">For a conditional front unit (one loss-conditional model scored at every lambda): the model's
/// run at each of the front's lambdas, each with the model's epochs and steps; this run then has no metrics of its own.
/// Null for every other unit.</param>
/// <param name="Grid">For a conditional front unit with <c>front.conditional.grid</c>: the model's run at each grid
/// lambda (for the figures' curves); null otherwise.</param>
public sealed record ComparisonRun(
    string Method,
    double Lambda,
    bool IsFront,
    int Repetition,
    int Seed,
    int Epochs,
    long Steps,
    double[]? Metrics,
    string? Failure,
    IReadOnlyList<ComparisonRun>? Points = null,
    IReadOnlyList<ComparisonRun>? Grid = null);
