using FairMtl.Comparisons;
using FairMtl.Execution;
using FairMtl.Host.Store;
using FairMtl.MultiTask;
using FairMtl.Reports;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Store;
using FairMtl.Tests.Comparisons;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Store;

/// <summary>
/// Every kind through a store: results read back are the results trained (the same snapshot text), a run reads what
/// is stored and trains what is not, and a unit's result survives its text form bit for bit.
/// </summary>
public class KindStoreTests
{
    [Fact]
    public void A_method_comparison_resumes_from_the_store_with_the_same_tables()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", ComparisonRunnerTests.SyntheticCsv(300));
        var loaded = ComparisonYamlReader.Parse(ComparisonRunnerTests.Yaml.Replace("epochs: 8", "epochs: 2", StringComparison.Ordinal), "synthetic.yaml", folder.Path);
        var expected = ResultSnapshot.Render(KindRunner.Run(MethodComparisonKind.Load(loaded), 2, null, CancellationToken.None));

        Resumes(folder, () => MethodComparisonKind.Load(loaded), ResultSnapshot.Render, expected);
    }

    [Fact]
    public void A_multi_task_comparison_resumes_from_the_store_with_the_same_tables()
    {
        using var folder = new TempDataFolder();
        folder.Write("train.csv", MultiTaskTests.Csv(300, 1));
        folder.Write("test.csv", MultiTaskTests.Csv(150, 2));
        var loaded = ComparisonYamlReader.Parse(MultiTaskTests.Yaml, "mt.yaml", folder.Path);
        var expected = ResultSnapshot.Render(KindRunner.Run(MultiTaskComparisonKind.Load(loaded), 2, null, CancellationToken.None));

        Resumes(folder, () => MultiTaskComparisonKind.Load(loaded), ResultSnapshot.Render, expected);
    }

    [Fact]
    public void A_fairmt_comparison_resumes_from_the_store_with_the_same_tables()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", FairMt.FairMtSynthetic.Csv(300, 1));
        var loaded = FairMt.FairMtSynthetic.Parse(FairMt.FairMtSynthetic.Yaml, folder.Path);
        var expected = ResultSnapshot.Render(KindRunner.Run(FairMtl.FairMt.FairMtKind.Load(loaded), 2, null, CancellationToken.None));

        Resumes(folder, () => FairMtl.FairMt.FairMtKind.Load(loaded), ResultSnapshot.Render, expected);
    }

    [Fact]
    public void Status_shares_the_time_left_among_the_units_in_training_not_among_the_workers()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", ComparisonRunnerTests.SyntheticCsv(300));
        var loaded = ComparisonYamlReader.Parse(ComparisonRunnerTests.Yaml.Replace("epochs: 8", "epochs: 1", StringComparison.Ordinal), "synthetic.yaml", folder.Path);
        var path = Path.Combine(folder.Path, "runs.db");
        IReadOnlyList<FinishedUnit> all;
        using (var store = SqliteRunStore.Open(path))
        {
            StoredRunner.Run(MethodComparisonKind.Load(loaded), new StoreOptions(store, Fresh: false), 2, null, CancellationToken.None);
            all = StoredRunner.Export(MethodComparisonKind.Load(loaded), store);
        }

        all.Count.ShouldBeGreaterThan(4);
        var missing = all.Take(4).Select(unit => unit.Identity).ToArray();
        StoreFile.Execute(path, $"DELETE FROM units WHERE identity IN ({string.Join(", ", missing.Select(identity => $"'{identity}'"))})").ShouldBe(4);
        using (var store = SqliteRunStore.Open(path))
        {
            // One worker (this process) training two units at once, as a worker with two threads does.
            store.TryClaim(missing[0], WorkerId.Current, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);
            store.TryClaim(missing[1], WorkerId.Current, evenIfStored: false).ShouldBe(ClaimOutcome.Claimed);

            var status = StoredRunner.Status(MethodComparisonKind.Load(loaded), store);

            (status.Done, status.Running.Count, status.Pending).ShouldBe((all.Count - 4, 2, 2));
            var mean = all.Skip(4).Average(unit => unit.Seconds);
            status.UnitSeconds.ShouldBe(mean, 1e-9);
            status.EtaSeconds.ShouldBe(mean * 4 / 2, 1e-9, "four units left, two in training at once");
        }
    }

    [Fact]
    public void A_conditional_sweep_resumes_from_the_store_with_the_same_tables_grid_included()
    {
        using var folder = new TempDataFolder();
        var spec = Training.SyntheticExperiment.Spec(epochs: 2, alphas: [0.5, 2.5, 4.5], seeds: [1, 2]);
        spec = spec with { Sweep = spec.Sweep with { Conditional = new ConditionalSpec(ConditionalSampling.PerRow, ConditionalDistribution.Uniform, true, 3, 5) } };
        var (experiment, data) = Training.SyntheticExperiment.Prepare(folder, spec);
        var expected = ResultSnapshot.Render(FairMtl.Sweeps.ExperimentRunner.Run(experiment, data, 2, null, 0, CancellationToken.None));
        expected.ShouldContain("## grid");

        Resumes(folder, () => new FairMtl.Sweeps.RegressionSweepKind(experiment, data, 0), ResultSnapshot.Render, expected);
    }

    [Fact]
    public void A_conditional_front_and_conditional_multi_task_settings_resume_from_the_store_with_the_same_tables()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", ComparisonRunnerTests.SyntheticCsv(300));
        var front = ComparisonYamlReader.Parse(
            ComparisonRunnerTests.Yaml.Replace("epochs: 8", "epochs: 2", StringComparison.Ordinal)
                .Replace("front: { methods: [MTL-GLF], lambda: [0.2, 0.8] }", "front: { methods: [MTL-GLF], lambda: [0.2, 0.8], conditional: { epochs: 3 } }", StringComparison.Ordinal),
            "synthetic.yaml",
            folder.Path);
        var expectedFront = ResultSnapshot.Render(KindRunner.Run(MethodComparisonKind.Load(front), 2, null, CancellationToken.None));
        Resumes(folder, () => MethodComparisonKind.Load(front), ResultSnapshot.Render, expectedFront);

        folder.Write("train.csv", MultiTaskTests.Csv(300, 1));
        folder.Write("test.csv", MultiTaskTests.Csv(150, 2));
        var settings = ComparisonYamlReader.Parse(
            MultiTaskTests.Yaml.Replace("lambda: [0, 3] }", "lambda: [0, 3], conditional: { epochs: 3 } }", StringComparison.Ordinal), "mt.yaml", folder.Path);
        ((MultiTaskSpec)settings.Spec).Sweep.Conditional.ShouldNotBeNull();
        var expectedSettings = ResultSnapshot.Render(KindRunner.Run(MultiTaskComparisonKind.Load(settings), 2, null, CancellationToken.None));
        Resumes(folder, () => MultiTaskComparisonKind.Load(settings), ResultSnapshot.Render, expectedSettings);
    }

    [Fact]
    public void Adding_repetitions_or_methods_to_a_comparison_keeps_the_units_it_had()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", ComparisonRunnerTests.SyntheticCsv(300));
        var yaml = ComparisonRunnerTests.Yaml.Replace("epochs: 8", "epochs: 1", StringComparison.Ordinal);
        using var store = SqliteRunStore.Open(Path.Combine(folder.Path, "runs.db"));
        var options = new StoreOptions(store, Fresh: false);
        var one = MethodComparisonKind.Load(ComparisonYamlReader.Parse(yaml.Replace("repetitions: 2", "repetitions: 1", StringComparison.Ordinal), "s.yaml", folder.Path));
        StoredRunner.Run(one, options, 2, null, CancellationToken.None).Account.TrainedUnits.ShouldBe(one.Units.Count);

        var two = MethodComparisonKind.Load(ComparisonYamlReader.Parse(yaml, "s.yaml", folder.Path));
        var (_, account) = StoredRunner.Run(two, options, 2, null, CancellationToken.None);

        (account.StoredUnits, account.TrainedUnits).ShouldBe((one.Units.Count, two.Units.Count - one.Units.Count), "the second repetition is new");
        var renamed = MethodComparisonKind.Load(ComparisonYamlReader.Parse(
            yaml.Replace("ADV: { kind: adversarial, weight: 1 }", "ADV: { kind: adversarial, weight: 1 }\n  DPL2: { kind: regularized, loss: dpl, lambda: 2 }", StringComparison.Ordinal)
                .Replace("name: synthetic", "name: another-name", StringComparison.Ordinal)
                .Replace("description: ", "description: other ", StringComparison.Ordinal),
            "s.yaml",
            folder.Path));
        StoredRunner.Run(renamed, options, 2, null, CancellationToken.None).Account.TrainedUnits.ShouldBe(2, "a new method over two repetitions; the name changes no number");
    }

    [Fact]
    public void A_spec_without_embeddings_keeps_its_stored_text_and_one_with_them_gets_another()
    {
        // data.embeddings came after specs were stored: while unused it is not written, so no stored unit changes identity.
        var spec = ComparisonYamlReader.Parse(ComparisonRunnerTests.Yaml, "s.yaml", ".").Spec;
        var text = CanonicalJson.Write(spec);
        text.ShouldNotContain("embeddings");
        var embedded = spec with { Data = spec.Data with { Embeddings = new[] { new EmbeddingSpec("c", 4) } } };
        CanonicalJson.Write(embedded).ShouldContain("\"embeddings\":[{\"column\":\"c\",\"width\":4}]");
        CanonicalJson.Read<MethodComparisonSpec>(CanonicalJson.Write(embedded)).ShouldBe(embedded);
        CanonicalJson.Read<MethodComparisonSpec>(text).ShouldBe(spec);
    }

    [Fact]
    public void Unit_results_survive_their_text_form_bit_for_bit()
    {
        double[] awkward = [double.NaN, double.PositiveInfinity, -0.0, double.Epsilon, 0.1 + 0.2, -1.7976931348623157e308];
        var comparison = new ComparisonRun("DPL", 0.3, true, 1, 4, 7, 12345678901, awkward, null);
        var failed = new ComparisonRun("ADV", 1, false, 0, 3, 2, 9, null, "diverged: loss is NaN at epoch 2");
        var multiTask = new MultiTaskRun("MTAF", new FairMtl.Comparisons.MultiTaskSetting(2, [0.25, 0.75], [1e-3, 2.5], [0.5, 0.5]), null, 0, 2, 3, 40, awkward, [0.1], [0.2], null);

        foreach (var value in new object[] { comparison, failed, multiTask })
        {
            var text = CanonicalJson.Write(value);
            var back = value switch
            {
                ComparisonRun => (object)CanonicalJson.Read<ComparisonRun>(text),
                _ => CanonicalJson.Read<MultiTaskRun>(text),
            };
            CanonicalJson.Write(back).ShouldBe(text);
        }

        var read = CanonicalJson.Read<ComparisonRun>(CanonicalJson.Write(comparison));
        read.Metrics!.Select(BitConverter.DoubleToInt64Bits).ShouldBe(awkward.Select(BitConverter.DoubleToInt64Bits), "NaN, infinities and -0 keep their bits");
        read.Steps.ShouldBe(12345678901);
        CanonicalJson.Read<ComparisonRun>(CanonicalJson.Write(failed)).Failure.ShouldBe("diverged: loss is NaN at epoch 2");
    }

    [Fact]
    public void A_commit_that_fails_stops_the_run_with_the_stores_error_and_keeps_the_units_committed_before()
    {
        using var folder = new TempDataFolder();
        folder.Write("data.csv", ComparisonRunnerTests.SyntheticCsv(300));
        var loaded = ComparisonYamlReader.Parse(ComparisonRunnerTests.Yaml.Replace("epochs: 8", "epochs: 1", StringComparison.Ordinal), "synthetic.yaml", folder.Path);
        using var inner = SqliteRunStore.Open(Path.Combine(folder.Path, "runs.db"));
        using var store = new FailingCommits(inner, failAfter: 3);

        var error = Should.Throw<RunStoreException>(() => StoredRunner.Run(MethodComparisonKind.Load(loaded), new StoreOptions(store, false), 2, null, CancellationToken.None));

        error.Message.ShouldBe("the disk is full");
        var units = MethodComparisonKind.Plan((FairMtl.Spec.MethodComparisonSpec)loaded.Spec).Length;
        var (_, account) = StoredRunner.Run(MethodComparisonKind.Load(loaded), new StoreOptions(inner, false), 2, null, CancellationToken.None);
        (account.StoredUnits, account.TrainedUnits).ShouldBe((3, units - 3), "the three units committed before the failure are kept and reused");
    }

    /// <summary>A store whose commits fail after the first few, as on a disk that fills up.</summary>
    private sealed class FailingCommits(IRunStore inner, int failAfter) : IRunStore
    {
        private int _commits;

        public string Location => inner.Location;

        public long BeginResult(ResultStart result) => inner.BeginResult(result);

        public IReadOnlyDictionary<string, string> Payloads(IReadOnlyList<string> identities) => inner.Payloads(identities);

        public ClaimOutcome TryClaim(string identity, string worker, bool evenIfStored) => inner.TryClaim(identity, worker, evenIfStored);

        public IReadOnlyList<ClaimOutcome> TryClaimMany(IReadOnlyList<string> identities, string worker, bool evenIfStored) => inner.TryClaimMany(identities, worker, evenIfStored);

        public void Commit(FinishedUnit unit)
        {
            if (Interlocked.Increment(ref _commits) > failAfter)
            {
                throw new RunStoreException("the disk is full");
            }

            inner.Commit(unit);
        }

        public void Release(string identity, string worker) => inner.Release(identity, worker);

        public void Renew(string worker) => inner.Renew(worker);

        public void CompleteResult(long resultId, string snapshot) => inner.CompleteResult(resultId, snapshot);

        public IReadOnlyList<StoredResult> Results() => inner.Results();

        public StoredResultDetail? Result(long id) => inner.Result(id);

        public IReadOnlyList<UnitState> States(IReadOnlyList<string> identities) => inner.States(identities);

        public void Dispose()
        {
        }
    }

    private static void Resumes<TUnit, TUnitResult, TResult>(
        TempDataFolder folder, Func<IStorableKind<TUnit, TUnitResult, TResult>> load, Func<TResult, string> render, string expected)
    {
        using var store = SqliteRunStore.Open(Path.Combine(folder.Path, "runs.db"));
        var options = new StoreOptions(store, Fresh: false);
        var kind = load();

        var (first, firstAccount) = StoredRunner.Run(kind, options, 2, null, CancellationToken.None);
        render(first).ShouldBe(expected, "a run with a store gives the tables of a run without");
        (firstAccount.StoredUnits, firstAccount.TrainedUnits).ShouldBe((0, kind.Units.Count));

        var (second, secondAccount) = StoredRunner.Run(load(), options, 2, null, CancellationToken.None);
        render(second).ShouldBe(expected, "every unit read back from the store");
        (secondAccount.StoredUnits, secondAccount.TrainedUnits).ShouldBe((kind.Units.Count, 0));
        secondAccount.ResultId.ShouldBe(firstAccount.ResultId);

        // Through an export into another store (every unit's text read and written again on the way): nothing retrained.
        var exported = StoredRunner.Export(load(), store);
        exported.Count.ShouldBe(kind.Units.Count);
        using var other = SqliteRunStore.Open(Path.Combine(folder.Path, "other.db"));
        StoredRunner.Import(load(), other, exported).ShouldBe(new ImportAccount(kind.Units.Count, kind.Units.Count, kind.Units.Count, 0, kind.Units.Count));
        var (third, thirdAccount) = StoredRunner.Run(load(), new StoreOptions(other, Fresh: false), 2, null, CancellationToken.None);
        render(third).ShouldBe(expected, "every unit imported");
        thirdAccount.TrainedUnits.ShouldBe(0);
    }
}

