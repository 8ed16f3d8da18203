using FairMtl.Comparisons;
using FairMtl.Generated.Experiments;
using FairMtl.MultiTask;
using FairMtl.Nn;
using FairMtl.Spec;
using FairMtl.Torch.Modules;
using FairMtl.Torch.Objectives;
using FairMtl.Training;
using Xunit.Abstractions;

namespace FairMtl.Torch.Tests;

/// <summary>
/// The torch code the source generator wrote for experiments/torch's comparisons (adult-sex-race-torch: every
/// auxiliary-task method and a front point; adult-mtaf-torch: every multi-task method and the single-task references;
/// lsac-mtaf-torch: the MTA-F authors' summed reduction and the released code's shared part)
/// against the run-time path of a comparison read at run time (<see cref="RuntimeModel"/> and
/// <see cref="TorchRoutedObjective"/> over the method's routes): the same unit trained both ways, from the same initial
/// weights (drawn by torch from the unit's seed), on the same batches and dropout masks, ends with the same bits.
/// </summary>
public class GeneratedComparisonTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, LoadedRepetitions> Loaded = [];

    /// <summary>Each unit to train: an experiment and a method (<c>reference:task</c> for a multi-task comparison's
    /// single-task reference, <c>method@lambda</c> for a front point).</summary>
    public static TheoryData<string, string> Units()
    {
        var data = new TheoryData<string, string>();
        foreach (var experiment in new[] { "adult-sex-race-torch", "adult-mtaf-torch", "lsac-mtaf-torch" })
        {
            var spec = Find(experiment).Load().Spec;
            foreach (var method in spec.Methods)
            {
                data.Add(experiment, method.Name);
            }

            if (spec is MethodComparisonSpec comparison)
            {
                data.Add(experiment, $"{comparison.Front.Methods[0]}@{comparison.Front.Lambdas[0].ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }
            else
            {
                foreach (var task in spec.Tasks)
                {
                    data.Add(experiment, "reference:" + task.Name);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Units))]
    public void The_generated_module_and_objective_train_a_unit_to_the_same_bits_as_the_run_time_path(string experiment, string unit)
    {
        TrainingEngines.Register(new TorchEngine());
        var loaded = Find(experiment).Load();
        loaded.IsCompiled.ShouldBeTrue("a comparison of the build runs as compiled");
        var repetitions = Repetitions(experiment);
        var repetition = repetitions.Repetitions[0];
        var attributes = repetitions.Data.Attributes;
        var (spec, method, setting) = Unit(loaded.Spec, unit);
        var plan = MethodNetwork.For(method, spec, attributes, setting);
        var tasks = spec.Tasks.Select(task => task.Name).ToArray();
        var trained = new TrainedMethod(method, setting, attributes);

        var (generated, created) = Counting(experiment, () => UnitTraining.Train(
            spec, repetitions.Data.Table.FeatureColumns, repetition, plan, tasks, CancellationToken.None, trained, experiment));
        var (runTime, runTimeCreated) = Counting(experiment, () => UnitTraining.Train(
            spec, repetitions.Data.Table.FeatureColumns, repetition, plan, tasks, CancellationToken.None, trained, compiledName: null));

        created.Models.ShouldHaveSingleItem().ShouldNotBeNull().IsSubclassOf(TrunkClass(experiment)).ShouldBeTrue("the generated module of the method");
        created.Objectives.ShouldHaveSingleItem().ShouldNotBeNull().DeclaringType.ShouldBe(TrunkClass(experiment), "the generated objective of the method");
        runTimeCreated.Models.ShouldBeEmpty("a comparison read at run time never asks for the generated code");
        generated.Outcome.Succeeded.ShouldBeTrue(generated.Outcome.Failure);
        (generated.Outcome.Epochs, generated.Outcome.Steps).ShouldBe((runTime.Outcome.Epochs, runTime.Outcome.Steps));
        var parameters = generated.Network.Parameters;
        var differing = 0;
        for (var p = 0; p < parameters.Count; p++)
        {
            var (a, b) = (parameters[p].Value, runTime.Network.Parameters[p].Value);
            a.Length.ShouldBe(b.Length);
            for (var i = 0; i < a.Length; i++)
            {
                differing += BitConverter.SingleToInt32Bits(a[i]) == BitConverter.SingleToInt32Bits(b[i]) ? 0 : 1;
            }
        }

        output.WriteLine($"{experiment} {unit}: {created.Models[0]!.Name}, {parameters.Count} tensors, {generated.Outcome.Steps} steps, {differing} differing weights");
        differing.ShouldBe(0, "the generated objective takes the run-time path's torch operations in the same order");
    }

    /// <summary>The generated trunk class of an experiment.</summary>
    private static Type TrunkClass(string experiment) => experiment switch
    {
        "adult-sex-race-torch" => typeof(AdultSexRaceTorchTorchModel),
        "lsac-mtaf-torch" => typeof(LsacMtafTorchTorchModel),
        _ => typeof(AdultMtafTorchTorchModel),
    };

    /// <summary>The comparison spec, method and setting a unit trains (see <see cref="Units"/>).</summary>
    private static (ComparisonSpec Spec, MethodSpec Method, MultiTaskSetting? Setting) Unit(ComparisonSpec spec, string unit)
    {
        if (unit.StartsWith("reference:", StringComparison.Ordinal))
        {
            var task = spec.Tasks.Single(t => t.Name == unit["reference:".Length..]);
            return (spec with { Tasks = new[] { task } }, MultiTaskComparisonKind.SingleTaskReference, null);
        }

        var at = unit.IndexOf('@', StringComparison.Ordinal);
        var method = spec.Methods.Single(m => m.Name == (at < 0 ? unit : unit[..at]));
        if (at >= 0)
        {
            method = method with { Lambda = double.Parse(unit[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture) };
        }

        var setting = spec is MultiTaskSpec multiTask ? MultiTaskSweep.Settings(multiTask.Sweep, spec.Tasks.Count)[1] : null;
        return (spec, method, setting);
    }

    private static Compiled.CompiledComparison Find(string experiment) =>
        FairMtl.Generated.Torch.ExperimentRegistry.Comparisons.Single(comparison => comparison.Name == experiment);

    private static LoadedRepetitions Repetitions(string experiment)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(experiment, out var repetitions))
            {
                repetitions = LoadedRepetitions.Load(Find(experiment).Load());
                Loaded.Add(experiment, repetitions);
            }

            return repetitions;
        }
    }

    /// <summary>Runs <paramref name="action"/> with experiment <paramref name="experiment"/>'s registered code recording
    /// the modules and objectives it makes.</summary>
    internal static (T Result, Created Created) Counting<T>(string experiment, Func<T> action)
    {
        var (code, created) = Recording(experiment);
        try
        {
            return (action(), created);
        }
        finally
        {
            TorchComparisons.Register(experiment, code);
        }
    }

    /// <summary><see cref="Counting{T}(string, Func{T})"/> for an asynchronous action.</summary>
    internal static async Task<(T Result, Created Created)> CountingAsync<T>(string experiment, Func<Task<T>> action)
    {
        var (code, created) = Recording(experiment);
        try
        {
            return (await action(), created);
        }
        finally
        {
            TorchComparisons.Register(experiment, code);
        }
    }

    /// <summary>Registers a recording wrapper of the experiment's code; returns the code to restore.</summary>
    private static (GeneratedComparison Code, Created Created) Recording(string experiment)
    {
        var code = TorchComparisons.Find(experiment).ShouldNotBeNull("the torch experiments' assembly registers its comparisons when it is loaded");
        var created = new Created([], []);
        TorchComparisons.Register(experiment, new GeneratedComparison(
            (network, method) =>
            {
                var model = code.Model(network, method);
                lock (created)
                {
                    created.Models.Add(model?.GetType());
                }

                return model;
            },
            method =>
            {
                var objective = code.Objective(method);
                lock (created)
                {
                    created.Objectives.Add(objective?.GetType());
                }

                return objective;
            }));
        return (code, created);
    }

    /// <summary>The types of the modules and objectives the registered code made (null: it declined).</summary>
    internal sealed record Created(List<Type?> Models, List<Type?> Objectives);
}
