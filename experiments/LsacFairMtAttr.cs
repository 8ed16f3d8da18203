using FairMtl.Declarations;
using FairMtl.Spec;

namespace FairMtl.Experiments;

/// <summary>
/// A FairMT experiment declared with attributes: <c>lsac-fairmt.yaml</c>'s data, tasks, attributes and constraint at a
/// small scale (one repetition, two epochs, one lambda and one epsilon) with three of its methods. The generator lowers
/// the attributes to the same comparison YAML and validates them with the same reader; the host runs it by name.
/// </summary>
[Experiment("lsac-fairmt-attr", Description = "LSAC FairMT experiment declared with attributes (small scale: 1 repetition, 2 epochs).")]
[Dataset(
    "data/lsac/bar_pass_prediction.csv",
    Missing = new[] { "" },
    Include = new[] { "lsat", "ugpa", "fam_inc", "fulltime" },
    Categorical = new[] { "fam_inc", "fulltime" },
    Standardize = true)]
[Split(Test = 0.2, Validation = 0.2)]
[Trunk(64, Activation = Activation.Relu, HeadHidden = new[] { 32 })]
[Task("gpa", "zfygpa", Type = HeadTask.Regression, Harm = HarmKind.Mse, MeasuredScale = true)]
[Task("bar", "pass_bar", PriorThreshold = true, Harm = HarmKind.Opportunity)]
[Task("tier", "tier", Type = HeadTask.MultiClass, Harm = HarmKind.Opportunity)]
[Sensitive("gender", "gender", Privileged = new[] { "male" }, Labels = new[] { "female", "male" })]
[Sensitive("race", "race1", Privileged = new[] { "white" }, Labels = new[] { "non-white", "white" })]
[Constraint(Attributes = new[] { "gender", "race" }, Reference = HarmReference.BestGroup, Aggregate = AggregationKind.Max, Smoothing = 0.95)]
[Method("MTL", MethodKind.MultiTask)]
[Method("PEN", MethodKind.Penalty)]
[Method("PD", MethodKind.PrimalDual, DualStep = 0.5)]
[ConstraintSweep(Lambdas = new[] { 1.0 }, Epsilons = new[] { 0.01 })]
[Protocol(Repetitions = 1, Seed = 0)]
[Optimizer(OptimizerKind.Adam, LearningRate = 0.001)]
[Training(BatchSize = 256, Epochs = 2)]
public partial class LsacFairMtAttr
{
}
