using System.Diagnostics;
using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Nn.Optimizers;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Objectives.Weighting;
using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.Benchmarks;

/// <summary>
/// One training step of the Pires et al. network through the real trainer (gather, forward, both losses, weighting,
/// backward, Adam), batch 32, single thread, on synthetic rows of the given width.
/// </summary>
internal sealed class StepBenchmark(string name, int inputs, HeadTask zTask)
{
    private const int Rows = 4700;
    private const int Batch = 32;

    public string Name => name;

    public int Inputs => inputs;

    /// <summary>Forward matmul FLOPs x 3 (forward + two backward products) for a full batch, as the PyTorch reference counts them.</summary>
    public double FlopsPerStep => 3.0 * 2 * Batch * (inputs * 64 + 64 * 32 + 32 + 32);

    /// <summary>The step's median time and allocation (<see cref="StepResult.Median"/>).</summary>
    public StepResult Measure(int epochs)
    {
        var (network, trainer, optimizer, objective) = Build();
        var result = StepResult.Median(count => Train(trainer, optimizer, objective, count), epochs);
        GC.KeepAlive(network);
        return result;
    }

    /// <summary>Cumulative time of the phases of a step: forward, + losses, + backward, + Adam (microseconds).</summary>
    public double[] Phases(int steps)
    {
        var (network, _, optimizer, _) = Build();
        var random = new DeterministicRandom(3);
        var x = Enumerable.Range(0, Batch * inputs).Select(_ => (float)random.NextDouble()).ToArray();
        var targets = new[] { Enumerable.Range(0, Batch).Select(_ => (float)random.NextDouble()).ToArray(), Enumerable.Range(0, Batch).Select(i => (float)(i % 2)).ToArray() };
        var gradients = new[] { new float[Batch], new float[Batch] };
        float[] scales = [2.5f, 2.5f];
        var phases = new double[4];
        for (var phase = 0; phase < 4; phase++)
        {
            for (var repeat = 0; repeat < 3; repeat++)
            {
                var stopwatch = Stopwatch.StartNew();
                for (var s = 0; s < steps; s++)
                {
                    network.Forward(x, Batch, training: true, null);
                    if (phase == 0)
                    {
                        continue;
                    }

                    TaskLoss.Compute(HeadTask.Regression, network.Heads[0].Prediction, targets[0], gradients[0], Batch);
                    TaskLoss.Compute(zTask, network.Heads[1].Prediction, targets[1], gradients[1], Batch);
                    if (phase == 1)
                    {
                        continue;
                    }

                    network.Backward(x, Batch, gradients, scales, scales);
                    if (phase == 3)
                    {
                        optimizer.Step();
                    }
                }

                phases[phase] = 1e6 * stopwatch.Elapsed.TotalSeconds / steps;
            }
        }

        return phases;
    }

    private (MultiHeadNetwork, ModelTrainer, IOptimizer, ILossCombiner) Build()
    {
        var heads = new[]
        {
            new HeadSpec("y", "y", HeadTask.Regression, false, EquatableArray<int>.Empty),
            new HeadSpec("z", "z", zTask, false, EquatableArray<int>.Empty),
        };
        var model = new ModelSpec(new[] { 64, 32 }, Activation.Relu, 0, false, Initializer.GlorotUniform);
        var network = new MultiHeadNetwork(inputs, model, heads, Batch);
        network.Initialize(Initializer.GlorotUniform, new DeterministicRandom(1));
        var random = new DeterministicRandom(2);
        var x = Enumerable.Range(0, Rows * inputs).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        var y = Enumerable.Range(0, Rows).Select(_ => (float)(10 * random.NextDouble())).ToArray();
        var z = Enumerable.Range(0, Rows).Select(i => (float)(i % 2)).ToArray();
        var part = new DataPart(Rows, inputs, x, new Dictionary<string, float[]> { ["y"] = y, ["z"] = z }, Enumerable.Range(0, Rows).ToArray());
        var empty = new DataPart(0, inputs, [], new Dictionary<string, float[]> { ["y"] = [], ["z"] = [] }, []);
        var trainer = new ModelTrainer(network, part, empty, Batch);
        var optimizer = new Adam(network.Parameters, 1e-3, 0.9, 0.999, 1e-7);
        var weighting = WeightingExpression.Parse("alpha * y + (5 - alpha) * z").Compile(["y", "z"], ["alpha"]);
        return (network, trainer, optimizer, new WeightedLoss(weighting, [2.5]));
    }

    private readonly DeterministicRandom _shuffle = new(4);
    private readonly DeterministicRandom _dropout = new(5);

    private TrainingOutcome Train(ModelTrainer trainer, IOptimizer optimizer, ILossCombiner objective, int epochs) =>
        trainer.Train(optimizer, objective, epochs, null, _shuffle, _dropout, CancellationToken.None);
}

/// <summary>Microseconds and bytes allocated per step, collections during the measured loop, steps measured.</summary>
internal sealed record StepResult(double MicrosecondsPerStep, double BytesPerStep, int Collections, long Steps)
{
    /// <summary>
    /// Median over five measured calls of <paramref name="train"/> for <paramref name="epochs"/> epochs each, after two
    /// seconds of warm-up (the JIT tiers methods up over the first hundreds of milliseconds; measuring earlier reports
    /// tier-0 code).
    /// </summary>
    public static StepResult Median(Func<int, TrainingOutcome> train, int epochs)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(2))
        {
            train(1);
        }

        var runs = new List<StepResult>();
        for (var repeat = 0; repeat < 5; repeat++)
        {
            var gcBefore = FairMtl.Execution.RunTimings.Collections();
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            var outcome = train(epochs);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
            var collections = FairMtl.Execution.RunTimings.Collections() - gcBefore;
            runs.Add(new StepResult(1e6 * seconds / outcome.Steps, (double)bytes / outcome.Steps, collections, outcome.Steps));
        }

        return runs.OrderBy(run => run.MicrosecondsPerStep).ElementAt(runs.Count / 2);
    }
}
