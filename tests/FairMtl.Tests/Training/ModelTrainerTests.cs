using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Nn.Optimizers;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Spec;
using FairMtl.Tests.Data;
using FairMtl.Training;

namespace FairMtl.Tests.Training;

public class ModelTrainerTests
{
    [Fact]
    public void Training_lowers_the_validation_loss()
    {
        using var folder = new TempDataFolder();
        var spec = WithValidation(SyntheticExperiment.Spec());
        var (_, data) = SyntheticExperiment.Prepare(folder, spec);
        var network = Network(spec, data);
        var before = ValidationMse(network, data);
        var outcome = Train(network, data, spec, epochs: 30, optimizer: spec.Training.Optimizer, earlyStopping: null);
        outcome.Succeeded.ShouldBeTrue();
        outcome.Epochs.ShouldBe(30);
        outcome.Steps.ShouldBe(30L * (int)Math.Ceiling(data.Train.Rows / 32.0));
        var after = ValidationMse(network, data);
        after.ShouldBeLessThan(before / 10);
    }

    [Fact]
    public void Early_stopping_waits_patience_epochs_without_improvement()
    {
        using var folder = new TempDataFolder();
        var spec = WithValidation(SyntheticExperiment.Spec());
        var (_, data) = SyntheticExperiment.Prepare(folder, spec);

        // No later epoch can beat the first by more than min_delta, so training stops after 1 + patience epochs.
        var outcome = Train(Network(spec, data), data, spec, 50, spec.Training.Optimizer, new EarlyStoppingSpec("y", 3, 1e9, false));
        outcome.Epochs.ShouldBe(4);
    }

    [Fact]
    public void Restore_best_returns_to_the_best_epoch()
    {
        using var folder = new TempDataFolder();
        var spec = WithValidation(SyntheticExperiment.Spec());
        var (_, data) = SyntheticExperiment.Prepare(folder, spec);
        var noisy = spec.Training.Optimizer with { LearningRate = 0.3 };
        var restored = Network(spec, data);
        var kept = Network(spec, data);
        var a = Train(restored, data, spec, 40, noisy, new EarlyStoppingSpec("y", 2, 0, RestoreBest: true));
        var b = Train(kept, data, spec, 40, noisy, new EarlyStoppingSpec("y", 2, 0, RestoreBest: false));
        a.Epochs.ShouldBe(b.Epochs);
        a.Epochs.ShouldBeLessThan(40, "the noisy run should stop early");
        ValidationMse(restored, data).ShouldBeLessThan(ValidationMse(kept, data));
    }

    [Fact]
    public void A_diverging_run_reports_which_loss_became_non_finite()
    {
        using var folder = new TempDataFolder();
        var spec = SyntheticExperiment.Spec();
        var (_, data) = SyntheticExperiment.Prepare(folder, spec);
        var sgd = new OptimizerSpec(OptimizerKind.Sgd, 1e6, 0, 0, 0, 0);
        var outcome = Train(Network(spec, data), data, spec, 20, sgd, null);
        outcome.Succeeded.ShouldBeFalse();
        outcome.Failure.ShouldNotBeNull();
        outcome.Failure.ShouldStartWith("training diverged: loss of head '");
        outcome.Failure.ShouldContain("at epoch 1, step ");
    }

    private static ExperimentSpec WithValidation(ExperimentSpec spec) =>
        spec with { Data = spec.Data with { Split = spec.Data.Split with { Validation = 0.2 } } };

