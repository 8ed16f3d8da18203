using FairMtl.Comparisons;
using FairMtl.MultiTask;

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
        var columns = new List<TableColumn> { new("method", Key: true), new("runs"), new("front"), new("repetition"), new("w1", Format: "F3") };
        columns.AddRange(tasks.Select(t => new TableColumn($"lambda({t})", Format: "F3")));
        columns.AddRange(tasks.Select(t => new TableColumn($"r({t})", Format: "F3")));
        columns.AddRange([new TableColumn("ARFG"), new TableColumn("ARE")]);
        foreach (var task in tasks)
        {
            columns.Add(new TableColumn($"error({task})"));
            columns.Add(new TableColumn($"FPRgap({task})"));
            columns.Add(new TableColumn($"TPRgap({task})", Terminal: false));
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
            "methods",
            "Selected points (the front point whose ARE is nearest the middle of the method's ARE range); STL: single-task references",
            columns,
            rows);
    }

    /// <summary>Every multi-task run with its setting, metrics and front membership (the ARFG-ARE front's runs highlighted).</summary>
    public static Table Runs(MultiTaskResult result)
    {
        var tasks = result.Experiment.Spec.Tasks.Select(t => t.Name).ToArray();
        var columns = new List<TableColumn> { new("method", Key: true), new("run", Key: true), new("repetition"), new("seed"), new("w1", Format: "R") };
        columns.AddRange(tasks.Select(t => new TableColumn($"lambda({t})", Format: "R")));
        columns.AddRange(tasks.Select(t => new TableColumn($"r({t})", Format: "R")));
        columns.AddRange([new TableColumn("ARFG"), new TableColumn("ARE"), new TableColumn("on_front")]);
        foreach (var task in tasks)
        {
            columns.AddRange([new TableColumn($"error({task})"), new TableColumn($"FPRgap({task})"), new TableColumn($"TPRgap({task})"), new TableColumn($"on_front({task})")]);
        }

        columns.AddRange([new TableColumn("epochs"), new TableColumn("steps"), new TableColumn("status"), new TableColumn("message")]);
        var kinds = result.Experiment.Spec.Methods.ToDictionary(m => m.Name, m => m.Kind);
        var rows = result.Runs.Select(run =>
        {
            var row = new List<object?> { run.Method, run.Setting!.Index, run.Repetition, run.Seed };
            row.AddRange(SettingCells(kinds[run.Method], run.Setting));
            row.AddRange([run.Arfg, run.Are, run.OnFront ? "yes" : "no"]);
            for (var t = 0; t < tasks.Length; t++)
            {
                row.AddRange([run.Errors[t], run.FprGaps[t], run.TprGaps[t], run.OnTaskFront.Length > t && run.OnTaskFront[t] ? "yes" : "no"]);
            }

            row.AddRange([run.Epochs, run.Steps, run.Failure is null ? "ok" : "failed", run.Failure]);
            return row.ToArray();
        }).ToArray();
        return new Table("runs", "Runs", columns, rows) { HighlightedRows = Table.RowsWhere(result.Runs.Select(run => run.OnFront)) };
    }

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
            new("task"), new("repetition"), new("seed"), new("error"), new("FPRgap"), new("TPRgap"), new("epochs"), new("steps"), new("status"), new("message"),
        };
        var rows = result.References
            .Select(run => new object?[]
            {
                tasks[run.Task!.Value].Name, run.Repetition, run.Seed, run.Errors[run.Task.Value], run.FprGaps[run.Task.Value], run.TprGaps[run.Task.Value], run.Epochs, run.Steps,
                run.Failure is null ? "ok" : "failed", run.Failure,
            })
            .ToArray();
        return new Table("references", "Single-task references (no fairness term)", columns, rows);
    }
}
