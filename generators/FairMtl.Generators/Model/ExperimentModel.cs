using FairMtl.Spec;

namespace FairMtl.Generators.Model;

/// <summary>
/// What the generator knows about one declared experiment, YAML or attributes; equatable so that unchanged inputs are
/// served from the incremental cache. No Roslyn symbols, syntax nodes, locations or compilations in here.
/// </summary>
/// <param name="Name">The experiment name (from the YAML <c>name</c> or the <c>[Experiment]</c> argument); may be
/// empty when the declaration is too broken to have one.</param>
/// <param name="SourceFile">The declaring file (full path as the compiler sees it).</param>
/// <param name="Spec">The resolved spec, or null when validation failed (then <paramref name="Diagnostics"/> says why).</param>
/// <param name="Type">Where the generated members go.</param>
/// <param name="Diagnostics">Problems found while reading and validating the declaration.</param>
/// <param name="DataFile">The data file resolved against the declaring file's folder, for the header check.</param>
/// <param name="Columns">Every column reference with its declaration location.</param>
/// <param name="NameLocation">Where the name is declared (for the duplicate-name diagnostic).</param>
/// <param name="SourceHash">The <see cref="DeclarationHash"/> of a YAML declaration's text (empty for attributes).</param>
/// <param name="ComparisonData">For a comparison experiment (no <paramref name="Spec"/>, no generated code): its
/// <c>data</c> section, so that its column references are still checked against the data file's header.</param>
/// <param name="ComparisonYaml">For a comparison experiment: its YAML text, which the registry carries so that the
/// host can run it by name (it reads comparisons at run time).</param>
/// <param name="Comparison">For a comparison experiment: its resolved spec (a comparison on the torch engine gets
/// generated torch code from it).</param>
internal sealed record ExperimentModel(
    string Name,
    string SourceFile,
    ExperimentSpec? Spec,
    TargetType Type,
    EquatableArray<DiagnosticInfo> Diagnostics,
    string? DataFile,
    EquatableArray<ColumnReference> Columns,
    DiagnosticLocation NameLocation,
    string SourceHash = "",
    DataSpec? ComparisonData = null,
    string? ComparisonYaml = null,
    ComparisonSpec? Comparison = null);

/// <summary>
/// The type that receives the generated members: for YAML a new <c>public static partial class</c> in
/// <c>FairMtl.Generated.Experiments</c>; for attributes the user's partial class (its namespace, name, whether it is
/// static, and its containing types' declarations, outermost first, e.g. <c>public partial class Outer</c>).
/// </summary>
internal sealed record TargetType(string? Namespace, string Name, bool IsUserClass, bool IsStatic, EquatableArray<string> ContainingTypes);
