namespace FairMtl.Reports.Schema;

/// <summary>
/// The tables of a results folder, each written as <c>&lt;name&gt;.csv</c>: the one place their names are spelled, for
/// the writers (the tables of each kind), the readers (<c>report DIR</c>: Stored, Figures, Html) and the snapshots.
/// </summary>
public static class TableNames
{
    /// <summary>A sweep's single-task baseline runs, one per seed.</summary>
    public const string Baseline = "baseline";

    /// <summary>A sweep's runs, one per point and seed.</summary>
    public const string Sweep = "sweep";

    /// <summary>A conditional sweep's models scored on the fine grid, one row per grid point and seed.</summary>
    public const string Grid = "grid";

    /// <summary>A sweep's Pareto front.</summary>
    public const string Pareto = "pareto";

    /// <summary>A sweep's points over the seeds.</summary>
    public const string Seeds = "seeds";

    /// <summary>A comparison's methods (mean ± sd, or the selected setting of a multi-task method).</summary>
    public const string Methods = "methods";

    /// <summary>A method comparison's front over lambda.</summary>
    public const string Front = "front";

    /// <summary>A comparison's runs.</summary>
    public const string Runs = "runs";

    /// <summary>A multi-task comparison's single-task references.</summary>
    public const string References = "references";

    /// <summary>A multi-task comparison's methods at their own settings, over the repetitions.</summary>
    public const string Repeated = "repeated";
}
