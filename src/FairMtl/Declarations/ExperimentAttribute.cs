namespace FairMtl.Declarations;

/// <summary>
/// Declares an experiment in C#: the attributes of this namespace on a <c>partial class</c> say everything an
/// experiment YAML file can (<c>docs/experiment-format.md</c>), and the class declares the loss weighting as
/// <c>static double Loss(...)</c> over the sweep variables, then the head losses, in declaration order. The source
/// generator validates the declaration like a YAML file (same <c>FMTL0xx</c> diagnostics, at the attribute argument)
/// and adds the typed members (<c>Spec</c>, <c>Compiled</c>, <c>Run</c>, result rows) to the class.
/// </summary>
/// <example>
/// <code>
/// [Experiment("boston-attr")]
/// [Dataset("data/boston/housing.data", Format = DataFormat.Whitespace, Header = false, Columns = new[] { ... })]
/// [Groups("B", GroupRule.Median)]
/// [Head("y", "MEDV", HeadTask.Regression)]
/// [Head("z", "B", HeadTask.Regression, Standardize = true)]
/// [Sweep("alpha", From = 0, To = 4.9, Count = 50)]
/// [Training(Epochs = 150)]
/// public partial class BostonAttr
/// {
///     static double Loss(double alpha, double y, double z) => alpha * y + (5 - alpha) * z;
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ExperimentAttribute : Attribute
{
    /// <param name="name">YAML <c>name</c>: letters, digits, <c>-</c> and <c>_</c>; the default results folder is
    /// <c>results/&lt;name&gt;/</c> and <c>run &lt;name&gt;</c> runs it.</param>
    public ExperimentAttribute(string name) => Name = name;

    /// <summary>YAML <c>name</c>.</summary>
    public string Name { get; }

    /// <summary>YAML <c>description</c>: free text for reports (default empty).</summary>
    public string Description { get; set; } = string.Empty;
}
