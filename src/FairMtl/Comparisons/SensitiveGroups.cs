namespace FairMtl.Comparisons;

/// <summary>A sensitive attribute resolved on the data: each row's group and the groups' names.</summary>
/// <param name="Name">The attribute's name.</param>
/// <param name="Groups">Group index of every data row; -1 where the attribute is unknown (<c>sensitive.*.unknown</c>).</param>
/// <param name="Names">Display name of each group (index = group).</param>
public sealed record SensitiveGroups(string Name, int[] Groups, IReadOnlyList<string> Names)
{
    /// <summary>Number of groups.</summary>
    public int Count => Names.Count;
}
