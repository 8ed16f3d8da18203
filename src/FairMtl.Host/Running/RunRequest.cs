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
/// <param name="Role">Run (train what the store lacks, write the results), work (train, write nothing) or collect
/// (train nothing, write the results from the store).</param>
/// <param name="LeaseSeconds">How long this process's claims hold without renewal; null means 60 s.</param>
public sealed record RunRequest(
    string Experiment,
    string? OutputDirectory,
    int? Seed,
    int? Threads,
    long MaxModels = InputLimits.DefaultMaxModels,
    string? Store = null,
    bool Fresh = false,
    bool NoStore = false,
    RunRole Role = RunRole.Run,
    double? LeaseSeconds = null);

/// <summary>What a process does with an experiment and its store.</summary>
public enum RunRole
{
    /// <summary><c>run</c>: train what the store lacks, print and write the results.</summary>
    Run,

    /// <summary><c>worker</c>: train what no other worker has, commit it, write no result files.</summary>
    Worker,

    /// <summary><c>collect</c>: train nothing; print and write the results from what the store holds.</summary>
    Collect,
}
