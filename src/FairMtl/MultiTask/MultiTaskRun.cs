using FairMtl.Comparisons;

namespace FairMtl.MultiTask;

/// <summary>One trained multi-task model (or a single-task reference model) and its test metrics.</summary>
/// <param name="Method">The method's name (single-task references: <see cref="ReferenceMethod"/>).</param>
/// <param name="Setting">The sweep setting (null for a single-task reference).</param>
/// <param name="Task">For a single-task reference: the index of its task (null for a method's run).</param>
/// <param name="Repetition">0-based repetition.</param>
/// <param name="Seed">The repetition's seed.</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="Steps">Optimiser steps taken.</param>
/// <param name="Errors">Per task, the test error rate (threshold 0.5); a reference model fills only its task.</param>
/// <param name="FprGaps">Per task, the test FPR gap over the sensitive groups.</param>
/// <param name="TprGaps">Per task, the test TPR gap.</param>
/// <param name="Failure">Why training failed, or null.</param>
public sealed record MultiTaskRun(
    string Method,
    MultiTaskSetting? Setting,
    int? Task,
    int Repetition,
    int Seed,
    int Epochs,
    long Steps,
    double[] Errors,
    double[] FprGaps,
    double[] TprGaps,
    string? Failure)
{
    /// <summary>The name the single-task references go by in the tables.</summary>
    public const string ReferenceMethod = "STL";

    /// <summary>For a conditional method unit (one loss-conditional model scored at every setting): the model's run at
    /// each setting, each with the model's epochs and steps; this run then stands for the model only. Null otherwise.</summary>
    public IReadOnlyList<MultiTaskRun>? Points { get; init; }

    /// <summary>For a conditional method unit with <c>sweep.conditional.grid</c>: the model's run at each of the grid's
    /// settings (<see cref="MultiTaskSweep.GridSettings"/>), for its curve. Null otherwise.</summary>
    public IReadOnlyList<MultiTaskRun>? Grid { get; init; }

    /// <summary>ARFG against the references (filled by the runner; NaN for references and failures).</summary>
    public double Arfg { get; init; } = double.NaN;

    /// <summary>ARE against the references.</summary>
    public double Are { get; init; } = double.NaN;

    /// <summary>Whether the run is on its method's ARFG-ARE Pareto front.</summary>
    public bool OnFront { get; init; }

    /// <summary>Per task, whether the run is on its method's front of (FPR gap, error) of that task.</summary>
    public bool[] OnTaskFront { get; init; } = [];
}
