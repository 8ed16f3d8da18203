using System.Globalization;
using FairMtl.Execution;
using FairMtl.FairMt;
using FairMtl.Reports;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Store;

namespace FairMtl.Host.Kinds;

/// <summary>A FairMT experiment (<see cref="FairMtKind"/>): heterogeneous tasks under one fairness constraint, each method at
/// each sweep point.</summary>
public sealed class FairMtExperiment(LoadedComparison comparison) : ClassificationExperiment(comparison)
{
    /// <inheritdoc/>
    public override IPreparedRun Prepare() => new Prepared((FairMtSpec)Comparison.Spec, FairMtKind.Load(Comparison));

    /// <inheritdoc/>
    protected override IRunnableExperiment With(LoadedComparison changed) => new FairMtExperiment(changed);

    private sealed class Prepared(FairMtSpec spec, FairMtKind kind) : IPreparedRun
    {
        public int Models => kind.Models;

        public string Header(int threads)
        {
            var tasks = string.Join(", ", spec.Tasks.Select(t => $"{t.Name} ({TaskSectionReader.Spelling(t.Type)}{(t.Harm is null ? string.Empty : ", constrained")})"));
            var methods = string.Join(", ", spec.Methods.Select(m => $"{m.Name} x {ModelCount.FairMtPoints(spec, m)}"));
            return string.Create(
                CultureInfo.InvariantCulture,
                $"""
                # {spec.Name}
                {spec.Description}

                FairMT kind (after the FairMT abstract; the formulas are this project's): tasks {tasks}; constraint on {string.Join(", ", spec.Constraint.Attributes.Select(a => $"'{a}'"))}
                methods: {methods}; {spec.Protocol.Repetitions} repetition(s) of {SplitDescription.Of(spec)}; {Models} models; {threads} thread(s)

                """);
        }

        public StoreStatus Status(IRunStore store) => StoredRunner.Status(kind, store);

        public IReadOnlyList<FinishedUnit> Export(IRunStore store) => StoredRunner.Export(kind, store);

        public ImportAccount Import(IRunStore store, IReadOnlyList<FinishedUnit> units, int verify, int threads, CancellationToken cancellationToken) =>
            StoredRunner.Import(kind, store, units, verify, threads, cancellationToken);

        public RunOutcome Run(int threads, IProgress<ModelProgress> progress, StoreOptions? store, CancellationToken cancellationToken)
        {
            var (result, account) = StoredRunner.RunOptionallyStored(kind, store, threads, progress, cancellationToken);
            var failures = result.Runs
                .Where(run => run.Failure is not null)
                .Select(run => string.Create(CultureInfo.InvariantCulture, $"warning: {run.Method} (point {run.Point:R}), repetition {run.Repetition} failed: {run.Failure}"))
                .ToArray();
            return new RunOutcome(
                [FairMtTables.Methods(result)],
                null,
                result.Timings,
                directory => ResultWriter.Write(result, directory, CodeVersion.Current),
                failures,
                () => ResultSnapshot.Render(result),
                account);
        }
    }
}
