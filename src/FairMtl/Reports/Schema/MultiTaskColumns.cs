namespace FairMtl.Reports.Schema;

/// <summary>The columns of a multi-task comparison's tables (methods, runs, references).</summary>
public static class MultiTaskColumns
{
    /// <summary>The run's index in the sweep.</summary>
    public const string Run = "run";

    /// <summary>A reference's task.</summary>
    public const string Task = "task";

    /// <summary>The first task's weight.</summary>
    public const string Weight = "w1";

    /// <summary>Average relative fairness gap against the references.</summary>
    public const string Arfg = "ARFG";

    /// <summary>Average relative error against the references.</summary>
    public const string Are = "ARE";

    /// <summary>A reference's error.</summary>
    public const string Error = "error";

    /// <summary>A reference's FPR gap.</summary>
    public const string FprGap = "FPRgap";

    /// <summary>A reference's TPR gap.</summary>
    public const string TprGap = "TPRgap";

    /// <summary>The standard deviation of a column's values over the repetitions (<paramref name="column"/> sd).</summary>
    public static string Sd(string column) => $"{column} sd";

    /// <summary>The lower end of the 95% Student-t interval of a column's mean over the repetitions.</summary>
    public static string Low(string column) => $"{column} low";

    /// <summary>The upper end of the 95% Student-t interval of a column's mean over the repetitions.</summary>
    public static string High(string column) => $"{column} high";

    /// <summary>A task's lambda.</summary>
    public static string Lambda(string task) => $"lambda({task})";

    /// <summary>A task's MTA-F ratio.</summary>
    public static string Ratio(string task) => $"r({task})";

    /// <summary>A task's error.</summary>
    public static string ErrorOf(string task) => $"{Error}({task})";

    /// <summary>A task's FPR gap.</summary>
    public static string FprGapOf(string task) => $"{FprGap}({task})";

    /// <summary>A task's TPR gap.</summary>
    public static string TprGapOf(string task) => $"{TprGap}({task})";
}
