using FairMtl.Spec;

namespace FairMtl.Generators.Emit;

/// <summary>
/// Typed result rows (<c>SweepRow</c>, <c>BaselineRow</c>, <c>ParetoRow</c>, <c>Results</c>), <c>FromResult</c> and
/// <c>Run</c>. Properties are named after the sweep variables and metrics; metrics of failed runs are NaN.
/// </summary>
internal static class ResultTypesEmitter
{
    private const string Sweeps = "global::FairMtl.Sweeps.";

    // Members every record has, and the record names themselves: a property cannot take these names.
    private static readonly string[] RecordMembers =
    [
        "SweepRow", "BaselineRow", "ParetoRow", "Results", "EqualityContract", "Equals", "GetHashCode", "ToString",
        "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "Finalize", "Clone",
    ];

    private static readonly (string Name, string Expression)[] ErrorMetrics =
    [
        ("Mse", "Errors.Overall.Mse"), ("Rmse", "Errors.Overall.Rmse"), ("Mae", "Errors.Overall.Mae"),
        ("MseG0", "Errors.Group0.Mse"), ("MseG1", "Errors.Group1.Mse"),
        ("RmseG0", "Errors.Group0.Rmse"), ("RmseG1", "Errors.Group1.Rmse"),
        ("MaeG0", "Errors.Group0.Mae"), ("MaeG1", "Errors.Group1.Mae"),
        ("MseDisparity", "Errors.Disparity(global::FairMtl.Spec.ErrorMetric.Mse)"),
        ("RmseDisparity", "Errors.Disparity(global::FairMtl.Spec.ErrorMetric.Rmse)"),
        ("MaeDisparity", "Errors.Disparity(global::FairMtl.Spec.ErrorMetric.Mae)"),
    ];

    private static readonly string[] RunColumns = ["Seed", "Block", "Epochs", "Steps", "Succeeded", "Failure"];

    public static void Write(IndentedWriter writer, ExperimentSpec spec)
    {
        var sweepAuxiliary = Auxiliary(spec, spec.Heads.Select(head => head.Name));
        var baselineAuxiliary = spec.Baseline.Enabled ? Auxiliary(spec, spec.Baseline.Heads) : [];
        var fixedNames = RecordMembers.Concat(RunColumns).Append("Seeds").Concat(ErrorMetrics.Select(metric => metric.Name)).ToArray();
        var variables = CSharpNames.Unique(spec.Sweep.Variables.Select(variable => CSharpNames.PascalCase(variable.Name)), fixedNames);
        var sweepNames = CSharpNames.Unique(sweepAuxiliary.Select(metric => metric.Property), fixedNames.Concat(variables));
        var baselineNames = CSharpNames.Unique(baselineAuxiliary.Select(metric => metric.Property), fixedNames);

        var metricParameters = ErrorMetrics.Select(metric => "double " + metric.Name).ToArray();
        writer.Line("/// <summary>One trained sweep model: its point, seed, block, training length and test metrics.</summary>");
        WriteRecord(
            writer,
            "SweepRow",
            [
                .. variables.Select(name => "double " + name),
                "int Seed", "int Block", "int Epochs", "long Steps", "bool Succeeded", "string? Failure",
                .. metricParameters,
                .. sweepNames.Select(name => "double " + name),
            ]);
        writer.Line();
        writer.Line("/// <summary>One trained baseline model (a seed's single-task reference) and its test metrics.</summary>");
        WriteRecord(
            writer,
            "BaselineRow",
            ["int Seed", "int Epochs", "long Steps", "bool Succeeded", "string? Failure", .. metricParameters, .. baselineNames.Select(name => "double " + name)]);
        writer.Line();
        writer.Line("/// <summary>A Pareto-optimal sweep point: its metrics averaged over the seeds whose run succeeded.</summary>");
        WriteRecord(
            writer,
            "ParetoRow",
            [
                .. variables.Select(name => "double " + name),
                "int Seeds", "double Mse", "double Rmse", "double Mae", "double MseDisparity", "double RmseDisparity", "double MaeDisparity",
            ]);
        writer.Line();
        writer.Line("/// <summary>Everything a run produced: the raw result and its typed rows.</summary>");
        WriteRecord(
            writer,
            "Results",
            [
                Sweeps + "ExperimentResult Raw",
                "global::System.Collections.Generic.IReadOnlyList<BaselineRow> Baseline",
                "global::System.Collections.Generic.IReadOnlyList<SweepRow> Sweep",
                "global::System.Collections.Generic.IReadOnlyList<ParetoRow> Pareto",
            ]);
        writer.Line();

        WriteRun(writer);
        writer.Line();
        WriteFromResult(writer, spec, sweepAuxiliary, baselineAuxiliary);
    }

    private static void WriteRun(IndentedWriter writer)
    {
        writer.Line("/// <summary>Loads the data, trains and evaluates every model of the experiment; metrics of failed runs are NaN.</summary>");
        writer.Line("/// <param name=\"threads\">Models trained at once; 0 uses every core.</param>");
        writer.Line("/// <param name=\"cancellationToken\">Stops training between steps.</param>");
        writer.Open("public static Results Run(int threads = 0, global::System.Threading.CancellationToken cancellationToken = default)");
        writer.Line("var experiment = Compiled.Load();");
        writer.Line("var stopwatch = global::System.Diagnostics.Stopwatch.StartNew();");
        writer.Line("var data = global::FairMtl.Data.DataPreparation.Prepare(experiment);");
        writer.Line($"var result = {Sweeps}ExperimentRunner.Run(").Indent()
            .Line("experiment,")
            .Line("data,")
            .Line("threads > 0 ? threads : global::System.Environment.ProcessorCount,")
            .Line("progress: null,")
            .Line("loadSeconds: stopwatch.Elapsed.TotalSeconds,")
            .Line("cancellationToken: cancellationToken,")
            .Line("weighting: Compiled.Weighting);")
            .Outdent();
        writer.Line("return FromResult(result);");
        writer.Close();
    }

