using FairMtl.Spec;

namespace FairMtl.Host.Running;

/// <summary>The <c>run</c> command's arguments.</summary>
/// <param name="Experiment">The experiment YAML file, or the name of a compiled experiment.</param>
/// <param name="OutputDirectory">Results folder; null means <c>results/&lt;experiment name&gt;/</c>.</param>
/// <param name="Seed">Replaces the experiment's seed list with this one seed.</param>
/// <param name="Threads">Models trained at once; null means one per core.</param>
/// <param name="MaxModels">More models than this is refused before anything is trained (FMTL018).</param>
/// <param name="Store">The run store file; null means <see cref="Store.StoreLocation.Default"/>.</param>
/// <param name="Fresh">Train every unit even when the store holds it.</param>
/// <param name="NoStore">Run without a store (nothing is kept or reused).</param>
public sealed record RunRequest(
    string Experiment,
    string? OutputDirectory,
    int? Seed,
    int? Threads,
    long MaxModels = InputLimits.DefaultMaxModels,
    string? Store = null,
    bool Fresh = false,
    bool NoStore = false);
