using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>YAML <c>sensitive.&lt;name&gt;</c> of a comparison experiment: a sensitive attribute and its grouping (the
/// keys of <see cref="GroupsAttribute"/>). One per attribute, in order.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SensitiveAttribute : Attribute
{
    /// <param name="name">YAML <c>sensitive.&lt;name&gt;</c>: an identifier.</param>
    /// <param name="column">YAML <c>sensitive.&lt;name&gt;.column</c>.</param>
    public SensitiveAttribute(string name, string column)
    {
        Name = name;
        Column = column;
    }

    /// <summary>YAML <c>sensitive.&lt;name&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>YAML <c>sensitive.&lt;name&gt;.column</c>.</summary>
    public string Column { get; }

    /// <summary>YAML <c>rule</c>.</summary>
    public GroupRule Rule { get; set; }

    /// <summary>YAML <c>labels</c>: display names of the groups.</summary>
    public string[] Labels { get; set; } = [];

    /// <summary>YAML <c>privileged</c>: the values of group 1 of a text column.</summary>
    public string[] Privileged { get; set; } = [];

    /// <summary>YAML <c>range</c>: <c>[low, high]</c> of group 1 of a numeric column.</summary>
    public double[] Range { get; set; } = [];

    /// <summary>YAML <c>unknown</c>: values that mean the group is not known.</summary>
    public string[] Unknown { get; set; } = [];
}
