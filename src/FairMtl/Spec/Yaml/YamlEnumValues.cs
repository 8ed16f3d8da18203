namespace FairMtl.Spec.Yaml;

/// <summary>The spelling of every enumeration value in experiment files (canonical: lower case, '-' between words).</summary>
internal static class YamlEnumValues
{
    public static readonly (string Name, DataFormat Value)[] DataFormats =
        [("csv", DataFormat.Csv), ("whitespace", DataFormat.Whitespace)];

    public static readonly (string Name, GroupRule Value)[] GroupRules =
        [("binary", GroupRule.Binary), ("median", GroupRule.Median), ("threshold", GroupRule.Threshold), ("privileged", GroupRule.Privileged), ("range", GroupRule.Range), ("categories", GroupRule.Categories)];

    public static readonly (string Name, StatisticsRows Value)[] StatisticsRows =
        [("training", Spec.StatisticsRows.Training), ("training-and-validation", Spec.StatisticsRows.TrainingAndValidation)];

    public static readonly (string Name, Activation Value)[] Activations =
        [("relu", Activation.Relu), ("tanh", Activation.Tanh), ("linear", Activation.Linear)];

    public static readonly (string Name, Initializer Value)[] Initializers =
        [("glorot-uniform", Initializer.GlorotUniform), ("he-uniform", Initializer.HeUniform), ("he-normal", Initializer.HeNormal)];

    public static readonly (string Name, HeadTask Value)[] HeadTasks =
        [("regression", HeadTask.Regression), ("binary", HeadTask.Binary)];

    public static readonly (string Name, OptimizerKind Value)[] Optimizers =
        [("adam", OptimizerKind.Adam), ("sgd", OptimizerKind.Sgd), ("adagrad", OptimizerKind.Adagrad)];

    public static readonly (string Name, RegimeKind Value)[] Regimes =
        [("independent", RegimeKind.Independent), ("warm-start-blocks", RegimeKind.WarmStartBlocks)];

    public static readonly (string Name, TrainingEngine Value)[] Engines =
        [("native", TrainingEngine.Native), ("torch", TrainingEngine.Torch)];

    public static readonly (string Name, ErrorMetric Value)[] ErrorMetrics =
        [("mse", ErrorMetric.Mse), ("rmse", ErrorMetric.Rmse), ("mae", ErrorMetric.Mae)];

    public static readonly (string Name, ConditionalSampling Value)[] ConditionalSamplings =
        [("per-batch", ConditionalSampling.PerBatch), ("per-row", ConditionalSampling.PerRow)];

    public static readonly (string Name, ConditionalDistribution Value)[] ConditionalDistributions =
        [("uniform", ConditionalDistribution.Uniform), ("log-uniform", ConditionalDistribution.LogUniform), ("points", ConditionalDistribution.Points)];
}
