using FairMtl.Comparisons;
using FairMtl.Data;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Sweeps;
using FairMtl.Training;

namespace FairMtl.Torch.Tests;

/// <summary>
/// Training on the torch engine survives garbage collections started by another thread at any moment. TorchSharp 0.107
/// turns a number passed where libtorch takes a scalar into a finalizable object whose native handle a collection on
/// another thread could free while libtorch read it (dotnet/TorchSharp#1434): its own optimisers and any number given to
/// a tensor operation died that way ("Unknown scalar type", exit code 134) within moments under a collecting thread.
/// The engine passes every such number through <see cref="Modules.TorchScalars"/>, held to the end of the step.
/// </summary>
public class ScalarLifetimeTests
{
    [Fact]
    public void Training_survives_a_thread_that_collects_and_finalises_all_the_time()
    {
        var loaded = RepositoryFiles.ReducedSweep("parkinson", [1.0, 2.0, 3.0, 4.0], epochs: 3, TrainingEngine.Torch);
        loaded = loaded with { Spec = loaded.Spec with { Model = loaded.Spec.Model with { Dropout = 0.1, BatchNorm = true } } };
        var data = DataPreparation.Prepare(loaded);
        TrainingEngines.Register(new TorchEngine());

        var (result, collections) = WhileCollecting(() => ExperimentRunner.Run(loaded, data, 2, null, 0, CancellationToken.None));

        result.Baseline.Concat(result.Sweep).ShouldAllBe(run => run.Succeeded);
        result.Sweep.Sum(run => run.Steps).ShouldBeGreaterThan(1500); // 4 points x 3 epochs x 147 batches
        collections.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void A_comparisons_routed_training_survives_it_too()
    {
        var loaded = RepositoryFiles.Comparison("adult-sex");
        var spec = loaded.Spec with { Protocol = loaded.Spec.Protocol with { Repetitions = 1 }, Training = loaded.Spec.Training with { Epochs = 1, Engine = TrainingEngine.Torch } };
        TrainingEngines.Register(new TorchEngine());

        var (result, collections) = WhileCollecting(() => ComparisonRunner.Run(loaded with { Spec = spec }, 2, null, CancellationToken.None));

        result.Runs.ShouldAllBe(run => run.Failure == null);
        result.Runs.Count.ShouldBeGreaterThan(10);
        collections.ShouldBeGreaterThan(100);
    }

    /// <summary>Runs <paramref name="run"/> while another thread collects and waits for finalizers without pause.</summary>
    private static (T Result, int Collections) WhileCollecting<T>(Func<T> run)
    {
        using var stop = new CancellationTokenSource();
        var collections = 0;
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                collections++;
            }
        }) { IsBackground = true };
        collector.Start();
        try
        {
            return (run(), collections);
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
    }
}
