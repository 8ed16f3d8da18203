namespace FairMtl.Reports.Schema;

/// <summary>Columns, values and name rules that the run tables of every kind share.</summary>
public static class RunColumns
{
    /// <summary>The run's seed.</summary>
    public const string Seed = "seed";

    /// <summary>Epochs trained.</summary>
    public const string Epochs = "epochs";

    /// <summary>Optimiser steps taken.</summary>
    public const string Steps = "steps";

    /// <summary><see cref="Ok"/> or <see cref="Failed"/>.</summary>
    public const string Status = "status";

    /// <summary>Why a run failed (empty when it did not).</summary>
    public const string Message = "message";

    /// <summary>A comparison's method.</summary>
    public const string Method = "method";

    /// <summary>A comparison's method kind.</summary>
    public const string Kind = "kind";

    /// <summary>A method's (or a front point's) lambda.</summary>
    public const string Lambda = "lambda";

    /// <summary>A comparison's repetition.</summary>
    public const string Repetition = "repetition";

    /// <summary>Runs summarised in a row.</summary>
    public const string Runs = "runs";

    /// <summary>The status of a run that failed; in a summary row, how many of its runs failed.</summary>
    public const string Failed = "failed";

    /// <summary>Whether the row is on its front (<see cref="Yes"/> / <see cref="No"/>).</summary>
    public const string OnFront = "on_front";

    /// <summary>A comparison run's or a multi-task row's front flag.</summary>
    public const string Front = "front";

    /// <summary>The status of a run that trained and was scored.</summary>
    public const string Ok = "ok";

    /// <summary>A true flag.</summary>
    public const string Yes = "yes";

    /// <summary>A false flag.</summary>
    public const string No = "no";

    /// <summary>The status of a run: <see cref="Ok"/>, or <see cref="Failed"/>.</summary>
    public static string StatusOf(bool succeeded) => succeeded ? Ok : Failed;

    /// <summary>A flag cell: <see cref="Yes"/> or <see cref="No"/>.</summary>
    public static string Flag(bool value) => value ? Yes : No;

    /// <summary>The column of the standard deviation of <paramref name="column"/> (<c>AUC_sd</c>).</summary>
    public static string Sd(string column) => column + "_sd";
}
