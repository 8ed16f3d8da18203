using FairMtl.Diagnostics;
using FairMtl.Execution;
using FairMtl.Reports;
using FairMtl.Spec;
using FairMtl.Store;

namespace FairMtl.Host.Kinds;

/// <summary>
/// An experiment of any kind, read and validated, as the <c>run</c> command handles it: one flow for every kind
/// (check the model limit, load the data, print the header, train through the one scheduler, print the tables, write
/// the results). A kind is added by implementing this and registering its front end in <see cref="ExperimentKinds"/>.
/// </summary>
public interface IRunnableExperiment
{
    /// <summary>The experiment name (the default results folder is <c>results/&lt;name&gt;/</c>).</summary>
    string Name { get; }

    /// <summary>The same experiment with <c>--seed N</c> applied (what a seed replaces depends on the kind).</summary>
    IRunnableExperiment WithSeed(int seed);

    /// <summary>FMTL018 when the experiment would train more than <paramref name="limit"/> models; nothing is loaded.</summary>
    void CheckModels(long limit);

    /// <summary>The engine that trains the experiment's networks (<c>training.engine</c>; native unless declared).</summary>
    TrainingEngine Engine { get; }

    /// <summary>Where <paramref name="path"/>, a part of the spec (<c>training.engine</c>), is declared, as the spec's
    /// source map records it: its line and column in an experiment file that was parsed, else the file.</summary>
    SourceLocation Locate(string path);

    /// <summary>Loads and checks the data (a mistake in it is a <see cref="Diagnostics.FairMtlException"/>) and plans the
    /// run.</summary>
    IPreparedRun Prepare();
}

/// <summary>An experiment with its data loaded, ready to train.</summary>
public interface IPreparedRun
{
    /// <summary>The models the run trains.</summary>
    int Models { get; }

    /// <summary>What is printed before training: name, description, data, plan, threads.</summary>
    string Header(int threads);

    /// <summary>Trains every unit through the scheduler (reading those a run store holds) and summarises the results.</summary>
    RunOutcome Run(int threads, IProgress<ModelProgress> progress, StoreOptions? store, CancellationToken cancellationToken);

    /// <summary>Where the run's units stand in <paramref name="store"/> (<c>status</c>); nothing is trained or changed.</summary>
    StoreStatus Status(IRunStore store);

    /// <summary>The run's units that <paramref name="store"/> holds, as committed (<c>runs export</c>).</summary>
    IReadOnlyList<FinishedUnit> Export(IRunStore store);

    /// <summary>Commits the <paramref name="units"/> of this run's plan that <paramref name="store"/> lacks (<c>runs import</c>);
    /// with <paramref name="verify"/> above 0 also another build's, after training that many of them again
    /// (<see cref="StoredRunner.Import"/>).</summary>
    ImportAccount Import(IRunStore store, IReadOnlyList<FinishedUnit> units, int verify, int threads, CancellationToken cancellationToken);
}

/// <summary>What a finished run shows and writes.</summary>
/// <param name="Tables">The tables printed in the terminal, in order.</param>
/// <param name="Verdict">A sentence printed after the tables (the seed analysis' verdict), or null.</param>
/// <param name="Timings">What the run cost.</param>
/// <param name="Write">Writes the result files, figures and report into a folder; returns the files written.</param>
/// <param name="Failures">One warning line per failed model (exit code 3 when there is any).</param>
/// <param name="Snapshot">The result tables as snapshot text (<see cref="ResultSnapshot"/>): what the run store keeps
/// of the result for <c>runs show</c> and <c>runs diff</c>.</param>
/// <param name="Store">What the run took from the store and put into it; null without a store.</param>
public sealed record RunOutcome(
    IReadOnlyList<Table> Tables,
    string? Verdict,
    RunTimings Timings,
    Func<string, IReadOnlyList<string>> Write,
    IReadOnlyList<string> Failures,
    Func<string> Snapshot,
    StoreAccount? Store);