    private static void WriteFromResult(
        IndentedWriter writer, ExperimentSpec spec, (string Metric, string Property)[] sweepAuxiliary, (string Metric, string Property)[] baselineAuxiliary)
    {
        var variableCount = spec.Sweep.Variables.Count;
        writer.Line("/// <summary>The typed rows of a result of this experiment; metrics of failed runs are NaN.</summary>");
        writer.Open($"public static Results FromResult({Sweeps}ExperimentResult result)");
        writer.Open("if (result is null)").Line("throw new global::System.ArgumentNullException(nameof(result));").Close();
        writer.Line();

        writer.Line("var baseline = new BaselineRow[result.Baseline.Count];");
        writer.Open("for (var i = 0; i < baseline.Length; i++)");
        writer.Line("var run = result.Baseline[i];");
        writer.Line("var metrics = run.Succeeded ? run.Metrics : null;");
        writer.Line("baseline[i] = new BaselineRow(").Indent();
        WriteArguments(writer, ["run.Seed", "run.Epochs", "run.Steps", "run.Succeeded", "run.Failure", .. Metrics(baselineAuxiliary)]);
        writer.Outdent().Close();
        writer.Line();

        writer.Line("var sweep = new SweepRow[result.Sweep.Count];");
        writer.Open("for (var i = 0; i < sweep.Length; i++)");
        writer.Line("var run = result.Sweep[i];");
        if (variableCount > 0)
        {
            writer.Line("var point = run.Point ?? throw new global::System.InvalidOperationException(\"A sweep run has no sweep point.\");");
        }

        writer.Line("var metrics = run.Succeeded ? run.Metrics : null;");
        writer.Line("sweep[i] = new SweepRow(").Indent();
        WriteArguments(
            writer,
            [.. Values("point", variableCount), "run.Seed", "run.Block", "run.Epochs", "run.Steps", "run.Succeeded", "run.Failure", .. Metrics(sweepAuxiliary)]);
        writer.Outdent().Close();
        writer.Line();

        writer.Line("var pareto = new ParetoRow[result.Pareto.Count];");
        writer.Open("for (var i = 0; i < pareto.Length; i++)");
        writer.Line("var summary = result.Pareto[i];");
        writer.Line("pareto[i] = new ParetoRow(").Indent();
        WriteArguments(
            writer,
            [
                .. Values("summary.Point", variableCount), "summary.Seeds",
                "summary.Overall.Mse", "summary.Overall.Rmse", "summary.Overall.Mae",
                "summary.Disparity.Mse", "summary.Disparity.Rmse", "summary.Disparity.Mae",
            ]);
        writer.Outdent().Close();
        writer.Line();
        writer.Line("return new Results(result, baseline, sweep, pareto);");

        if (sweepAuxiliary.Length > 0 || baselineAuxiliary.Length > 0)
        {
            writer.Line();
            writer.Open("static double Auxiliary(global::FairMtl.Evaluation.RunMetrics? metrics, string name)");
            writer.Open("if (metrics is not null)");
            writer.Open("foreach (var metric in metrics.Auxiliary)");
            writer.Open("if (metric.Name == name)").Line("return metric.Value;").Close();
            writer.Close();
            writer.Close();
            writer.Line();
            writer.Line("return double.NaN;");
            writer.Close();
        }

        writer.Close();
    }

    /// <summary>The other heads' metric names as the evaluation reports them, and their property names.</summary>
    private static (string Metric, string Property)[] Auxiliary(ExperimentSpec spec, IEnumerable<string> heads) =>
        heads
            .Where(name => name != spec.Evaluation.Head)
            .Select(name => spec.FindHead(name))
            .Where(head => head is not null)
            .Select(head => head!.Task == HeadTask.Binary
                ? ($"{head.Name}_accuracy", CSharpNames.PascalCase(head.Name) + "Accuracy")
                : ($"{head.Name}_r2", CSharpNames.PascalCase(head.Name) + "R2"))
            .ToArray();

    private static IEnumerable<string> Metrics((string Metric, string Property)[] auxiliary) =>
        ErrorMetrics.Select(metric => $"metrics?.{metric.Expression} ?? double.NaN")
            .Concat(auxiliary.Select(metric => $"Auxiliary(metrics, {Literals.String(metric.Metric)})"));

    private static IEnumerable<string> Values(string point, int count) =>
        Enumerable.Range(0, count).Select(j => $"{point}.Values[{Literals.Int(j)}]");

    private static void WriteRecord(IndentedWriter writer, string name, string[] parameters)
    {
        writer.Line($"public sealed record {name}(").Indent();
        WriteArguments(writer, parameters);
        writer.Outdent();
    }

    private static void WriteArguments(IndentedWriter writer, string[] arguments)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            writer.Line(arguments[i] + (i == arguments.Length - 1 ? ");" : ","));
        }
    }
}
