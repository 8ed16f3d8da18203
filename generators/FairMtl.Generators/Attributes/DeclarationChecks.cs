using FairMtl.Diagnostics;
using FairMtl.Generators.Model;

namespace FairMtl.Generators.Attributes;

/// <summary>
/// What the YAML reader cannot check for attributes: the attributes a YAML file could not leave out (a YAML file
/// without <c>data</c> is a different mistake), and pairs of arguments that have no YAML spelling together.
/// </summary>
internal static class DeclarationChecks
{
    public static void MissingAttributes(DeclaredAttributes attributes, DiagnosticLocation classLocation, List<DiagnosticInfo> problems)
    {
        Require(AttributeNames.Dataset, "the data file", "data.file");
        Require(AttributeNames.Groups, "the protected attribute", "data.groups.column");
        Require(AttributeNames.Head, "a head", "heads");
        Require(AttributeNames.Training, "the epochs", "training.epochs");

        void Require(string attribute, string what, string key)
        {
            if (attributes.Find(attribute) is null)
            {
                problems.Add(new DiagnosticInfo(
                    DiagnosticCodes.MissingKey,
                    $"missing required attribute {AttributeNames.Display(attribute)}: it declares {what} (YAML '{key}')",
                    classLocation));
            }
        }
    }

    /// <summary>What a comparison class (one with [Method]) cannot leave out.</summary>
    public static void MissingComparisonAttributes(DeclaredAttributes attributes, DiagnosticLocation classLocation, List<DiagnosticInfo> problems)
    {
        foreach (var (attribute, what, key) in new[]
        {
            (AttributeNames.Dataset, "the data file", "data.file"),
            (AttributeNames.Task, "a task", "tasks"),
            (AttributeNames.Sensitive, "a sensitive attribute", "sensitive"),
            (AttributeNames.Training, "the epochs", "training.epochs"),
        })
        {
            if (attributes.Find(attribute) is null)
            {
                problems.Add(new DiagnosticInfo(
                    DiagnosticCodes.MissingKey,
                    $"missing required attribute {AttributeNames.Display(attribute)}: it declares {what} (YAML '{key}')",
                    classLocation));
            }
        }
    }

    public static void Conflicts(DeclaredAttributes attributes, List<DiagnosticInfo> problems)
    {
        foreach (var sweep in attributes.All(AttributeNames.Sweep))
        {
            var name = sweep.Get("name")!;
            if (name.Value.Value is "seeds")
            {
                problems.Add(new DiagnosticInfo(
                    DiagnosticCodes.InvalidValue, "'seeds' cannot name a sweep variable: it is the seed list, declared with [Seeds]", name.Location));
            }

            var range = sweep.InSourceOrder("From", "To", "Count").Select(pair => pair.Argument).FirstOrDefault();
            if (range is not null && sweep.Get("Values") is { } values)
            {
                problems.Add(new DiagnosticInfo(
                    DiagnosticCodes.UnknownReference,
                    $"'sweep.{name.Value.Value}' takes From, To and Count, or Values, not both",
                    Later(range, values).Location));
            }
        }

        if (attributes.Find(AttributeNames.Seeds) is { } seeds && seeds.Get("seeds") is { } list && seeds.Get("Count") is { } count)
        {
            problems.Add(new DiagnosticInfo(
                DiagnosticCodes.UnknownReference,
                "'sweep.seeds' takes a list of seeds or a Count, not both",
                Later(list, count).Location));
        }
    }

    /// <summary>Of two arguments that exclude each other, the one written second is the mistake.</summary>
    private static DeclaredArgument Later(DeclaredArgument first, DeclaredArgument second) =>
        second.Location.SpanStart > first.Location.SpanStart ? second : first;
}
