using FairMtl.Compiled;
using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Spec;

namespace FairMtl.Torch.Tests;

/// <summary>
/// The compiled torch experiments the tests train: experiments/torch's (<c>parkinson-torch</c>, <c>boston-torch</c>) and
/// the one compiled into the tests (<c>every-layer</c>, experiments/every-layer.yaml), with their data prepared once.
/// </summary>
internal static class CompiledTorchExperiments
{
    private static readonly Dictionary<string, PreparedData> Prepared = [];

    /// <summary>The compiled experiment named <paramref name="name"/>.</summary>
    public static CompiledExperiment Find(string name) =>
        FairMtl.Generated.Torch.ExperimentRegistry.Find(name)
        ?? FairMtl.Generated.TorchTests.ExperimentRegistry.Find(name)
        ?? throw new ArgumentException($"no compiled torch experiment '{name}'", nameof(name));

    /// <summary>The experiment's prepared data (its declared split).</summary>
    public static PreparedData Data(string name)
    {
        lock (Prepared)
        {
            if (!Prepared.TryGetValue(name, out var data))
            {
                data = DataPreparation.Prepare(Find(name).Load());
                Prepared.Add(name, data);
            }

            return data;
        }
    }

    /// <summary>The experiment's network with <paramref name="heads"/> (default: every head), its native initial weights
    /// drawn from <paramref name="seed"/> as the sweep draws them.</summary>
    public static MultiHeadNetwork Network(string name, int seed, IReadOnlyList<HeadSpec>? heads = null)
    {
        var spec = Find(name).Spec;
        var network = MultiHeadNetwork.For(Data(name).FeatureColumns, spec.Data.Embeddings, spec.Model, heads ?? spec.Heads, spec.Training.BatchSize);
        network.Initialize(spec.Model.Init, DeterministicRandom.ForStream(seed, "init"));
        return network;
    }
}
