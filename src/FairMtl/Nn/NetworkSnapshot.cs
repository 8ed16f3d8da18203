using FairMtl.Numerics;

namespace FairMtl.Nn;

/// <summary>A copy of a network's state (weights and batch-normalisation statistics), e.g. its best epoch.</summary>
public sealed class NetworkSnapshot
{
    private readonly float[][] _values;

    public NetworkSnapshot(MultiHeadNetwork network)
    {
        _values = StateArrays(network).Select(source => UnitBuffers.Rent<float>(source.Length)).ToArray();
    }

    /// <summary>Stores the network's current state.</summary>
    public void Capture(MultiHeadNetwork network) => Copy(StateArrays(network), _values);

    /// <summary>Puts the stored state back into the network.</summary>
    public void Restore(MultiHeadNetwork network) => Copy(_values, StateArrays(network));

    private static IEnumerable<float[]> StateArrays(MultiHeadNetwork network) =>
        network.Parameters.Select(p => p.Value)
            .Concat(network.Norms.SelectMany(norm => new[] { norm.MovingMean, norm.MovingVariance }));

    private static void Copy(IEnumerable<float[]> from, IEnumerable<float[]> to)
    {
        foreach (var (source, target) in from.Zip(to))
        {
            source.CopyTo(target, 0);
        }
    }
}
