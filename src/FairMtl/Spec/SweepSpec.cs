namespace FairMtl.Spec;

/// <summary>The sweep: the Cartesian product of the variables' values, repeated for every seed.</summary>
/// <param name="Variables">Swept variables in declaration order (the first varies slowest).</param>
/// <param name="Seeds">Seeds for initial weights, batch order and dropout. The split has its own seed.</param>
/// <param name="SplitPerSeed">Whether each seed also splits the rows with its own seed (<c>split: per-seed</c>) instead
/// of the one split of <c>data.split.seed</c> (<c>split: fixed</c>, the default).</param>
/// <param name="Conditional">Null: a model per point and seed. Otherwise one loss-conditional model per seed, evaluated
/// at every point (<c>sweep.conditional</c>).</param>
public sealed record SweepSpec(
    EquatableArray<SweepVariable> Variables, EquatableArray<int> Seeds, bool SplitPerSeed = false, ConditionalSpec? Conditional = null)
{
    /// <summary>Number of sweep points per seed.</summary>
    public int PointCount
    {
        get
        {
            var count = 1;
            foreach (var variable in Variables)
            {
                count *= variable.Values.Count;
            }

            return count;
        }
    }
}

/// <summary>A named sweep variable and its resolved values.</summary>
public sealed record SweepVariable(string Name, EquatableArray<double> Values);
