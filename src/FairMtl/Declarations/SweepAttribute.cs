namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>sweep.&lt;variable&gt;</c>: a swept variable, given either as <see cref="From"/>, <see cref="To"/> and
/// <see cref="Count"/> (evenly spaced, both ends included) or as <see cref="Values"/>. Their order is the order of the
/// first parameters of <c>Loss</c>; the first varies slowest. See <c>docs/experiment-format.md</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SweepAttribute : Attribute
{
    /// <param name="name">YAML <c>sweep.&lt;variable&gt;</c>: an identifier, the parameter name in <c>Loss</c>.</param>
    public SweepAttribute(string name) => Name = name;

    /// <summary>YAML <c>sweep.&lt;variable&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>YAML <c>sweep.&lt;variable&gt;.from</c>: the first value.</summary>
    public double From { get; set; }

    /// <summary>YAML <c>sweep.&lt;variable&gt;.to</c>: the last value, &gt;= <see cref="From"/>.</summary>
    public double To { get; set; }

    /// <summary>YAML <c>sweep.&lt;variable&gt;.count</c>: how many values, &gt;= 1.</summary>
    public int Count { get; set; }

    /// <summary>YAML <c>sweep.&lt;variable&gt;: [...]</c>: the values, when not given as a range.</summary>
    public double[] Values { get; set; } = [];
}
