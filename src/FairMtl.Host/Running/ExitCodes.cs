namespace FairMtl.Host.Running;

/// <summary>Process exit codes of the host.</summary>
public static class ExitCodes
{
    /// <summary>Every run trained and the results were written.</summary>
    public const int Success = 0;

    /// <summary>An unexpected internal error (a bug): the message and stack trace are printed.</summary>
    public const int InternalError = 1;

    /// <summary>A mistake in the input (experiment file, data file, command line); nothing was written.</summary>
    public const int UserError = 2;

    /// <summary>Results were written, but some runs failed (e.g. diverged); they are marked in the outputs.</summary>
    public const int RunsFailed = 3;

    /// <summary>The run store cannot be used: not a FairMtl store, damaged, of a newer schema, locked, or the disk is full.
    /// Units committed before are kept.</summary>
    public const int StoreError = 4;

    /// <summary>Interrupted (Ctrl+C); nothing was written.</summary>
    public const int Cancelled = 130;
}
