using FairMtl.Generators.Diagnostics;
using FairMtl.Generators.Emit;
using FairMtl.Generators.Model;

namespace FairMtl.Generators.Checks;

/// <summary>
/// Experiments that share a name, or would generate the same type: FMTL009 at each one's name, and only the first by
/// file path is generated.
/// </summary>
internal static class DuplicateNames
{
    /// <summary>For each experiment (in the given order, which must be file path order): its FMTL009, if any, and whether it is left out.</summary>
    public static (DiagnosticInfo? Diagnostic, bool Suppressed)[] Find(IReadOnlyList<ExperimentModel> experiments)
    {
        var results = new (DiagnosticInfo?, bool)[experiments.Count];
        Mark(experiments, results, experiment => experiment.Name, name => $"experiment name '{name}'");
        Mark(experiments, results, CSharpNames.FullTypeName, type => $"the generated type '{type}'");
        return results;
    }

    private static void Mark(
        IReadOnlyList<ExperimentModel> experiments,
        (DiagnosticInfo? Diagnostic, bool Suppressed)[] results,
        Func<ExperimentModel, string> key,
        Func<string, string> subject)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < experiments.Count; i++)
        {
            if (experiments[i].Spec is null || results[i].Suppressed)
            {
                continue;
            }

            var value = key(experiments[i]);
            if (!groups.TryGetValue(value, out var members))
            {
                groups.Add(value, members = new List<int>());
            }

            members.Add(i);
        }

        foreach (var group in groups.Where(group => group.Value.Count > 1))
        {
            var first = group.Value[0];
            for (var k = 0; k < group.Value.Count; k++)
            {
                var i = group.Value[k];
                var message = k == 0
                    ? $"{subject(group.Key)} is also declared at {Describe(experiments, group.Value.Skip(1))}; only this first declaration by file path is generated"
                    : $"{subject(group.Key)} is already declared at {Describe(experiments, [first])}, which is generated instead of this one";
                results[i].Diagnostic ??= new DiagnosticInfo(GeneratorDiagnosticCodes.DuplicateName, message, experiments[i].NameLocation);
                results[i].Suppressed = k > 0;
            }
        }
    }

    private static string Describe(IReadOnlyList<ExperimentModel> experiments, IEnumerable<int> indices) =>
        string.Join(", ", indices.Select(i =>
        {
            var location = experiments[i].NameLocation;
            return FormattableString.Invariant($"'{location.FilePath}({location.StartLine + 1},{location.StartColumn + 1})'");
        }));
}
