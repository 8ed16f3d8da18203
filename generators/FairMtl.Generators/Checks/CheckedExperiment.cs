using FairMtl.Generators.Model;
using FairMtl.Spec;

namespace FairMtl.Generators.Checks;

/// <summary>An experiment after the cross-file checks: everything to report about it, and whether to generate it.</summary>
/// <param name="Experiment">The experiment as read.</param>
/// <param name="Diagnostics">Its own diagnostics plus those of the header and duplicate-name checks.</param>
/// <param name="Generate">False when it has no valid spec or is a later duplicate of another experiment's name.</param>
internal sealed record CheckedExperiment(ExperimentModel Experiment, EquatableArray<DiagnosticInfo> Diagnostics, bool Generate);
