using FairMtl.Diagnostics;
using FairMtl.Host.Kinds;
using FairMtl.Training;

namespace FairMtl.Host.Running;

/// <summary>
/// The one check, for every experiment kind, that this program can train with the engine an experiment declares
/// (<c>training.engine: torch</c> needs a host that registers the libtorch engine, see
/// <see cref="TrainingEngines"/>): made by the commands that train (<c>run</c>, <c>worker</c>), submit jobs that
/// train (<c>submit</c>) or collect what such jobs stored (<c>collect</c>: a torch unit's identity names the torch
/// engine's build) before anything is loaded, trained or written.
/// </summary>
public static class EngineAvailability
{
    /// <summary>FMTL003 when <paramref name="experiment"/>'s engine is not available in this process.</summary>
    /// <param name="experiment">The resolved experiment.</param>
    /// <param name="argument">The file path or compiled name the command was given.</param>
    /// <exception cref="FairMtlException">The engine is not available: the message says how to run the experiment.</exception>
    public static void Require(IRunnableExperiment experiment, string argument)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (TrainingEngines.Unavailability(experiment.Engine) is not { } reason)
        {
            return;
        }

        // As ExperimentKinds.Resolve decides: a file is named (at the value when it was read), a compiled experiment,
        // whose declaration the build checked, by its name.
        throw File.Exists(argument)
            ? new FairMtlException(DiagnosticCodes.InvalidValue, experiment.Locate("training.engine"), reason)
            : new FairMtlException(DiagnosticCodes.InvalidValue, null, $"experiment '{experiment.Name}': {reason}");
    }
}
