using System.Diagnostics;
using FairMtl.Nn;
using FairMtl.Nn.Optimizers;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.Benchmarks;

/// <summary>
/// One training step of the Pires et al. network (<see cref="PiresStepCase"/>) through the real native trainer (gather,
/// forward, both losses, weighting, backward, Adam), batch 32, single thread, on synthetic rows of the case's width.
/// </summary>
internal sealed class StepBenchmark(PiresStepCase stepCase)
{
    private const int Batch = PiresStepCase.Batch;

    public PiresStepCase Case => stepCase;

    public string Name => stepCase.Name;

    public int Inputs => stepCase.Inputs;

    /// <summary>Forward matmul FLOPs x 3 (forward + two backward products) for a full batch, as the PyTorch reference counts them.</summary>
    public double FlopsPerStep => 3.0 * 2 * Batch * (Inputs * 64 + 64 * 32 + 32 + 32);

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
        var x = Enumerable.Range(0, Batch * Inputs).Select(_ => (float)random.NextDouble()).ToArray();
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
                    TaskLoss.Compute(stepCase.ZTask, network.Heads[1].Prediction, targets[1], gradients[1], Batch);
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

    /// <summary>The case's network and rows with the native trainer and Adam (<see cref="OptimizerFactory"/>, as the
    /// native engine creates it).</summary>
    private (MultiHeadNetwork, ModelTrainer, IOptimizer, ILossCombiner) Build()
    {
        var setup = stepCase.Build();
        var trainer = new ModelTrainer(setup.Network, setup.Train, setup.Validation, Batch);
        var optimizer = OptimizerFactory.Create(PiresStepCase.Settings.Optimizer, setup.Network.Parameters);
        return (setup.Network, trainer, optimizer, setup.Combiner);
    }

    private TrainingOutcome Train(ModelTrainer trainer, IOptimizer optimizer, ILossCombiner objective, int epochs) =>
        trainer.Train(optimizer, objective, epochs, null, stepCase.Shuffle, stepCase.Dropout, CancellationToken.None);
}