    [Fact]
    public void After_warm_up_training_allocates_nothing()
    {
        using var folder = new TempDataFolder();
        var spec = SyntheticExperiment.Spec();
        var (_, data) = SyntheticExperiment.Prepare(folder, spec);
        var network = Network(spec, data);
        var trainer = new ModelTrainer(network, data.Train, data.Validation, 32);
        var optimizer = OptimizerFactory.Create(spec.Training.Optimizer, network.Parameters);
        var objective = new SumOfLosses();
        var (shuffle, dropout) = (DeterministicRandom.ForStream(1, "shuffle"), DeterministicRandom.ForStream(1, "dropout"));
        trainer.Train(optimizer, objective, 2, null, shuffle, dropout, CancellationToken.None);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var outcome = trainer.Train(optimizer, objective, 3, null, shuffle, dropout, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        outcome.Steps.ShouldBeGreaterThan(0);
        allocated.ShouldBe(0);
    }

    [Fact]
    public void Batches_taken_as_non_zero_entries_train_the_same_weights_bit_for_bit_as_gathered_rows()
    {
        // One-hot blocks and a numeric column (-0 and values that are not round among them); the first 40 rows are
        // almost all non-zero, so that some shuffled batches are too dense for the sparse products and are gathered.
        const int Rows = 300;
        const int Features = 32;
        var random = DeterministicRandom.ForStream(7, "data");
        var x = new float[Rows * Features];
        var (y, z) = (new float[Rows], new float[Rows]);
        for (var r = 0; r < Rows; r++)
        {
            var row = x.AsSpan(r * Features, Features);
            row[random.NextInt(12)] = 1f;
            row[12 + random.NextInt(12)] = 1f;
            row[24 + random.NextInt(7)] = 1f;
            row[31] = random.NextInt(4) switch { 0 => 0f, 1 => -0f, _ => (float)(random.NextDouble() - 0.5) };
            if (r < 40)
            {
                for (var k = 0; k < Features; k++)
                {
                    row[k] = row[k] == 0f ? (float)random.NextDouble() : row[k];
                }
            }

            y[r] = row[3] + (2 * row[15]) - row[31] + (float)(0.1 * random.NextDouble());
            z[r] = row[5] > 0f || row[20] > 0f ? 1f : 0f;
        }

        var part = new DataPart(Rows, Features, x, new Dictionary<string, float[]> { ["y"] = y, ["z"] = z }, Enumerable.Range(0, Rows).ToArray());
        var spec = SyntheticExperiment.Spec();
        var weights = new List<int[]>();
        foreach (var sparse in new[] { true, false })
        {
            var network = new MultiHeadNetwork(Features, spec.Model, spec.Heads.ToArray(), 32);
            network.AcceptsSparseBatch.ShouldBeTrue();
            network.Initialize(spec.Model.Init, DeterministicRandom.ForStream(1, "init"));
            var outcome = new ModelTrainer(network, part, part, 32) { SparseBatches = sparse }.Train(
                OptimizerFactory.Create(spec.Training.Optimizer, network.Parameters),
                new SumOfLosses(),
                5,
                null,
                DeterministicRandom.ForStream(1, "shuffle"),
                DeterministicRandom.ForStream(1, "dropout"),
                CancellationToken.None);
            outcome.Succeeded.ShouldBeTrue();
            weights.Add(network.Parameters.SelectMany(parameter => parameter.Value).Select(BitConverter.SingleToInt32Bits).ToArray());
        }

        weights[0].ShouldBe(weights[1]);
    }

    private static MultiHeadNetwork Network(ExperimentSpec spec, PreparedData data)
    {
        var network = new MultiHeadNetwork(data.FeatureNames.Count, spec.Model, spec.Heads.ToArray(), 32);
        network.Initialize(spec.Model.Init, DeterministicRandom.ForStream(1, "init"));
        return network;
    }

    private static TrainingOutcome Train(
        MultiHeadNetwork network, PreparedData data, ExperimentSpec spec, int epochs, OptimizerSpec optimizer, EarlyStoppingSpec? earlyStopping) =>
        new ModelTrainer(network, data.Train, data.Validation, 32).Train(
            OptimizerFactory.Create(optimizer, network.Parameters),
            new SumOfLosses(),
            epochs,
            earlyStopping,
            DeterministicRandom.ForStream(1, "shuffle"),
            DeterministicRandom.ForStream(1, "dropout"),
            CancellationToken.None);

    private static double ValidationMse(MultiHeadNetwork network, PreparedData data)
    {
        var predictions = Predictor.Predict(network, data.Validation)[0];
        return TaskLoss.Compute(HeadTask.Regression, predictions, data.Validation.Targets["y"], Span<float>.Empty, data.Validation.Rows);
    }
}
