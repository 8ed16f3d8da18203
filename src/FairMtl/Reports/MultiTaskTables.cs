using FairMtl.Comparisons;
using FairMtl.MultiTask;
using FairMtl.Reports.Schema;

namespace FairMtl.Reports;

/// <summary>The tables of a multi-task comparison: the paper's Table 3/4 shape, every run, the references.</summary>
public static class MultiTaskTables
{
    /// <summary>
    /// One row for the single-task references (means over repetitions; ARFG = ARE = 1 by definition) and one per
    /// method at its selected point: its setting, ARFG, ARE and per-task error and FPR gap.
    /// </summary>
    public static Table Methods(MultiTaskResult result)
    {
        var spec = result.Experiment.Spec;
        var tasks = spec.Tasks.Select(t => t.Name).ToArray();
        var columns = new List<TableColumn> { new(RunColumns.Method, Key: true), new(RunColumns.Runs), new(RunColumns.Front), new(RunColumns.Repetition) };
        columns.AddRange(SettingColumns(tasks, "F3"));
        columns.AddRange([new TableColumn(MultiTaskColumns.Arfg), new TableColumn(MultiTaskColumns.Are)]);
        foreach (var task in tasks)
        {
            columns.Add(new TableColumn(MultiTaskColumns.ErrorOf(task)));
            columns.Add(new TableColumn(MultiTaskColumns.FprGapOf(task)));
            columns.Add(new TableColumn(MultiTaskColumns.TprGapOf(task), Terminal: false));
        }

        var rows = new List<object?[]>();
        var reference = new List<object?> { MultiTaskRun.ReferenceMethod, result.References.Count, null, null, null };
        reference.AddRange(tasks.Select(_ => (object?)null));
        reference.AddRange(tasks.Select(_ => (object?)null));
        reference.AddRange([1d, 1d]);
        for (var t = 0; t < tasks.Length; t++)
        {
            var mine = result.References.Where(run => run.Task == t && run.Failure is null).ToArray();
            reference.Add(mine.Length == 0 ? double.NaN : mine.Average(run => run.Errors[t]));
            reference.Add(mine.Length == 0 ? double.NaN : mine.Average(run => run.FprGaps[t]));
            reference.Add(mine.Length == 0 ? double.NaN : mine.Average(run => run.TprGaps[t]));
        }

        rows.Add(reference.ToArray());
        for (var m = 0; m < spec.Methods.Count; m++)
        {
            var name = spec.Methods[m].Name;
            var mine = result.Runs.Where(run => run.Method == name).ToArray();
            var row = new List<object?> { name, mine.Length, mine.Count(run => run.OnFront) };
            if (result.Selected[m] < 0)
            {
                row.AddRange(Enumerable.Repeat<object?>(null, columns.Count - row.Count));
                rows.Add(row.ToArray());
                continue;
            }

            var run = result.Runs[result.Selected[m]];
            row.Add(run.Repetition);
            row.AddRange(SettingCells(spec.Methods[m].Kind, run.Setting!));
            row.AddRange([run.Arfg, run.Are]);
            for (var t = 0; t < tasks.Length; t++)
            {
                row.AddRange([run.Errors[t], run.FprGaps[t], run.TprGaps[t]]);
            }

            rows.Add(row.ToArray());
        }

        return new Table(
            TableNames.Methods,
            $"Selected points{Conditional(result)} (the front point whose ARE is nearest the middle of the method's ARE range); STL: single-task references",
            columns,
            rows);
    }

    /// <summary>" (conditional: one model per method and repetition, ...)" for a conditional sweep, else empty.</summary>
    private static string Conditional(MultiTaskResult result) =>
        (result.Experiment.Spec as Spec.MultiTaskSpec)?.Sweep.Conditional is { } conditional
            ? $" ({ResultTables.DescribePerMethod(conditional)})"
            : string.Empty;

