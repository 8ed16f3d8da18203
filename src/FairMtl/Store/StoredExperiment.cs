namespace FairMtl.Store;

/// <summary>An experiment as the run store records it.</summary>
/// <param name="Name">The experiment name.</param>
/// <param name="Kind">The experiment kind (<c>sweep</c>, <c>comparison</c>, <c>multi-task</c>).</param>
/// <param name="Spec">The whole resolved spec as canonical JSON (the history shows it; the result identity hashes it).</param>
/// <param name="Basis">What every unit's result depends on, as canonical JSON: the spec without presentation-only keys
/// (name, description) and without the lists whose entries are the units' own (seeds, sweep values, methods,
/// repetitions), which are in each unit's key instead.</param>
/// <param name="DataSha256">The sha256 of every data file read, in order.</param>
/// <param name="Engine">The engine that trains its units (its code version joins the numerics version:
/// <see cref="NumericsVersion.For"/>).</param>
public sealed record StoredExperiment(
    string Name, string Kind, string Spec, string Basis, IReadOnlyList<string> DataSha256, Spec.TrainingEngine Engine = Spec.TrainingEngine.Native);
