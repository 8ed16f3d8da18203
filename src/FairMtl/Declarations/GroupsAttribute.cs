using FairMtl.Spec;

namespace FairMtl.Declarations;

/// <summary>
/// YAML <c>data.groups</c>: the protected attribute and how its values split the rows into group 0 and group 1.
/// Required. See <c>docs/experiment-format.md</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GroupsAttribute : Attribute
{
    /// <param name="column">YAML <c>data.groups.column</c>: the protected attribute's column (rule
    /// <see cref="GroupRule.Binary"/>).</param>
    public GroupsAttribute(string column)
        : this(column, GroupRule.Binary)
    {
    }

    /// <param name="column">YAML <c>data.groups.column</c>: the protected attribute's column.</param>
    /// <param name="rule">YAML <c>data.groups.rule</c>: a 0/1 column, above the test rows' median, above
    /// <see cref="Threshold"/>, or the two values of a text column (<see cref="GroupRule.Categories"/>).</param>
    public GroupsAttribute(string column, GroupRule rule)
    {
        Column = column;
        Rule = rule;
    }

    /// <summary>YAML <c>data.groups.column</c>.</summary>
    public string Column { get; }

    /// <summary>YAML <c>data.groups.rule</c>.</summary>
    public GroupRule Rule { get; }

    /// <summary>YAML <c>data.groups.threshold</c>: required with <see cref="GroupRule.Threshold"/>, not allowed otherwise.</summary>
    public double Threshold { get; set; }

    /// <summary>YAML <c>data.groups.labels</c>: display names of group 0 and group 1 (default: names made from the rule,
    /// see <c>docs/experiment-format.md</c>, "Groups").</summary>
    public string[] Labels { get; set; } = [];

    /// <summary>YAML <c>data.groups.privileged</c>: for a text column, the values of group 1 (rule
    /// <see cref="GroupRule.Privileged"/>, implied when the rule is not given).</summary>
    public string[] Privileged { get; set; } = [];

    /// <summary>YAML <c>data.groups.range</c>: for a numeric column, <c>[low, high]</c> (inclusive) of group 1 (rule
    /// <see cref="GroupRule.Range"/>, implied when the rule is not given).</summary>
    public double[] Range { get; set; } = [];

    /// <summary>YAML <c>data.groups.unknown</c>: values of a text column that mean the group is not known (those rows
    /// are left out of the group metrics).</summary>
    public string[] Unknown { get; set; } = [];
}