    /// <summary>
    /// The methods with their own setting (<c>methods.&lt;name&gt;.setting</c>), over the repetitions: the setting, the
    /// repetitions whose run succeeded, ARFG and ARE with their sample sd and 95% Student-t interval of the mean, and the
    /// mean error and FPR gap per task; null when no method has its own setting.
    /// </summary>
    public static Table? Repeated(MultiTaskResult result)
    {
        var spec = result.Experiment.Spec;
        var methods = spec.Methods.Where(method => method.Setting is not null).ToArray();
        if (methods.Length == 0)
        {
            return null;
        }

        var tasks = spec.Tasks.Select(t => t.Name).ToArray();
        var columns = new List<TableColumn> { new(RunColumns.Method, Key: true), new(RunColumns.Runs) };
        columns.AddRange(SettingColumns(tasks, "F3"));
        foreach (var metric in new[] { MultiTaskColumns.Arfg, MultiTaskColumns.Are })
        {
            columns.AddRange([new(metric), new(MultiTaskColumns.Sd(metric)), new(MultiTaskColumns.Low(metric)), new(MultiTaskColumns.High(metric))]);
        }

        foreach (var task in tasks)
        {
            columns.AddRange([new(MultiTaskColumns.ErrorOf(task)), new(MultiTaskColumns.FprGapOf(task))]);
        }

        var rows = methods.Select(method =>
        {
            var mine = result.Runs.Where(run => run.Method == method.Name && run.Failure is null).ToArray();
            var row = new List<object?> { method.Name, mine.Length };
            row.AddRange(SettingCells(method.Kind, new MultiTaskSetting(0, [.. method.Setting!.Weights], [.. method.Setting.Lambdas], [.. method.Setting.Ratios])));
            foreach (var metric in new Func<MultiTaskRun, double>[] { run => run.Arfg, run => run.Are })
            {
                var summary = Evaluation.Statistics.SampleSummary.Of(mine.Select(metric).ToArray());
                row.AddRange([summary.Mean, summary.StandardDeviation, summary.Low, summary.High]);
            }

            for (var t = 0; t < tasks.Length; t++)
            {
                row.Add(mine.Length == 0 ? double.NaN : mine.Average(run => run.Errors[t]));
                row.Add(mine.Length == 0 ? double.NaN : mine.Average(run => run.FprGaps[t]));
            }

            return row.ToArray();
        }).ToArray();
        return new Table(
            TableNames.Repeated,
            "Methods at their own setting over the repetitions (mean, sd and 95% t interval of ARFG and ARE; mean per-task error and FPR gap)",
            columns,
            rows);
    }

    /// <summary>Every multi-task run with its setting, metrics and front membership (the ARFG-ARE front's runs highlighted).</summary>
    public static Table Runs(MultiTaskResult result)
    {
        var tasks = result.Experiment.Spec.Tasks.Select(t => t.Name).ToArray();
        var columns = new List<TableColumn> { new(RunColumns.Method, Key: true), new(MultiTaskColumns.Run, Key: true), new(RunColumns.Repetition), new(RunColumns.Seed) };
        columns.AddRange(SettingColumns(tasks, "R"));
        columns.AddRange([new TableColumn(MultiTaskColumns.Arfg), new TableColumn(MultiTaskColumns.Are), new TableColumn(RunColumns.OnFront)]);
        foreach (var task in tasks)
        {
            columns.AddRange([new TableColumn(MultiTaskColumns.ErrorOf(task)), new TableColumn(MultiTaskColumns.FprGapOf(task)), new TableColumn(MultiTaskColumns.TprGapOf(task)), new TableColumn($"{RunColumns.OnFront}({task})")]);
        }

        columns.AddRange([new TableColumn(RunColumns.Epochs), new TableColumn(RunColumns.Steps), new TableColumn(RunColumns.Status), new TableColumn(RunColumns.Message)]);
        var kinds = result.Experiment.Spec.Methods.ToDictionary(m => m.Name, m => m.Kind);
        var rows = result.Runs.Select(run =>
        {
            var row = new List<object?> { run.Method, run.Setting!.Index, run.Repetition, run.Seed };
            row.AddRange(SettingCells(kinds[run.Method], run.Setting));
            row.AddRange([run.Arfg, run.Are, RunColumns.Flag(run.OnFront)]);
            for (var t = 0; t < tasks.Length; t++)
            {
                row.AddRange([run.Errors[t], run.FprGaps[t], run.TprGaps[t], RunColumns.Flag(run.OnTaskFront.Length > t && run.OnTaskFront[t])]);
            }

            row.AddRange([run.Epochs, run.Steps, RunColumns.StatusOf(run.Failure is null), run.Failure]);
            return row.ToArray();
        }).ToArray();
        return new Table(TableNames.Runs, "Runs" + Conditional(result), columns, rows) { HighlightedRows = Table.RowsWhere(result.Runs.Select(run => run.OnFront)) };
    }

