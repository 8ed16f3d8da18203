using FairMtl.Comparisons;
using FairMtl.Conditional;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Spec;
using FairMtl.Sweeps;
using FairMtl.Training;

namespace FairMtl.MultiTask;

/// <summary>
/// A multi-task comparison's conditional method unit (<c>sweep.conditional</c>, docs/conditional-sweeps.md): one
/// loss-conditional model of a method in a repetition for two tasks, trained with (w_1, lambda_1, lambda_2, r_1, r_2)
/// drawn per batch over the sweep's ranges (appended to the inputs and FiLM-modulating the trunk; the method's routes at
/// the draw, <see cref="ConditionalRoutes"/>: w_2 = 1 - w_1, and every weight is of degree one in each variable), then
/// scored on the repetition's test rows at each of the sweep's settings. No best-epoch selection: a validation loss
/// would hold for one setting.
/// </summary>
public static class ConditionalSettings
{
    /// <summary>The unit's result: a run of the model whose <see cref="MultiTaskRun.Points"/> are its runs at each setting.</summary>
    public static MultiTaskRun Train(
        MultiTaskSpec spec, ComparisonData data, RepetitionData repetition, MethodSpec method, IReadOnlyList<MultiTaskSetting> settings, CancellationToken cancellationToken)
    {
        var sweep = spec.Sweep;
        var conditional = sweep.Conditional ?? throw new ArgumentException("The sweep is not conditional.", nameof(spec));
        var tasks = spec.Tasks.Select(task => task.Name).ToArray();
        var variables = sweep.ConditionVariables(tasks);
        MethodNetwork PlanAt(IReadOnlyList<double> values) => MethodNetwork.For(method, spec, data.Attributes, SettingAt(values));
        var plan = PlanAt(new double[variables.Variables.Count]);
        var points = settings.Select(setting => new SweepPoint(setting.Index, ValuesOf(setting))).ToArray();
        var network = MultiHeadNetwork.For(
            data.Table.FeatureColumns, spec.Data.Embeddings, spec.Model, plan.Heads, spec.Training.BatchSize, variables.Variables.Count, conditional.Film);
        network.Initialize(spec.Model.Init, DeterministicRandom.ForStream(repetition.Seed, "init"));
        var sampler = new ConditionSampler(variables, points, DeterministicRandom.ForStream(repetition.Seed, "condition"), network.MaxRows);
        using var trainer = TrainingEngines.Create(
            spec.Training.Engine,
            network,
            ConditionedData.Widen(plan.WithTargets(repetition.Train), variables.Variables.Count),
            ConditionedData.Widen(repetition.Validation, variables.Variables.Count),
            new TrainerSettings(spec.Training.BatchSize, spec.Training.Optimizer, spec.Model.Init, repetition.Seed, Conditioner: sampler));
        var outcome = trainer.Train(
            new ConditionalRoutes(values => PlanAt(values).Routes, network, sampler),
            conditional.Epochs,
            null,
            DeterministicRandom.ForStream(repetition.Seed, "shuffle"),
            DeterministicRandom.ForStream(repetition.Seed, "dropout"),
            cancellationToken);
        var blank = Enumerable.Repeat(double.NaN, tasks.Length).ToArray();
        var model = new MultiTaskRun(method.Name, null, null, repetition.Repetition, repetition.Seed, outcome.Epochs, outcome.Steps, blank, [.. blank], [.. blank], outcome.Failure);
        if (!outcome.Succeeded)
        {
            return model;
        }

        var test = ConditionedData.Widen(repetition.Test, variables.Variables.Count);
        var encoded = new float[variables.Variables.Count];
        var runs = new MultiTaskRun[settings.Count];
        for (var i = 0; i < runs.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sampler.Encode(points[i].Values, encoded);
            ConditionedData.Write(test, encoded);
            var (errors, fprGaps, tprGaps) = MultiTaskComparisonKind.Score(spec, data, repetition, network, plan, test, tasks, null);
            runs[i] = model with { Setting = settings[i], Errors = errors, FprGaps = fprGaps, TprGaps = tprGaps };
        }

        return model with { Points = runs };
    }

    /// <summary>A setting's variables in <see cref="MultiTaskSweepSpec.ConditionVariables"/> order: w_1, the lambdas, the ratios.</summary>
    public static double[] ValuesOf(MultiTaskSetting setting) => [setting.Weights[0], .. setting.Lambdas, .. setting.Ratios];

    /// <summary>The setting of two tasks whose variables are <paramref name="values"/> (w_2 = 1 - w_1).</summary>
    public static MultiTaskSetting SettingAt(IReadOnlyList<double> values) =>
        new(0, [values[0], 1 - values[0]], [values[1], values[2]], [values[3], values[4]]);
}
