using FairMtl.Diagnostics;

namespace FairMtl.Spec.Yaml;

/// <summary>Reads <c>training</c>: optimiser, batches, epochs, regime, early stopping and engine.</summary>
internal static class TrainingSectionReader
{
    /// <summary>The keys of <c>training</c> in a sweep experiment.</summary>
    internal static readonly string[] Keys = ["optimizer", "batch_size", "epochs", "regime", "early_stopping", "engine"];

    public static TrainingSpec Read(YamlMappingReader training, IReadOnlyList<HeadSpec> heads, string evaluationHead, double validation)
    {
        var optimizer = ReadOptimizer(training.Mapping("optimizer", OptimizerKeys));
        var batchSize = training.Int("batch_size", 32, "an integer > 0", v => v > 0);
        var epochs = training.Require("epochs").AsInt("an integer > 0", v => v > 0);
        var regime = ReadRegime(training.Mapping("regime", "kind", "block_size", "keep_optimizer_state"));
        var earlyStoppingNode = training.Get("early_stopping");
        EarlyStoppingSpec? earlyStopping = null;
        if (earlyStoppingNode is not null)
        {
            var mapping = earlyStoppingNode.AsMapping(
                "a mapping with keys monitor, patience, min_delta, restore_best", "monitor", "patience", "min_delta", "restore_best");
            earlyStopping = ReadEarlyStopping(mapping, heads, evaluationHead);
            if (!(validation > 0d))
            {
                throw earlyStoppingNode.Error(
                    DiagnosticCodes.UnknownReference,
                    "'training.early_stopping' watches a validation loss, but there is no validation split; set 'data.split.validation' > 0");
            }
        }

        return new TrainingSpec(optimizer, batchSize, epochs, regime, earlyStopping, ReadEngine(training));
    }

    /// <summary><c>training.engine</c>: native (the default) or torch. Whether this process can train with it is the
    /// host's question (<c>TrainingEngines.IsAvailable</c>), not the reader's: the spec is valid either way.</summary>
    internal static TrainingEngine ReadEngine(YamlMappingReader training) =>
        training.Enum("engine", TrainingEngine.Native, YamlEnumValues.Engines);

    /// <summary>The keys of <c>training.optimizer</c>.</summary>
    internal static readonly string[] OptimizerKeys = ["name", "lr", "beta1", "beta2", "epsilon", "momentum", "initial_accumulator"];

    internal static OptimizerSpec ReadOptimizer(YamlMappingReader? optimizer)
    {
        if (optimizer is null)
        {
            return new OptimizerSpec(OptimizerKind.Adam, 0.001, 0.9, 0.999, 1e-7, 0d);
        }

        var kind = optimizer.Enum("name", OptimizerKind.Adam, YamlEnumValues.Optimizers);
        var adagrad = kind == OptimizerKind.Adagrad;
        if (!adagrad && optimizer.Get("initial_accumulator") is { } misplaced)
        {
            throw misplaced.Error(DiagnosticCodes.UnknownReference, "'training.optimizer.initial_accumulator' only applies to 'name: adagrad'");
        }

        var spec = new OptimizerSpec(
            kind,
            optimizer.Number("lr", 0.001, "a number > 0", v => v > 0d),
            optimizer.Number("beta1", 0.9, "a number in [0, 1)", v => v >= 0d && v < 1d),
            optimizer.Number("beta2", 0.999, "a number in [0, 1)", v => v >= 0d && v < 1d),
            adagrad ? optimizer.Number("epsilon", 0d, "a number >= 0", v => v >= 0d) : optimizer.Number("epsilon", 1e-7, "a number > 0", v => v > 0d),
            optimizer.Number("momentum", 0d, "a number in [0, 1)", v => v >= 0d && v < 1d),
            optimizer.Number("initial_accumulator", OptimizerSpec.DefaultInitialAccumulator, "a number >= 0", v => v >= 0d));
        if (adagrad && spec.Epsilon == 0d && spec.InitialAccumulator == 0d)
        {
            throw optimizer.Get("initial_accumulator")!.Error(
                DiagnosticCodes.InvalidValue,
                "'training.optimizer.initial_accumulator' is 0 and 'epsilon' is 0: Adagrad would divide by zero for a weight whose gradients are all 0; give either a value > 0 (TensorFlow: initial_accumulator 0.1; PyTorch: 0 and epsilon 1e-10)");
        }

        return spec;
    }

    private static RegimeSpec ReadRegime(YamlMappingReader? regime)
    {
        if (regime is null)
        {
            return new RegimeSpec(RegimeKind.Independent, 1, false);
        }

        var kind = regime.Enum("kind", RegimeKind.Independent, YamlEnumValues.Regimes);
        var blockSize = regime.Int("block_size", 1, "an integer > 0", v => v > 0);
        var keepState = regime.Bool("keep_optimizer_state", false);
        if (kind == RegimeKind.Independent && (blockSize != 1 || keepState))
        {
            var key = blockSize != 1 ? "block_size" : "keep_optimizer_state";
            throw regime.Get(key)!.Error(
                DiagnosticCodes.UnknownReference, $"'training.regime.{key}' only applies to 'kind: warm-start-blocks'");
        }

        return new RegimeSpec(kind, blockSize, keepState);
    }

    private static EarlyStoppingSpec ReadEarlyStopping(YamlMappingReader earlyStopping, IReadOnlyList<HeadSpec> heads, string evaluationHead)
    {
        var monitorNode = earlyStopping.Get("monitor");
        var monitor = monitorNode is null ? evaluationHead : HeadReferences.Resolve(monitorNode, heads).Name;
        return new EarlyStoppingSpec(
            monitor,
            earlyStopping.Int("patience", 10, "an integer > 0", v => v > 0),
            earlyStopping.Number("min_delta", 0d, "a number >= 0", v => v >= 0d),
            earlyStopping.Bool("restore_best", false));
    }
}
