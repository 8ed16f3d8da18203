namespace FairMtl.Objectives.Weighting;

/// <summary>
/// A node of a weighting expression tree. Nodes are immutable; <see cref="ToString"/> prints the subtree in infix form.
/// </summary>
public abstract class WeightingNode
{
    private protected WeightingNode(int position, int depth)
    {
        Position = position;
        Depth = depth;
    }

    /// <summary>0-based index in the parsed text where the node was written, or -1 for nodes made by differentiation.</summary>
    public int Position { get; }

    /// <summary>Height of the subtree (1 for a leaf); bounds recursion on user input.</summary>
    internal int Depth { get; }

    /// <summary>The subtree as minimal-parenthesis infix text.</summary>
    public override string ToString() => WeightingPrinter.Print(this);

    /// <summary>Structural equality (numbers compare bit for bit).</summary>
    internal abstract bool IsSameAs(WeightingNode other);
}
