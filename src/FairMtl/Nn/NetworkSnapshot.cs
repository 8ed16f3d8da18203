using FairMtl.Numerics;

namespace FairMtl.Nn;

/// <summary>A copy of a network's state (weights and batch-normalisation statistics), e.g. its best epoch.</summary>
/// <remarks>The network's state arrays are listed once: capturing and restoring (every improving epoch) allocate
/// nothing.</remarks>
public sealed class NetworkSnapshot
{
    private readonly MultiHeadNetwork _network;
    private readonly float[][] _state;
    private readonly float[][] _values;

    public NetworkSnapshot(MultiHeadNetwork network)
    {
        _network = network;
        _state = network.Parameters.Select(p => p.Value)
            .Concat(network.Norms.SelectMany(norm => new[] { norm.MovingMean, norm.MovingVariance }))
            .ToArray();
        _values = _state.Select(source => UnitBuffers.Rent<float>(source.Length)).ToArray();
    }

    /// <summary>Stores the network's current state.</summary>
    public void Capture(MultiHeadNetwork network) => Copy(State(network), _values);

    /// <summary>Puts the stored state back into the network.</summary>
    public void Restore(MultiHeadNetwork network) => Copy(_values, State(network));

    private float[][] State(MultiHeadNetwork network) => ReferenceEquals(network, _network)
        ? _state
        : throw new ArgumentException("A snapshot captures and restores the network it was made for.", nameof(network));

    private static void Copy(float[][] from, float[][] to)
    {
        for (var i = 0; i < from.Length; i++)
        {
            from[i].CopyTo(to[i], 0);
        }
    }
}