/// <summary>The sweep's hand-written unit results read back as the values written.</summary>
public class SweepUnitTextTests
{
    [Fact]
    public void A_sweeps_unit_results_read_back_equal_bit_for_bit()
    {
        var errors = new FairMtl.Evaluation.ErrorMetrics(double.NaN, double.PositiveInfinity, -0.0);
        var metrics = new FairMtl.Evaluation.RunMetrics(
            new FairMtl.Evaluation.GroupErrorReport(new(0.1 + 0.2, 3.3, 1e-300), errors, new(1, 2, 3)),
            new[] { new FairMtl.Evaluation.AuxiliaryMetric("z_bce \"quoted\" é", double.NegativeInfinity) });
        FairMtl.Sweeps.RunResult[] results =
        [
            new(42, null, -1, 250, 36_750, metrics, null),
            new(43, new FairMtl.Sweeps.SweepPoint(7, new[] { 0.7, -0.0 }), 1, 3, 441, null, "diverged: loss is NaN at epoch 3"),
        ];

        var text = FairMtl.Sweeps.SweepUnitText.Write(results);
        var back = CanonicalJson.Read<FairMtl.Sweeps.RunResult[]>(text);

        back.ShouldBe(results);
        BitConverter.DoubleToInt64Bits(back[0].Metrics!.Errors.Group0.Mae).ShouldBe(BitConverter.DoubleToInt64Bits(-0.0));
        BitConverter.DoubleToInt64Bits(back[1].Point!.Values[1]).ShouldBe(BitConverter.DoubleToInt64Bits(-0.0));
        FairMtl.Sweeps.SweepUnitText.Write(back).ShouldBe(text);
    }
}
