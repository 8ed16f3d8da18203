using FairMtl.Declarations;
using FairMtl.Spec;

namespace FairMtl.Experiments;

/// <summary>
/// <c>boston-10seeds.yaml</c> as one loss-conditional model per seed, declared with attributes: alpha drawn per row from
/// U(0, 4.9), appended to the inputs and FiLM-modulating the trunk; scored at the sweep's 50 alphas and along a grid.
/// One model trains for 200 epochs (9% of the sweep's steps) without early stopping (a validation loss holds for one
/// alpha only); the baseline stops early as boston-10seeds's does, so both runs score against the same baselines.
/// </summary>
[Experiment(
    "boston-conditional",
    Description = "Boston Housing (Pires et al.) over 10 seeds, the alpha trade-off from one loss-conditional model per seed (declared with attributes).")]
[Dataset(
    "data/boston/housing.data",
    Format = DataFormat.Whitespace,
    Header = false,
    Columns = new[] { "CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE", "DIS", "RAD", "TAX", "PTRATIO", "B", "LSTAT", "MEDV" },
    Exclude = new[] { "MEDV", "B" },
    Standardize = true)]
[Split(Test = 0.2, Validation = 0.2, Seed = 42, Statistics = StatisticsRows.TrainingAndValidation)]
[Groups("B", GroupRule.Median, Labels = new[] { "low-B", "high-B" })]
[Trunk(64, 32, Activation = Activation.Relu, Dropout = 0.0, BatchNorm = false, Init = Initializer.GlorotUniform)]
[Head("y", "MEDV", HeadTask.Regression)]
[Head("z", "B", HeadTask.Regression, Standardize = true)]
[Sweep("alpha", From = 0.0, To = 4.9, Count = 50)]
[Seeds(42, 43, 44, 45, 46, 47, 48, 49, 50, 51)]
[ConditionalSweep(Sampling = ConditionalSampling.PerRow, Distribution = ConditionalDistribution.Uniform, Film = true, Epochs = 200, Grid = 99)]
[Baseline("y", Epochs = 250)]
[Optimizer(OptimizerKind.Adam, LearningRate = 0.001, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1.0e-7)]
[Training(BatchSize = 32, Epochs = 150)]
[EarlyStopping("y", Patience = 10, MinDelta = 1.0e-4, RestoreBest = false)]
[Evaluation("y", Disparity = ErrorMetric.Mse, Error = ErrorMetric.Mse)]
public partial class BostonConditionalAttr
{
    static double Loss(double alpha, double y, double z) => alpha * y + (5 - alpha) * z;
}
