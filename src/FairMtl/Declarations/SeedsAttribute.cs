namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>sweep.seeds</c>: seeds for initial weights, batch order and dropout, listed (<c>[Seeds(42, 43)]</c>) or
/// counted (<c>[Seeds(Count = 5)]</c> means 0 .. 4). Optional; the default is 42. See <c>docs/experiment-format.md</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SeedsAttribute : Attribute
{
    /// <param name="seeds">YAML <c>sweep.seeds: [...]</c>: distinct integers &gt;= 0.</param>
    public SeedsAttribute(params int[] seeds) => Seeds = seeds;

    /// <summary>YAML <c>sweep.seeds: [...]</c>.</summary>
    public int[] Seeds { get; }

    /// <summary>YAML <c>sweep.seeds: n</c>: the seeds 0 .. n-1, instead of a list.</summary>
    public int Count { get; set; }

    /// <summary>YAML <c>sweep.split: per-seed</c>: each seed also splits the rows with its own seed (default: one split).</summary>
    public bool SplitPerSeed { get; set; }
}
