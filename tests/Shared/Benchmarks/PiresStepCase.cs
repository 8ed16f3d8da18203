using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Objectives.Weighting;
using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.Benchmarks;

/// <summary>
/// The Pires et al. step benchmark's case, for every engine: the network (trunk 64-32 with ReLU, a regression head y and
/// a head z, regression or binary), 4,700 synthetic rows of the given width, the sweep's weighted loss
/// alpha * L_y + (5 - alpha) * L_z at alpha = 2.5 (the heads' task losses combined: the sweeps' head-loss path), Adam,
/// batch 32, and the shuffle and dropout streams of the measured calls.
/// </summary>
internal sealed class PiresStepCase(string name, int inputs, HeadTask zTask)
{
    /// <summary>Rows of the synthetic training set.</summary>
    public const int Rows = 4700;

    /// <summary>Rows per step.</summary>
    public const int Batch = 32;

    /// <summary>The two shapes: Boston (12 inputs, two regression heads) and Parkinson (18 inputs, regression and
    /// binary head).</summary>
    public static IReadOnlyList<PiresStepCase> All { get; } =
        [new("boston", 12, HeadTask.Regression), new("parkinson", 18, HeadTask.Binary)];

    /// <summary>Batch, optimiser (Adam, learning rate 1e-3, betas 0.9 and 0.999, epsilon 1e-7), initialiser and seed.</summary>
    public static TrainerSettings Settings { get; } = new(
        Batch, new OptimizerSpec(OptimizerKind.Adam, 1e-3, 0.9, 0.999, 1e-7, 0), Initializer.GlorotUniform, 1);

    public string Name => name;

    public int Inputs => inputs;

    public HeadTask ZTask => zTask;

    /// <summary>The batches' order (one stream for every measured call of this case).</summary>
    public DeterministicRandom Shuffle { get; } = new(4);

    /// <summary>The dropout stream (the network has no dropout; the trainer takes one).</summary>
    public DeterministicRandom Dropout { get; } = new(5);

    /// <summary>Epochs per measured call: 147 steps each.</summary>
    public static int Epochs(bool quick) => quick ? 10 : 40;

    /// <summary>A new network initialised from seed 1, the training rows (seed 2), no validation rows, and the
    /// sweep's weighted loss.</summary>
    public PiresStepSetup Build()
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
        var weighting = WeightingExpression.Parse("alpha * y + (5 - alpha) * z").Compile(["y", "z"], ["alpha"]);
        return new PiresStepSetup(network, part, empty, new WeightedLoss(weighting, [2.5]));
    }
}

/// <summary>What <see cref="PiresStepCase.Build"/> returns: a network, its training and (empty) validation rows, and
/// the combiner of its heads' losses.</summary>
internal sealed record PiresStepSetup(MultiHeadNetwork Network, DataPart Train, DataPart Validation, ILossCombiner Combiner);
