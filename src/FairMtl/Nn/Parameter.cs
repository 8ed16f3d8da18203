using FairMtl.Numerics;

namespace FairMtl.Nn;

/// <summary>A trainable float32 tensor, its gradient, and the parameter group it belongs to.</summary>
public sealed class Parameter
{
    public Parameter(string name, string group, int length)
    {
        Name = name;
        Group = group;
        Value = UnitBuffers.Rent<float>(length);
        Gradient = UnitBuffers.Rent<float>(length);
    }

    /// <summary>Name for diagnostics, e.g. <c>trunk.0.weight</c>.</summary>
    public string Name { get; }

    /// <summary>The gradient-routing group: <c>trunk</c> or <c>head:&lt;name&gt;</c>.</summary>
    public string Group { get; }

    public float[] Value { get; }

    public float[] Gradient { get; }

    /// <summary>One zeroed array per parameter, each of its length: an optimiser's state (moments, accumulators,
    /// velocities), from the unit's buffers.</summary>
    public static float[][] StateFor(IReadOnlyList<Parameter> parameters)
    {
        var state = new float[parameters.Count][];
        for (var p = 0; p < state.Length; p++)
        {
            state[p] = UnitBuffers.Rent<float>(parameters[p].Value.Length);
        }

        return state;
    }
}
