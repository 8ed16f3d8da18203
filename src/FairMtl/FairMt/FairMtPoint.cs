using FairMtl.Evaluation.Statistics;

namespace FairMtl.FairMt;

/// <summary>A method at one sweep point, summarised over the repetitions.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Point">Lambda, epsilon or NaN (see <see cref="FairMtRun.Point"/>).</param>
/// <param name="Runs">Runs that succeeded.</param>
/// <param name="Constraint">The test constraint F over the repetitions (mean and 95% interval).</param>
/// <param name="RelativeError">Mean over tasks of error_t divided by unconstrained MTL's error_t in the same repetition
/// (1: MTL's utility), over the repetitions; NaN without a multi-task method.</param>
/// <param name="OnFront">Whether the point is on its method's front of (mean F, mean relative error), both minimised.</param>
/// <param name="Tasks">Per constraint attribute (spec order), per task (spec order), its summary over that attribute's
/// groups.</param>
/// <param name="Multiplier">Primal-dual: the mean final multiplier; else NaN.</param>
public sealed record FairMtPoint(
    string Method,
    double Point,
    int Runs,
    SampleSummary Constraint,
    SampleSummary RelativeError,
    bool OnFront,
    IReadOnlyList<IReadOnlyList<FairMtTaskPoint>> Tasks,
    double Multiplier);

/// <summary>One task of a <see cref="FairMtPoint"/>: means over repetitions and the levelling-down measures.</summary>
/// <param name="Error">Mean test error (see <see cref="Evaluation.Heterogeneous.TaskMetrics.Error"/>).</param>
/// <param name="Secondary">Mean AUC, macro-F1 or MAE.</param>
/// <param name="WorstHarm">Mean harm of the group worst off in that run.</param>
/// <param name="BestHarm">Mean harm of the group best off in that run.</param>
/// <param name="Violation">Mean one-sided test violation.</param>
/// <param name="WorstChange">The harm of the group worst off under unconstrained MTL (same repetition), this method's
/// minus MTL's: negative means that group is better served.</param>
/// <param name="BestChange">The same for the group best off under MTL: positive means levelling down (the well-served
/// group is made worse).</param>
public sealed record FairMtTaskPoint(
    double Error,
    double Secondary,
    double WorstHarm,
    double BestHarm,
    double Violation,
    SampleSummary WorstChange,
    SampleSummary BestChange);
