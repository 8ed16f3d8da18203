using FairMtl.Declarations;
using FairMtl.Spec;

namespace FairMtl.Experiments.Torch;

/// <summary>
/// <c>../BostonAttr.cs</c>'s experiment (Boston Housing, Pires et al.) declared with attributes on the libtorch engine:
/// the same data, split, groups, model, heads, loss, baseline, training, early stopping and evaluation, over a coarser
/// sweep of alpha (6 values instead of 50) so that it trains in seconds. The source generator writes its typed
/// TorchSharp module, <c>BostonTorchTorchModel</c> (docs/generator.md).
/// </summary>
[Experiment("boston-torch", Description = "Boston Housing (Pires et al.) on the libtorch engine, declared with attributes: boston-attr over 6 alphas.")]
[Dataset(
    "../data/boston/housing.data",
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
[Sweep("alpha", From = 0.0, To = 4.9, Count = 6)]
[Seeds(42)]
[Baseline("y", Epochs = 250)]
[Optimizer(OptimizerKind.Adam, LearningRate = 0.001, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1.0e-7)]
[Training(BatchSize = 32, Epochs = 150, Regime = RegimeKind.WarmStartBlocks, BlockSize = 5, KeepOptimizerState = false, Engine = TrainingEngine.Torch)]
[EarlyStopping("y", Patience = 10, MinDelta = 1.0e-4, RestoreBest = false)]
[Evaluation("y", Disparity = ErrorMetric.Mse, Error = ErrorMetric.Mse)]
public partial class BostonTorch
{
    static double Loss(double alpha, double y, double z) => alpha * y + (5 - alpha) * z;
}
