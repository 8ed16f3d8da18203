using FairMtl.Evaluation.Statistics;
using FairMtl.FairMt;
using FairMtl.Reports.Schema;
using FairMtl.Spec;

namespace FairMtl.Reports;

/// <summary>The tables of a FairMT experiment: the methods over their sweep points, one table per task, every run.</summary>
public static class FairMtTables
{
    /// <summary>Per method and sweep point: the test constraint F and the relative error with their intervals.</summary>
    public static Table Methods(FairMtResult result)
    {
        var columns = new List<TableColumn> { new(RunColumns.Method, Key: true), new(FairMtColumns.PointKind, Terminal: false), new(FairMtColumns.Point, Key: true, Format: "R"), new(RunColumns.Runs), new(RunColumns.OnFront) };
        columns.AddRange(Interval(FairMtColumns.Constraint));
        columns.AddRange(Interval(FairMtColumns.RelativeError));
        columns.Add(new TableColumn(FairMtColumns.Multiplier));
        var kinds = result.Experiment.Spec.Methods.ToDictionary(m => m.Name, m => m.Kind);
        var rows = result.Points.Select(point => new object?[]
            {
                point.Method, PointKind(kinds[point.Method]), Cell(point.Point), point.Runs, RunColumns.Flag(point.OnFront),
                point.Constraint.Mean, point.Constraint.Low, point.Constraint.High,
                point.RelativeError.Mean, point.RelativeError.Low, point.RelativeError.High,
                Cell(point.Multiplier),
            })
            .ToArray();
        return new Table(
            TableNames.Methods,
            "Methods at each sweep point: test constraint F and error relative to unconstrained MTL (means over repetitions, 95% intervals)",
            columns,
            rows)
        { HighlightedRows = Table.RowsWhere(result.Points.Select(point => point.OnFront)) };
    }

    /// <summary>Per method, sweep point and constraint attribute, one task's metrics and the levelling-down measures
    /// against MTL.</summary>
    public static Table Task(FairMtResult result, int task)
    {
        var spec = result.Experiment.Spec;
        var name = spec.Tasks[task].Name;
        var columns = new List<TableColumn>
        {
            new(RunColumns.Method, Key: true), new(FairMtColumns.Point, Key: true, Format: "R"), new(FairMtColumns.Attribute, Key: true),
            new(FairMtColumns.Error), new(FairMtColumns.Secondary),
            new(FairMtColumns.WorstHarm), new(FairMtColumns.BestHarm), new(FairMtColumns.Violation),
        };
        columns.AddRange(Interval(FairMtColumns.WorstChange));
        columns.AddRange(Interval(FairMtColumns.BestChange));
        var rows = result.Points.SelectMany(point => result.Attributes.Select((attribute, a) =>
        {
            var t = point.Tasks[a][task];
            return new object?[]
            {
                point.Method, Cell(point.Point), attribute.Name, t.Error, t.Secondary, t.WorstHarm, t.BestHarm, Cell(t.Violation),
                t.WorstChange.Mean, t.WorstChange.Low, t.WorstChange.High, t.BestChange.Mean, t.BestChange.Low, t.BestChange.High,
            };
        })).ToArray();
        return new Table(
            FairMtColumns.TaskTable(name),
            $"Task '{name}' ({Describe(spec.Tasks[task])}): test metrics and the change of the harms of MTL's worst- and best-off groups against MTL",
            columns,
            rows);
    }

