namespace FairMtl.Sweeps;

/// <summary>A progress report counting trained models, whatever kind of experiment trains them.</summary>
public interface IProgressCount
{
    /// <summary>Models finished so far.</summary>
    int Finished { get; }

    /// <summary>All models of the run.</summary>
    int Total { get; }
}
