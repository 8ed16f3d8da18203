using System.Diagnostics;
using System.Globalization;
using FairMtl.Data;
using FairMtl.Diagnostics;
using FairMtl.Execution;
using FairMtl.Host.Running;
using FairMtl.Reports;
using FairMtl.Spec;
using FairMtl.Store;
using FairMtl.Sweeps;

namespace FairMtl.Host.Kinds;

/// <summary>A regression sweep (<see cref="RegressionSweepKind"/>): a baseline and the sweep's points over the seeds.</summary>
public sealed class SweepExperiment(ResolvedExperiment resolved) : IRunnableExperiment
{
    /// <inheritdoc/>
    public string Name => resolved.Experiment.Spec.Name;

    /// <inheritdoc/>
    public IRunnableExperiment WithSeed(int seed)
    {
        var experiment = resolved.Experiment;
        var spec = experiment.Spec;
        return new SweepExperiment(resolved with { Experiment = experiment with { Spec = spec with { Sweep = spec.Sweep with { Seeds = new[] { seed } } } } });
    }

    /// <inheritdoc/>
    public void CheckModels(long limit) => ModelCount.Check(resolved.Experiment, limit);

    /// <inheritdoc/>
    public TrainingEngine Engine => resolved.Experiment.Spec.Training.Engine;

    /// <inheritdoc/>
    public SourceLocation Locate(string path) => resolved.Experiment.Source.Locate(path);

    /// <inheritdoc/>
    public IPreparedRun Prepare()
    {
        var stopwatch = Stopwatch.StartNew();
        var spec = resolved.Experiment.Spec;
        var texts = Task.Run(() => RegressionSweepKind.TextsOf(spec)); // on the idle core while the data loads
        var data = DataPreparation.Prepare(resolved.Experiment);
        var kind = new RegressionSweepKind(resolved.Experiment, data, stopwatch.Elapsed.TotalSeconds, resolved.CompiledWeighting) { SpecTexts = texts };
        return new Prepared(resolved, kind, data);
    }

    private sealed class Prepared(ResolvedExperiment resolved, RegressionSweepKind kind, PreparedData data) : IPreparedRun
    {
        public int Models => kind.Models;

        public string Header(int threads)
        {
            var spec = resolved.Experiment.Spec;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"""
                # {spec.Name}
                {spec.Description}

                data: {data.Provenance.DisplayPath} ({data.Provenance.Rows} rows, sha256 {data.Provenance.Sha256[..12]}...), {data.FeatureNames.Count} inputs
                split (seed {spec.Data.Split.Seed}): {data.Train.Rows} train, {data.Validation.Rows} validation, {data.Test.Rows} test
                groups: {data.Groups.Description}
                loss: {spec.Loss} ({(resolved.CompiledWeighting is not null ? "compiled C#" : "interpreted")}); {spec.Sweep.PointCount} sweep points x {spec.Sweep.Seeds.Count} seed(s); {threads} thread(s)

                """);
        }

        public StoreStatus Status(IRunStore store) => StoredRunner.Status(kind, store);

        public IReadOnlyList<FinishedUnit> Export(IRunStore store) => StoredRunner.Export(kind, store);

        public ImportAccount Import(IRunStore store, IReadOnlyList<FinishedUnit> units, int verify, int threads, CancellationToken cancellationToken) =>
            StoredRunner.Import(kind, store, units, verify, threads, cancellationToken);

        public RunOutcome Run(int threads, IProgress<ModelProgress> progress, StoreOptions? store, CancellationToken cancellationToken)
        {
            var (result, account) = StoredRunner.RunOptionallyStored(kind, store, threads, progress, cancellationToken);
            var spec = result.Experiment.Spec;
            var tables = new List<Table> { ResultTables.Baseline(result), ResultTables.Sweep(result), ResultTables.Pareto(result) };
            if (spec.Sweep.Seeds.Count > 1)
            {
                tables.Add(ResultTables.Seeds(result));
            }

            var failures = result.Failures
                .Select(failure => $"warning: {(failure.Point is null ? "baseline" : $"point {failure.Point.Index} ({DescribePoint(spec, failure.Point)})")}, "
                    + $"seed {failure.Seed} failed: {failure.Failure}")
                .ToArray();
            return new RunOutcome(
                tables, result.Seeds.Verdict, result.Timings, directory => ResultWriter.Write(result, directory, CodeVersion.Current), failures, () => ResultSnapshot.Render(result), account);
        }

        private static string DescribePoint(ExperimentSpec spec, SweepPoint point) =>
            string.Join(", ", spec.Sweep.Variables.Select((variable, i) =>
                string.Create(CultureInfo.InvariantCulture, $"{variable.Name}={point.Values[i]}")));
    }
}
