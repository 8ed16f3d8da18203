using FairMtl.Conditional;
using FairMtl.Evaluation.Classification;
using FairMtl.Spec;
using FairMtl.Sweeps;

namespace FairMtl.Comparisons;

/// <summary>
/// A method comparison's conditional front unit (<c>front.conditional</c>, docs/conditional-sweeps.md): one
/// loss-conditional model of a front method in a repetition, trained with lambda drawn per batch over the front's range
/// (<see cref="ConditionalUnitTraining"/>), then scored on the repetition's test rows at each of the front's lambdas and,
/// with a grid, at each grid lambda.
/// </summary>
public static class ConditionalFront
{
    /// <summary>The unit's result: a run that holds the model's run at each lambda (<see cref="ComparisonRun.Points"/>).</summary>
    public static ComparisonRun Train(
        MethodComparisonSpec spec, ComparisonData data, RepetitionData repetition, MethodSpec method, IReadOnlyList<string> tasks, CancellationToken cancellationToken)
    {
        var front = spec.Front;
        _ = front.Conditional ?? throw new ArgumentException("The front is not conditional.", nameof(spec));
        var points = front.Lambdas.Select((lambda, i) => new SweepPoint(i, new[] { lambda })).ToArray();
        var model = ConditionalUnitTraining.Train(
            spec, data, repetition, front.AsSweep(), points, values => MethodNetwork.For(method with { Lambda = values[0] }, spec, data.Attributes), cancellationToken);
        var outcome = model.Outcome;
        var container = new ComparisonRun(method.Name, method.Lambda, true, repetition.Repetition, repetition.Seed, outcome.Epochs, outcome.Steps, null, outcome.Failure);
        if (!outcome.Succeeded)
        {
            return container;
        }

        var eod = spec.Evaluation?.Eod ?? EodDefinition.Max;
        var runs = new ComparisonRun[front.Lambdas.Count];
        for (var i = 0; i < runs.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var logits = TaskScores.Logits(model.Network, model.Plan, model.At(points[i].Values), tasks.Count);
            var metrics = RunScores.Of(logits, repetition, spec.Tasks.ToArray(), data.Attributes, eod);
            runs[i] = container with { Lambda = front.Lambdas[i], Metrics = metrics };
        }

        var grid = ConditionalGrid.Points(front.AsSweep(), 0).Select(point =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var logits = TaskScores.Logits(model.Network, model.Plan, model.At(point.Values), tasks.Count);
            return container with { Lambda = point.Values[0], Metrics = RunScores.Of(logits, repetition, spec.Tasks.ToArray(), data.Attributes, eod) };
        }).ToArray();
        return container with { Points = runs, Grid = grid.Length == 0 ? null : grid };
    }
}
