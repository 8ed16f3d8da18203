namespace FairMtl.Reports.Schema;

/// <summary>The columns of a FairMT experiment's tables (methods, one per task, runs).</summary>
public static class FairMtColumns
{
    /// <summary>The sweep value a run trained at (lambda or epsilon; empty for unconstrained MTL).</summary>
    public const string Point = "point";

    /// <summary>What the point is: lambda or epsilon.</summary>
    public const string PointKind = "point_kind";

    /// <summary>The test constraint value F.</summary>
    public const string Constraint = "F";

    /// <summary>The mean over tasks of the error relative to unconstrained MTL's.</summary>
    public const string RelativeError = "rel_error";

    /// <summary>The primal-dual multiplier after training.</summary>
    public const string Multiplier = "mu";

    /// <summary>The soft constraint of the last training epoch.</summary>
    public const string TrainingConstraint = "F_train";

    /// <summary>A task's error (1 - accuracy, or RMSE).</summary>
    public const string Error = "error";

    /// <summary>A task's AUC, macro-F1 or MAE.</summary>
    public const string Secondary = "secondary";

    /// <summary>The harm of the group worst off in the run.</summary>
    public const string WorstHarm = "worst_harm";

    /// <summary>The harm of the group best off in the run.</summary>
    public const string BestHarm = "best_harm";

    /// <summary>The one-sided test violation.</summary>
    public const string Violation = "violation";

    /// <summary>Change of the harm of MTL's worst-off group against MTL.</summary>
    public const string WorstChange = "worst_change";

    /// <summary>Change of the harm of MTL's best-off group against MTL (positive: levelling down).</summary>
    public const string BestChange = "best_change";

    /// <summary>The macro TPR gap.</summary>
    public const string TprGap = "tpr_gap";

    /// <summary>The lower end of a column's 95% interval.</summary>
    public static string Low(string column) => column + "_low";

    /// <summary>The upper end of a column's 95% interval.</summary>
    public static string High(string column) => column + "_high";

    /// <summary>The sensitive attribute a task table's row measures.</summary>
    public const string Attribute = "attribute";

    /// <summary>A task's column in the runs table.</summary>
    public static string Of(string task, string column) => $"{column}({task})";

    /// <summary>A task's column over one attribute's groups in the runs table.</summary>
    public static string Of(string task, string column, string attribute) => $"{column}({task})[{attribute}]";

    /// <summary>A task's harm of one group of an attribute in the runs table.</summary>
    public static string Harm(string task, string attribute, string group) => $"harm({task})[{attribute}:{group}]";

    /// <summary>A task's demographic-parity gap of one output (binary: the only one) over an attribute's groups.</summary>
    public static string DpGap(string task, string attribute, string output) => $"dp_gap({task})[{attribute}:{output}]";

    /// <summary>The table of one task.</summary>
    public static string TaskTable(string task) => "task-" + task;
}
