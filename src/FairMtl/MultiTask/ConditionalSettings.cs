using FairMtl.Comparisons;
using FairMtl.Spec;
using FairMtl.Sweeps;

namespace FairMtl.MultiTask;

/// <summary>
/// A multi-task comparison's conditional method unit (<c>sweep.conditional</c>, docs/conditional-sweeps.md): one
/// loss-conditional model of a method in a repetition for two tasks, trained with (w_1, lambda_1, lambda_2, r_1, r_2)
/// drawn per batch over the sweep's ranges (<see cref="ConditionalUnitTraining"/>; w_2 = 1 - w_1, so every weight of the
/// routes is of degree one in each variable), then scored on the repetition's test rows at each of the sweep's settings.
/// </summary>
public static class ConditionalSettings
{
    /// <summary>The unit's result: a run of the model whose <see cref="MultiTaskRun.Points"/> are its runs at each of
    /// <paramref name="settings"/> and whose <see cref="MultiTaskRun.Grid"/> its runs at each of <paramref name="grid"/>
    /// (<see cref="MultiTaskSweep.GridSettings"/>; null when empty).</summary>
    public static MultiTaskRun Train(
        MultiTaskSpec spec,
        ComparisonData data,
        RepetitionData repetition,
        MethodSpec method,
        IReadOnlyList<MultiTaskSetting> settings,
        IReadOnlyList<MultiTaskSetting> grid,
        CancellationToken cancellationToken)
    {
        var sweep = spec.Sweep;
        _ = sweep.Conditional ?? throw new ArgumentException("The sweep is not conditional.", nameof(spec));
        var tasks = spec.Tasks.Select(task => task.Name).ToArray();
        var variables = sweep.ConditionVariables(tasks);
        var points = settings.Select(setting => new SweepPoint(setting.Index, ValuesOf(setting))).ToArray();
        var trained = ConditionalUnitTraining.Train(
            spec, data, repetition, variables, points, values => MethodNetwork.For(method, spec, data.Attributes, SettingAt(values)), cancellationToken);
        var outcome = trained.Outcome;
        var blank = Enumerable.Repeat(double.NaN, tasks.Length).ToArray();
        var model = new MultiTaskRun(method.Name, null, null, repetition.Repetition, repetition.Seed, outcome.Epochs, outcome.Steps, blank, [.. blank], [.. blank], outcome.Failure);
        if (!outcome.Succeeded)
        {
            return model;
        }

        MultiTaskRun[] ScoreAt(IReadOnlyList<MultiTaskSetting> scored)
        {
            var runs = new MultiTaskRun[scored.Count];
            for (var i = 0; i < runs.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var test = trained.At(ValuesOf(scored[i]));
                var (errors, fprGaps, tprGaps) = MultiTaskComparisonKind.Score(spec, data, repetition, trained.Network, trained.Plan, test, tasks, null);
                runs[i] = model with { Setting = scored[i], Errors = errors, FprGaps = fprGaps, TprGaps = tprGaps };
            }

            return runs;
        }

        return model with { Points = ScoreAt(settings), Grid = grid.Count == 0 ? null : ScoreAt(grid) };
    }

    /// <summary>A setting's variables in <see cref="MultiTaskSweepSpec.ConditionVariables"/> order: w_1, the lambdas, the ratios.</summary>
    public static double[] ValuesOf(MultiTaskSetting setting) => [setting.Weights[0], .. setting.Lambdas, .. setting.Ratios];

    /// <summary>The setting of two tasks whose variables are <paramref name="values"/> (w_2 = 1 - w_1).</summary>
    public static MultiTaskSetting SettingAt(IReadOnlyList<double> values) =>
        new(0, [values[0], 1 - values[0]], [values[1], values[2]], [values[3], values[4]]);
}
