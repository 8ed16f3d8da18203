using System.Globalization;
using FairMtl.Comparisons;
using FairMtl.Execution;
using FairMtl.MultiTask;
using FairMtl.Reports;
using FairMtl.Spec;
using FairMtl.Store;

namespace FairMtl.Host.Kinds;

/// <summary>A multi-task comparison (<see cref="MultiTaskComparisonKind"/>): MTA-F and its baselines over a sweep of settings, with
/// single-task references.</summary>
public sealed class MultiTaskExperiment(LoadedComparison comparison) : ClassificationExperiment(comparison)
{
    /// <inheritdoc/>
    public override IPreparedRun Prepare() => new Prepared((MultiTaskSpec)Comparison.Spec, MultiTaskComparisonKind.Load(Comparison));

    /// <inheritdoc/>
    protected override IRunnableExperiment With(LoadedComparison changed) => new MultiTaskExperiment(changed);

    private sealed class Prepared(MultiTaskSpec spec, MultiTaskComparisonKind kind) : IPreparedRun
    {
        public int Models => kind.Models;

        public string Header(int threads)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"""
                # {spec.Name}
                {spec.Description}

                methods: {string.Join(", ", spec.Methods.Select(m => m.Name))} over {kind.Settings} {spec.Sweep.Kind.ToString().ToLowerInvariant()} settings; tasks: {string.Join(", ", spec.Tasks.Select(t => t.Name))}
                {spec.Protocol.Repetitions} repetition(s) of {SplitDescription.Of(spec)}; {Models} models (single-task references included); {threads} thread(s)

                """);
        }

        public StoreStatus Status(IRunStore store) => StoredRunner.Status(kind, store);

        public IReadOnlyList<FinishedUnit> Export(IRunStore store) => StoredRunner.Export(kind, store);

        public ImportAccount Import(IRunStore store, IReadOnlyList<FinishedUnit> units, int verify, int threads, CancellationToken cancellationToken) =>
            StoredRunner.Import(kind, store, units, verify, threads, cancellationToken);

        public RunOutcome Run(int threads, IProgress<ModelProgress> progress, StoreOptions? store, CancellationToken cancellationToken)
        {
            var (result, account) = StoredRunner.RunOptionallyStored(kind, store, threads, progress, cancellationToken);
            var failures = result.References.Concat(result.Runs)
                .Where(run => run.Failure is not null)
                .Select(run => string.Create(
                    CultureInfo.InvariantCulture,
                    $"warning: {run.Method} (setting {run.Setting?.Index ?? -1}), repetition {run.Repetition} failed: {run.Failure}"))
                .ToArray();
            return new RunOutcome(
                [MultiTaskTables.Methods(result), .. MultiTaskTables.Repeated(result) is { } repeated ? [repeated] : Array.Empty<Table>()],
                null,
                result.Timings,
                directory => ResultWriter.Write(result, directory, CodeVersion.Current),
                failures,
                () => ResultSnapshot.Render(result),
                account);
        }
    }
}
