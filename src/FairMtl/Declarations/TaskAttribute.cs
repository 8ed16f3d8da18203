using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>tasks.&lt;name&gt;</c> of a comparison experiment (one per task, in order; see
/// <c>docs/comparison-experiments.md</c> and, for the FairMT keys, <c>docs/fairmt.md</c>). Only the properties that are
/// set are written, so the YAML reader applies its defaults and its checks.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TaskAttribute : Attribute
{
    /// <param name="name">YAML <c>tasks.&lt;name&gt;</c>: an identifier.</param>
    /// <param name="column">YAML <c>tasks.&lt;name&gt;.column</c> (multi-label tasks: leave empty and set <see cref="Columns"/>).</param>
    public TaskAttribute(string name, string column)
    {
        Name = name;
        Column = column;
    }

    /// <summary>YAML <c>tasks.&lt;name&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>YAML <c>tasks.&lt;name&gt;.column</c>.</summary>
    public string Column { get; }

    /// <summary>YAML <c>type</c> (FairMT): binary (default), regression, multi-class, multi-label.</summary>
    public HeadTask Type { get; set; }

    /// <summary>YAML <c>columns</c> (FairMT multi-label): the 0/1 columns.</summary>
    public string[] Columns { get; set; } = [];

    /// <summary>YAML <c>positive</c>: the values of label 1 of a text column.</summary>
    public string[] Positive { get; set; } = [];

    /// <summary>YAML <c>above</c>: label 1 is a value above this number.</summary>
    public double Above { get; set; }

    /// <summary>YAML <c>threshold</c>: the decision threshold in (0, 1).</summary>
    public double Threshold { get; set; }

    /// <summary>YAML <c>threshold: prior</c>: the training rows' share of positives as the threshold.</summary>
    public bool PriorThreshold { get; set; }

    /// <summary>YAML <c>classes</c> (FairMT multi-class): the class values in output order.</summary>
    public string[] Classes { get; set; } = [];

    /// <summary>YAML <c>loss</c> (FairMT regression): MSE (default) or MAE.</summary>
    public RegressionLoss Loss { get; set; }

    /// <summary>YAML <c>standardize</c> (FairMT regression).</summary>
    public bool Standardize { get; set; }

    /// <summary>YAML <c>weight</c> (FairMT): the task's utility weight.</summary>
    public double Weight { get; set; }

    /// <summary>YAML <c>harm.kind</c> (FairMT): set to constrain the task.</summary>
    public HarmKind Harm { get; set; }

    /// <summary>YAML <c>harm.tolerance</c> (FairMT).</summary>
    public double Tolerance { get; set; }

    /// <summary>YAML <c>harm.scale</c> (FairMT): a number &gt; 0.</summary>
    public double Scale { get; set; }

    /// <summary>YAML <c>harm.scale: measured</c> (FairMT).</summary>
    public bool MeasuredScale { get; set; }

    /// <summary>YAML <c>harm.favourable: negative</c> (FairMT).</summary>
    public bool FavourableNegative { get; set; }

    /// <summary>YAML <c>missing.rate</c> (FairMT): the share of labels removed on purpose.</summary>
    public double MissingRate { get; set; }

    /// <summary>YAML <c>missing.mechanism</c> (FairMT).</summary>
    public MissingMechanism MissingMechanism { get; set; }

    /// <summary>YAML <c>missing.group</c> (FairMT, by group).</summary>
    public string MissingGroup { get; set; } = string.Empty;
}
