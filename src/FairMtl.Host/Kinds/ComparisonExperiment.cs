using System.Globalization;
using FairMtl.Comparisons;
using FairMtl.Execution;
using FairMtl.Reports;
using FairMtl.Spec;
using FairMtl.Store;

namespace FairMtl.Host.Kinds;

/// <summary>A method comparison (<see cref="MethodComparisonKind"/>): methods over repeated splits, and a lambda front.</summary>
public sealed class ComparisonExperiment(LoadedComparison comparison) : ClassificationExperiment(comparison)
{
    /// <inheritdoc/>
    public override IPreparedRun Prepare() => new Prepared((MethodComparisonSpec)Comparison.Spec, MethodComparisonKind.Load(Comparison));

    /// <inheritdoc/>
    protected override IRunnableExperiment With(LoadedComparison changed) => new ComparisonExperiment(changed);

    private sealed class Prepared(MethodComparisonSpec spec, MethodComparisonKind kind) : IPreparedRun
    {
        public int Models => kind.Models;

        public string Header(int threads) => string.Create(
            CultureInfo.InvariantCulture,
            $"""
            # {spec.Name}
            {spec.Description}

            methods: {string.Join(", ", spec.Methods.Select(m => m.Name))}; {spec.Protocol.Repetitions} repetition(s) of {SplitDescription.Of(spec)} (seed {spec.Protocol.Seed} + repetition)
            front: {(spec.Front.Lambdas.Count == 0 ? "none" : $"{string.Join(", ", spec.Front.Methods)} over {spec.Front.Lambdas.Count} lambdas")}; {Models} models; {threads} thread(s)

            """);

        public StoreStatus Status(IRunStore store) => StoredRunner.Status(kind, store);

        public IReadOnlyList<FinishedUnit> Export(IRunStore store) => StoredRunner.Export(kind, store);

        public ImportAccount Import(IRunStore store, IReadOnlyList<FinishedUnit> units, int verify, int threads, CancellationToken cancellationToken) =>
            StoredRunner.Import(kind, store, units, verify, threads, cancellationToken);

        public RunOutcome Run(int threads, IProgress<ModelProgress> progress, StoreOptions? store, CancellationToken cancellationToken)
        {
            var (result, account) = StoredRunner.RunOptionallyStored(kind, store, threads, progress, cancellationToken);
            var tables = new List<Table> { ComparisonTables.Methods(result) };
            if (result.Front.Count > 0)
            {
                tables.Add(ComparisonTables.Front(result));
            }

            var failures = result.Runs
                .Where(run => run.Failure is not null)
                .Select(run => string.Create(
                    CultureInfo.InvariantCulture,
                    $"warning: method {run.Method} (lambda {run.Lambda}), repetition {run.Repetition} failed: {run.Failure}"))
                .ToArray();
            return new RunOutcome(
                tables, null, result.Timings, directory => ResultWriter.Write(result, directory, CodeVersion.Current), failures, () => ResultSnapshot.Render(result), account);
        }
    }
}
