using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>heads.&lt;name&gt;</c>: one output head on the trunk; at least one is required. Their order is the
/// order of the head parameters of <c>Loss</c>. See <c>docs/experiment-format.md</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class HeadAttribute : Attribute
{
    /// <param name="name">YAML <c>heads.&lt;name&gt;</c>: an identifier; the name of the head's loss in <c>Loss</c>.</param>
    /// <param name="column">YAML <c>heads.&lt;name&gt;.column</c>: what the head predicts (a regression head).</param>
    public HeadAttribute(string name, string column)
        : this(name, column, HeadTask.Regression)
    {
    }

    /// <param name="name">YAML <c>heads.&lt;name&gt;</c>: an identifier; the name of the head's loss in <c>Loss</c>.</param>
    /// <param name="column">YAML <c>heads.&lt;name&gt;.column</c>: what the head predicts.</param>
    /// <param name="task">YAML <c>heads.&lt;name&gt;.task</c>: linear + MSE, or sigmoid + BCE (the column must hold 0/1).</param>
    public HeadAttribute(string name, string column, HeadTask task)
    {
        Name = name;
        Column = column;
        Task = task;
    }

    /// <summary>YAML <c>heads.&lt;name&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>YAML <c>heads.&lt;name&gt;.column</c>.</summary>
    public string Column { get; }

    /// <summary>YAML <c>heads.&lt;name&gt;.task</c>.</summary>
    public HeadTask Task { get; }

    /// <summary>YAML <c>heads.&lt;name&gt;.standardize</c>: train on the standardised column (regression only; default false).</summary>
    public bool Standardize { get; set; }

    /// <summary>YAML <c>heads.&lt;name&gt;.hidden</c>: widths (&gt; 0) of head-specific hidden layers (default none).</summary>
    public int[] Hidden { get; set; } = [];

    /// <summary>YAML <c>heads.&lt;name&gt;.positive</c>: for a binary head on a text column, the values that are label 1
    /// (default none: the column holds 0 and 1).</summary>
    public string[] Positive { get; set; } = [];
}
