using FairMtl.Comparisons;
using FairMtl.Nn;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Comparisons;

/// <summary>The validation loss computed every epoch for best-epoch selection reuses its buffers: after the first
/// epoch it allocates nothing (it was most of a comparison's garbage collections while training).</summary>
public class ValidationAllocationTests
{
    [Fact]
    public void The_task_validation_loss_allocates_nothing_after_its_first_computation_and_gives_the_same_value()
    {
        using var folder = new TempDataFolder();
        var (spec, repetitions, repetition, tasks) = Synthetic(folder);
        foreach (var method in spec.Methods)
        {
            var plan = MethodNetwork.For(method, spec, repetitions.Data.Attributes);
            var network = new MultiHeadNetwork(repetitions.Data.Table.FeatureNames.Count, spec.Model, plan.Heads, spec.Training.BatchSize);
            network.Initialize(spec.Model.Init, FairMtl.Numerics.DeterministicRandom.ForStream(repetition.Seed, "init"));
            var loss = new TaskValidationLoss(plan, repetition.Validation, tasks);

            var first = loss.Compute(network);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var second = loss.Compute(network);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            allocated.ShouldBe(0L, method.Name);
            second.ShouldBe(first, method.Name);
            double.IsFinite(first).ShouldBeTrue(method.Name);
        }
    }

    [Fact]
    public void Best_epoch_selection_allocates_nothing_per_epoch()
    {
        // The snapshot of the best epoch lists the network's state once; capturing it every improving epoch is a copy.
        using var folder = new TempDataFolder();
        var (spec, repetitions, repetition, tasks) = Synthetic(folder);
        var plan = MethodNetwork.For(spec.Methods[0], spec, repetitions.Data.Attributes);

        long Allocated(int epochs)
        {
            var unit = UnitTraining.Prepare(spec, repetitions.Data.Table.FeatureColumns, repetition, plan);
            // Every epoch "improves" (MinDelta -inf), so every epoch captures the snapshot.
            var selection = new FairMtl.Training.EpochSelection(new TaskValidationLoss(plan, repetition.Validation, tasks), int.MaxValue, double.NegativeInfinity, RestoreBest: true);
            var before = GC.GetAllocatedBytesForCurrentThread();
            unit.Trainer.Train(unit.Optimizer, unit.Objective, epochs, selection, new FairMtl.Numerics.DeterministicRandom(1), new FairMtl.Numerics.DeterministicRandom(2), CancellationToken.None)
                .Epochs.ShouldBe(epochs);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // The least of three measures: a one-time allocation of the runtime on this thread (216 bytes once in CI, in
        // whichever call it fell) is not per epoch; a snapshot allocated per epoch adds to every measure of 6 epochs.
        long Least(int epochs) => Enumerable.Range(0, 3).Min(_ => Allocated(epochs));
        Allocated(2);
        Least(6).ShouldBe(Least(2));
    }

    /// <summary>The synthetic comparison of <see cref="ComparisonRunnerTests"/>, loaded: its spec, data, first repetition
    /// and task names.</summary>
    private static (ComparisonSpec Spec, LoadedRepetitions Repetitions, RepetitionData Repetition, string[] Tasks) Synthetic(TempDataFolder folder)
    {
        folder.Write("data.csv", ComparisonRunnerTests.SyntheticCsv(300));
        var loaded = ComparisonYamlReader.Parse(ComparisonRunnerTests.Yaml, "synthetic.yaml", folder.Path);
        var repetitions = LoadedRepetitions.Load(loaded);
        var spec = (ComparisonSpec)loaded.Spec;
        return (spec, repetitions, repetitions.Repetitions[0], spec.Tasks.Select(task => task.Name).ToArray());
    }
}