    /// <summary>Every run with its per-task metrics, group harms and gaps.</summary>
    public static Table Runs(FairMtResult result)
    {
        var spec = result.Experiment.Spec;
        var columns = new List<TableColumn>
        {
            new(RunColumns.Method, Key: true), new(FairMtColumns.Point, Key: true, Format: "R"), new(RunColumns.Repetition), new(RunColumns.Seed),
            new(FairMtColumns.Constraint), new(FairMtColumns.TrainingConstraint), new(FairMtColumns.Multiplier),
        };
        var outputs = spec.Tasks.Select((task, t) => OutputNames(result, task, t)).ToArray();
        for (var t = 0; t < spec.Tasks.Count; t++)
        {
            var name = spec.Tasks[t].Name;
            columns.AddRange([new TableColumn(FairMtColumns.Of(name, FairMtColumns.Error)), new TableColumn(FairMtColumns.Of(name, FairMtColumns.Secondary))]);
            foreach (var attribute in result.Attributes)
            {
                var terminal = attribute == result.Attributes[0];
                columns.Add(new TableColumn(FairMtColumns.Of(name, FairMtColumns.Violation, attribute.Name), Terminal: terminal));
                columns.AddRange(attribute.Groups.Select(group => new TableColumn(FairMtColumns.Harm(name, attribute.Name, group), Terminal: false)));
                columns.Add(new TableColumn(FairMtColumns.Of(name, FairMtColumns.TprGap, attribute.Name), Terminal: false));
                columns.AddRange(outputs[t].Select(output => new TableColumn(FairMtColumns.DpGap(name, attribute.Name, output), Terminal: false)));
            }
        }

        columns.AddRange([new TableColumn(RunColumns.Epochs), new TableColumn(RunColumns.Steps), new TableColumn(RunColumns.Status), new TableColumn(RunColumns.Message)]);
        var rows = result.Runs.Select(run =>
        {
            var row = new List<object?> { run.Method, Cell(run.Point), run.Repetition, run.Seed, Cell(run.Constraint), Cell(run.TrainingConstraint), Cell(run.Multiplier) };
            for (var t = 0; t < spec.Tasks.Count; t++)
            {
                row.AddRange([Cell(run.Tasks[0][t].Error), Cell(run.Tasks[0][t].Secondary)]);
                for (var a = 0; a < result.Attributes.Count; a++)
                {
                    var metrics = run.Tasks[a][t];
                    row.Add(Cell(run.Violations[a][t]));
                    row.AddRange(result.Attributes[a].Groups.Select((_, g) => g < metrics.Harms.Length ? Cell(metrics.Harms[g]) : null));
                    row.Add(Cell(metrics.TprGap));
                    row.AddRange(outputs[t].Select((_, k) => k < metrics.DpGaps.Length ? Cell(metrics.DpGaps[k]) : null));
                }
            }

            row.AddRange([run.Epochs, run.Steps, RunColumns.StatusOf(run.Failure is null), run.Failure]);
            return row.ToArray();
        }).ToArray();
        return new Table(TableNames.Runs, "Runs", columns, rows);
    }

    /// <summary>Every table, in file order.</summary>
    public static IEnumerable<Table> All(FairMtResult result) =>
        new[] { Methods(result) }
            .Concat(Enumerable.Range(0, result.Experiment.Spec.Tasks.Count).Select(t => Task(result, t)))
            .Append(Runs(result));

    private static IEnumerable<string> OutputNames(FairMtResult result, TaskSpec task, int t) => task.Type switch
    {
        HeadTask.MultiClass => result.ClassNames[t],
        HeadTask.MultiLabel => task.Labels,
        HeadTask.Regression => ["mae"],
        _ => ["positive"],
    };

    private static string Describe(TaskSpec task) =>
        $"{Spec.Yaml.TaskSectionReader.Spelling(task.Type)}; error: {(task.Type == HeadTask.Regression ? "RMSE" : "1 - accuracy")}, secondary: {Secondary(task.Type)}; "
        + (task.Harm is null ? "not constrained" : $"harm {task.Harm.Kind.ToString().ToLowerInvariant()}");

    private static string Secondary(HeadTask type) => type switch
    {
        HeadTask.Regression => "MAE",
        HeadTask.MultiClass => "macro-F1",
        HeadTask.MultiLabel => "mean AUC",
        _ => "AUC",
    };

    private static string PointKind(MethodKind kind) => kind switch
    {
        MethodKind.Penalty or MethodKind.MtaF or MethodKind.FairMultiTask => "lambda",
        MethodKind.PrimalDual => "epsilon",
        _ => string.Empty,
    };

    private static TableColumn[] Interval(string column) =>
        [new(column), new(FairMtColumns.Low(column), Terminal: false), new(FairMtColumns.High(column), Terminal: false)];

    private static object? Cell(double value) => double.IsNaN(value) ? null : value;
}