    /// <summary>
    /// With <c>sweep.conditional.grid</c>: each method's conditional models at each grid setting (means over the
    /// repetitions), the front of those means marked and highlighted; null without a grid.
    /// </summary>
    public static Table? Grid(MultiTaskResult result)
    {
        if (result.Grid.Count == 0)
        {
            return null;
        }

        var tasks = result.Experiment.Spec.Tasks.Select(t => t.Name).ToArray();
        var columns = new List<TableColumn> { new(RunColumns.Method, Key: true), new(MultiTaskColumns.Run, Key: true), new(RunColumns.Runs) };
        columns.AddRange(SettingColumns(tasks, "R"));
        columns.AddRange([new TableColumn(MultiTaskColumns.Arfg), new TableColumn(MultiTaskColumns.Are), new TableColumn(RunColumns.OnFront)]);
        var kinds = result.Experiment.Spec.Methods.ToDictionary(m => m.Name, m => m.Kind);
        var rows = result.Grid.Select(point =>
        {
            var row = new List<object?> { point.Method, point.Setting.Index, point.Runs };
            row.AddRange(SettingCells(kinds[point.Method], point.Setting));
            row.AddRange([point.Arfg, point.Are, RunColumns.Flag(point.OnFront)]);
            return row.ToArray();
        }).ToArray();
        return new Table(
            TableNames.Grid,
            $"The conditional models at {(result.Experiment.Spec as Spec.MultiTaskSpec)?.Sweep.Conditional?.Grid} random grid settings per method (means over the repetitions){Conditional(result)}",
            columns,
            rows) { HighlightedRows = Table.RowsWhere(result.Grid.Select(point => point.OnFront)) };
    }

    /// <summary>The setting's columns, in <see cref="SettingCells"/>'s order: w_1, then lambda_t and r_t per task.</summary>
    private static IEnumerable<TableColumn> SettingColumns(IReadOnlyList<string> tasks, string format) =>
        [new(MultiTaskColumns.Weight, Format: format), .. tasks.Select(t => new TableColumn(MultiTaskColumns.Lambda(t), Format: format)),
            .. tasks.Select(t => new TableColumn(MultiTaskColumns.Ratio(t), Format: format))];

    /// <summary>w_1, then lambda_t and r_t where the method uses them (vanilla MTL: neither; the baseline: no r).</summary>
    private static IEnumerable<object?> SettingCells(Spec.MethodKind kind, MultiTaskSetting setting)
    {
        yield return setting.Weights[0];
        foreach (var lambda in setting.Lambdas)
        {
            yield return kind == Spec.MethodKind.MultiTask ? null : lambda;
        }

        foreach (var ratio in setting.Ratios)
        {
            yield return kind == Spec.MethodKind.MtaF ? ratio : null;
        }
    }

    /// <summary>The single-task reference runs.</summary>
    public static Table References(MultiTaskResult result)
    {
        var tasks = result.Experiment.Spec.Tasks;
        var columns = new List<TableColumn>
        {
            new(MultiTaskColumns.Task), new(RunColumns.Repetition), new(RunColumns.Seed), new(MultiTaskColumns.Error), new(MultiTaskColumns.FprGap), new(MultiTaskColumns.TprGap),
            new(RunColumns.Epochs), new(RunColumns.Steps), new(RunColumns.Status), new(RunColumns.Message),
        };
        var rows = result.References
            .Select(run => new object?[]
            {
                tasks[run.Task!.Value].Name, run.Repetition, run.Seed, run.Errors[run.Task.Value], run.FprGaps[run.Task.Value], run.TprGaps[run.Task.Value], run.Epochs, run.Steps,
                RunColumns.StatusOf(run.Failure is null), run.Failure,
            })
            .ToArray();
        return new Table(TableNames.References, "Single-task references (no fairness term)", columns, rows);
    }
}
