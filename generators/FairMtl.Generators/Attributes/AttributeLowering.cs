using FairMtl.Generators.Model;
using FairMtl.Spec.Yaml;

namespace FairMtl.Generators.Attributes;

/// <summary>
/// Writes the experiment YAML the attributes stand for (<c>docs/experiment-format.md</c>): one key per written
/// argument, nothing for an argument left out, so that the YAML reader applies its defaults and its validation.
/// </summary>
internal sealed class AttributeLowering
{
    private readonly DeclaredAttributes _attributes;
    private readonly SynthesizedYaml _yaml = new();

    private AttributeLowering(DeclaredAttributes attributes) => _attributes = attributes;

    /// <summary>The YAML and, in <paramref name="lossLine"/>, the 1-based line of <c>loss</c>.</summary>
    /// <remarks>[Experiment], [Dataset], [Groups], [Training] and at least one [Head] must be present.</remarks>
    public static SynthesizedYaml Lower(DeclaredAttributes attributes, string loss, TranslatedLoss origin, DiagnosticLocation classLocation, out int lossLine)
    {
        var lowering = new AttributeLowering(attributes);
        var yaml = lowering._yaml;
        yaml.Root(classLocation);
        var experiment = attributes.Find(AttributeNames.Experiment)!;
        lowering.Value(0, "name", experiment, "name");
        lowering.Value(0, "description", experiment, "Description");
        lowering.Data();
        lowering.Model();
        lowering.Heads();
        yaml.Scalar(0, "loss", loss, origin.Declaration, origin.Expression);
        lossLine = yaml.LastLine;
        lowering.Sweep();
        lowering.Baseline();
        lowering.Training();
        lowering.Evaluation();
        return yaml;
    }

    /// <summary>The comparison-experiment YAML (<c>docs/comparison-experiments.md</c>, <c>docs/fairmt.md</c>) of a class
    /// with [Method] attributes.</summary>
    /// <remarks>[Experiment], [Dataset], [Training], at least one [Task], [Sensitive] and [Method] must be present.</remarks>
    public static SynthesizedYaml LowerComparison(DeclaredAttributes attributes, DiagnosticLocation classLocation)
    {
        var lowering = new AttributeLowering(attributes);
        lowering._yaml.Root(classLocation);
        var experiment = attributes.Find(AttributeNames.Experiment)!;
        lowering.Value(0, "name", experiment, "name");
        lowering.Value(0, "description", experiment, "Description");
        lowering.Data();
        lowering.Model();
        lowering.Tasks();
        lowering.Sensitive();
        lowering.Constraint();
        lowering.Methods();
        lowering.Front();
        lowering.ConstraintSweep();
        lowering.MultiTaskSweep();
        lowering.Protocol();
        lowering.Training();
        return lowering._yaml;
    }

    private void Data()
    {
        var dataset = _attributes.Find(AttributeNames.Dataset)!;
        var data = _yaml.Mapping(0, "data", dataset.Location, dataset.Location);
        Value(1, "file", dataset, "file");
        Enum(1, "format", dataset, "Format", YamlEnumValues.DataFormats);
        Value(1, "delimiter", dataset, "Delimiter");
        Value(1, "header", dataset, "Header");
        List(1, "columns", dataset, "Columns");
        var features = dataset.InSourceOrder("Include", "Exclude").ToArray();
        if (features.Length > 0)
        {
            var mapping = _yaml.Mapping(1, "features", features[0].Argument.Location, features[0].Argument.Location);
            foreach (var (name, _) in features)
            {
                List(2, name.ToLowerInvariant(), dataset, name);
            }

            _yaml.Close(mapping);
        }

        Value(1, "standardize", dataset, "Standardize");
        Value(1, "skip_lines", dataset, "SkipLines");
        List(1, "append", dataset, "Append");
        List(1, "missing", dataset, "Missing");
        List(1, "filter", dataset, "Filter");
        List(1, "categorical", dataset, "Categorical");
        Value(1, "embeddings", dataset, "Embeddings");
        if (_attributes.Find(AttributeNames.Split) is { } split)
        {
            var mapping = _yaml.Mapping(1, "split", split.Location, split.Location);
            Value(2, "test", split, "Test");
            Value(2, "validation", split, "Validation");
            Value(2, "seed", split, "Seed");
            Enum(2, "statistics", split, "Statistics", YamlEnumValues.StatisticsRows);
            _yaml.Close(mapping);
        }

        if (_attributes.Find(AttributeNames.Groups) is { } groups)
        {
            var groupsMapping = _yaml.Mapping(1, "groups", groups.Location, groups.Location);
            Value(2, "column", groups, "column");
            Enum(2, "rule", groups, "rule", YamlEnumValues.GroupRules);
            Value(2, "threshold", groups, "Threshold");
            List(2, "labels", groups, "Labels");
            List(2, "privileged", groups, "Privileged");
            List(2, "range", groups, "Range");
            List(2, "unknown", groups, "Unknown");
            _yaml.Close(groupsMapping);
        }

        _yaml.Close(data);
    }

    private void Model() =>
        OptionalSection("model", AttributeNames.Trunk, trunk =>
        {
            List(1, "trunk", trunk, "widths");
            Enum(1, "activation", trunk, "Activation", YamlEnumValues.Activations);
            Value(1, "dropout", trunk, "Dropout");
            Value(1, "batch_norm", trunk, "BatchNorm");
            Enum(1, "init", trunk, "Init", YamlEnumValues.Initializers);
            List(1, "head_hidden", trunk, "HeadHidden");
        });

    /// <summary>A top-level mapping from the single attribute <paramref name="attributeName"/>, filled by
    /// <paramref name="section"/> at depth 1; nothing when the attribute is absent.</summary>
    private void OptionalSection(string key, string attributeName, Action<DeclaredAttribute> section)
    {
        if (_attributes.Find(attributeName) is not { } attribute)
        {
            return;
        }

        var mapping = _yaml.Mapping(0, key, attribute.Location, attribute.Location);
        section(attribute);
        _yaml.Close(mapping);
    }

    private void Tasks() =>
        NamedEntries("tasks", AttributeNames.Task, task =>
        {
            Enum(2, "type", task, "Type", TaskSectionReader.Types);
            if (task.Get("Columns") is null)
            {
                Value(2, "column", task, "column");
            }

            List(2, "columns", task, "Columns");
            List(2, "positive", task, "Positive");
            Value(2, "above", task, "Above");
            if (task.Get("PriorThreshold") is { Value.Value: true } prior)
            {
                _yaml.Scalar(2, "threshold", "prior", prior.Location, prior.Location);
            }
            else
            {
                Value(2, "threshold", task, "Threshold");
            }

            List(2, "classes", task, "Classes");
            Enum(2, "loss", task, "Loss", TaskSectionReader.Losses);
            Value(2, "standardize", task, "Standardize");
            Value(2, "weight", task, "Weight");
            Harm(task);
            var missing = task.InSourceOrder("MissingRate", "MissingMechanism", "MissingGroup").FirstOrDefault();
            if (missing.Argument is not null)
            {
                var missingMapping = _yaml.Mapping(2, "missing", missing.Argument.Location, missing.Argument.Location);
                Value(3, "rate", task, "MissingRate");
                Enum(3, "mechanism", task, "MissingMechanism", TaskSectionReader.Mechanisms);
                Value(3, "group", task, "MissingGroup");
                _yaml.Close(missingMapping);
            }
        });

    /// <summary>A task's <c>harm</c> mapping, from Harm and the arguments that refine it (written when any is set, so that
    /// a refinement without Harm is reported by the reader).</summary>
    private void Harm(DeclaredAttribute task)
    {
        var first = task.InSourceOrder("Harm", "Tolerance", "Scale", "MeasuredScale", "FavourableNegative").FirstOrDefault();
        if (first.Argument is null)
        {
            return;
        }

        var harm = _yaml.Mapping(2, "harm", first.Argument.Location, first.Argument.Location);
        Enum(3, "kind", task, "Harm", TaskSectionReader.Harms);
        Value(3, "tolerance", task, "Tolerance");
        if (task.Get("MeasuredScale") is { Value.Value: true } measured)
        {
            _yaml.Scalar(3, "scale", "measured", measured.Location, measured.Location);
        }
        else
        {
            Value(3, "scale", task, "Scale");
        }

        if (task.Get("FavourableNegative") is { } favourable)
        {
            _yaml.Scalar(3, "favourable", favourable.Value.Value is true ? "negative" : "positive", favourable.Location, favourable.Location);
        }

        _yaml.Close(harm);
    }

    private void Sensitive() =>
        NamedEntries("sensitive", AttributeNames.Sensitive, attribute =>
        {
            Value(2, "column", attribute, "column");
            Enum(2, "rule", attribute, "Rule", YamlEnumValues.GroupRules);
            List(2, "labels", attribute, "Labels");
            List(2, "privileged", attribute, "Privileged");
            List(2, "range", attribute, "Range");
            List(2, "unknown", attribute, "Unknown");
        });

    private void Constraint() =>
        OptionalSection("constraint", AttributeNames.Constraint, constraint =>
        {
            List(1, "attributes", constraint, "Attributes");
            Enum(1, "reference", constraint, "Reference", FairMtSectionReader.References);
            Enum(1, "aggregate", constraint, "Aggregate", FairMtSectionReader.Aggregations);
            Value(1, "temperature", constraint, "Temperature");
            Value(1, "smoothing", constraint, "Smoothing");
        });

    private void Methods() =>
        NamedEntries("methods", AttributeNames.Method, method =>
        {
            Enum(2, "kind", method, "kind", ComparisonYamlReader.MethodKinds);
            Enum(2, "loss", method, "Loss", ComparisonYamlReader.FairnessLosses);
            Value(2, "lambda", method, "Lambda");
            Value(2, "epsilon", method, "Epsilon");
            Value(2, "weight", method, "Weight");
            Value(2, "attribute", method, "Attribute");
            Value(2, "bandwidth", method, "Bandwidth");
            Enum(2, "condition", method, "Condition", ComparisonYamlReader.Conditions);
            Enum(2, "violation", method, "Violation", ComparisonYamlReader.Violations);
            Value(2, "dual_step", method, "DualStep");
            Value(2, "averaging", method, "Averaging");
            Value(2, "head_aware", method, "HeadAware");
            if (method.Get("MinNorm") is { } minNorm)
            {
                _yaml.Scalar(2, "combine", minNorm.Value.Value is true ? "min-norm" : "sum", minNorm.Location, minNorm.Location);
            }

            Value(2, "ratio", method, "Ratio");
        });

    /// <summary>YAML <c>front</c> from [Front] and [ConditionalFront] (a [ConditionalFront] alone is written too, so that
    /// the reader reports the missing methods and lambdas at it).</summary>
    private void Front()
    {
        var front = _attributes.Find(AttributeNames.Front);
        var conditional = _attributes.Find(AttributeNames.ConditionalFront);
        if ((front ?? conditional) is not { } first)
        {
            return;
        }

        var mapping = _yaml.Mapping(0, "front", first.Location, first.Location);
        if (front is not null)
        {
            List(1, "methods", front, "methods");
            if (front.Get("Values") is not null)
            {
                List(1, "lambda", front, "Values");
            }
            else
            {
                var range = _yaml.Mapping(1, "lambda", front.Location, front.Location);
                Value(2, "from", front, "From");
                Value(2, "to", front, "To");
                Value(2, "count", front, "Count");
                _yaml.Close(range);
            }

            Enum(1, "fairness", front, "Fairness", ComparisonYamlReader.FairnessMetrics);
            Value(1, "attribute", front, "Attribute");
        }

        Conditional(conditional);
        _yaml.Close(mapping);
    }

    private void ConstraintSweep() =>
        OptionalSection("sweep", AttributeNames.ConstraintSweep, sweep =>
        {
            List(1, "lambda", sweep, "Lambdas");
            List(1, "epsilon", sweep, "Epsilons");
            Conditional(_attributes.Find(AttributeNames.ConditionalSweep));
        });

    private void Protocol() =>
        OptionalSection("protocol", AttributeNames.Protocol, protocol =>
        {
            Value(1, "repetitions", protocol, "Repetitions");
            Value(1, "seed", protocol, "Seed");
            Enum(1, "split", protocol, "Split", ComparisonYamlReader.SplitKinds);
        });

    private void Heads() =>
        NamedEntries("heads", AttributeNames.Head, head =>
        {
            Value(2, "column", head, "column");
            Enum(2, "task", head, "task", YamlEnumValues.HeadTasks);
            Value(2, "standardize", head, "Standardize");
            List(2, "hidden", head, "Hidden");
            List(2, "positive", head, "Positive");
        });

    /// <summary>A top-level mapping of named entries, one per attribute of <paramref name="attributeName"/> (at least one),
    /// each keyed by its <c>name</c> argument and filled by <paramref name="entry"/> at depth 2.</summary>
    private void NamedEntries(string key, string attributeName, Action<DeclaredAttribute> entry)
    {
        var attributes = _attributes.All(attributeName);
        var mapping = _yaml.Mapping(0, key, attributes[0].Location, attributes[0].Location);
        foreach (var attribute in attributes)
        {
            var name = attribute.Get("name")!;
            var opened = _yaml.Mapping(1, YamlScalarText.Of(name.Value), name.Location, attribute.Location);
            entry(attribute);
            _yaml.Close(opened);
        }

        _yaml.Close(mapping);
    }

    private void Sweep()
    {
        // A variable named 'seeds' is reported by DeclarationChecks; written here, it would also be a duplicate key.
        var variables = _attributes.All(AttributeNames.Sweep).Where(variable => variable.Get("name")!.Value.Value is not "seeds").ToArray();
        var seeds = _attributes.Find(AttributeNames.Seeds);
        var conditional = _attributes.Find(AttributeNames.ConditionalSweep);
        var first = variables.FirstOrDefault() ?? seeds ?? conditional;
        if (first is null)
        {
            return;
        }

        var sweep = _yaml.Mapping(0, "sweep", first.Location, first.Location);
        foreach (var variable in variables)
        {
            var name = variable.Get("name")!;
            var key = YamlScalarText.Of(name.Value);
            if (variable.Get("Values") is { } values)
            {
                _yaml.Sequence(1, key, values.Items.Select(YamlScalarText.Of).ToArray(), name.Location, values.Location, values.ElementLocation);
                continue;
            }

            var range = _yaml.Mapping(1, key, name.Location, variable.Location);
            Value(2, "from", variable, "From");
            Value(2, "to", variable, "To");
            Value(2, "count", variable, "Count");
            _yaml.Close(range);
        }

        if (seeds is not null)
        {
            if (seeds.Get("seeds") is { } list)
            {
                _yaml.Sequence(1, "seeds", list.Items.Select(YamlScalarText.Of).ToArray(), seeds.Location, list.Location, list.ElementLocation);
            }
            else if (seeds.Get("Count") is { } count)
            {
                _yaml.Scalar(1, "seeds", YamlScalarText.Of(count.Value), seeds.Location, count.Location);
            }

            if (seeds.Get("SplitPerSeed") is { } perSeed)
            {
                _yaml.Scalar(1, "split", perSeed.Value.Value is true ? "per-seed" : "fixed", seeds.Location, perSeed.Location);
            }
        }

        Conditional(conditional);
        _yaml.Close(sweep);
    }

    /// <summary>YAML <c>sweep.conditional</c> or <c>front.conditional</c> from [ConditionalSweep] or [ConditionalFront]
    /// (the properties that are set), if declared.</summary>
    private void Conditional(DeclaredAttribute? conditional)
    {
        if (conditional is null)
        {
            return;
        }

        var mapping = _yaml.Mapping(1, "conditional", conditional.Location, conditional.Location);
        Enum(2, "sampling", conditional, "Sampling", YamlEnumValues.ConditionalSamplings);
        Enum(2, "distribution", conditional, "Distribution", YamlEnumValues.ConditionalDistributions);
        Value(2, "film", conditional, "Film");
        Value(2, "epochs", conditional, "Epochs");
        Value(2, "grid", conditional, "Grid");
        _yaml.Close(mapping);
    }

    /// <summary>A multi-task comparison's YAML <c>sweep</c> from [MultiTaskSweep] and [ConditionalSweep] (a
    /// [ConditionalSweep] alone is written too, so that the reader reports what is missing at it; beside a
    /// [ConstraintSweep] it is left to that sweep's reader).</summary>
    private void MultiTaskSweep()
    {
        var settings = _attributes.Find(AttributeNames.MultiTaskSweep);
        var conditional = _attributes.Find(AttributeNames.ConditionalSweep);
        if ((settings ?? conditional) is not { } first || (settings is null && _attributes.Find(AttributeNames.ConstraintSweep) is not null))
        {
            return;
        }

        var sweep = _yaml.Mapping(0, "sweep", first.Location, first.Location);
        if (settings is not null)
        {
            Enum(1, "kind", settings, "Kind", ComparisonYamlReader.SweepKinds);
            Value(1, "runs", settings, "runs");
            Value(1, "seed", settings, "Seed");
            List(1, "weight", settings, "Weight");
            List(1, "lambda", settings, "Lambda");
            List(1, "ratio", settings, "Ratio");
        }

        Conditional(conditional);
        _yaml.Close(sweep);
    }

    private void Baseline() =>
        OptionalSection("baseline", AttributeNames.Baseline, baseline =>
        {
            List(1, "heads", baseline, "heads");
            Value(1, "epochs", baseline, "Epochs");
            Value(1, "enabled", baseline, "Enabled");
        });

    private void Training()
    {
        var training = _attributes.Find(AttributeNames.Training)!;
        var mapping = _yaml.Mapping(0, "training", training.Location, training.Location);
        if (_attributes.Find(AttributeNames.Optimizer) is { } optimizer)
        {
            var optimizerMapping = _yaml.Mapping(1, "optimizer", optimizer.Location, optimizer.Location);
            Enum(2, "name", optimizer, "kind", YamlEnumValues.Optimizers);
            Value(2, "lr", optimizer, "LearningRate");
            Value(2, "beta1", optimizer, "Beta1");
            Value(2, "beta2", optimizer, "Beta2");
            Value(2, "epsilon", optimizer, "Epsilon");
            Value(2, "momentum", optimizer, "Momentum");
            Value(2, "initial_accumulator", optimizer, "InitialAccumulator");
            _yaml.Close(optimizerMapping);
        }

        Value(1, "batch_size", training, "BatchSize");
        Value(1, "epochs", training, "Epochs");
        Enum(1, "selection", training, "Selection", ComparisonYamlReader.Selections);
        Enum(1, "engine", training, "Engine", YamlEnumValues.Engines);
        var regime = training.InSourceOrder("Regime", "BlockSize", "KeepOptimizerState").FirstOrDefault();
        if (regime.Argument is not null)
        {
            var regimeMapping = _yaml.Mapping(1, "regime", regime.Argument.Location, regime.Argument.Location);
            Enum(2, "kind", training, "Regime", YamlEnumValues.Regimes);
            Value(2, "block_size", training, "BlockSize");
            Value(2, "keep_optimizer_state", training, "KeepOptimizerState");
            _yaml.Close(regimeMapping);
        }

        if (_attributes.Find(AttributeNames.EarlyStopping) is { } earlyStopping)
        {
            var earlyStoppingMapping = _yaml.Mapping(1, "early_stopping", earlyStopping.Location, earlyStopping.Location);
            Value(2, "monitor", earlyStopping, "monitor");
            Value(2, "patience", earlyStopping, "Patience");
            Value(2, "min_delta", earlyStopping, "MinDelta");
            Value(2, "restore_best", earlyStopping, "RestoreBest");
            _yaml.Close(earlyStoppingMapping);
        }

        _yaml.Close(mapping);
    }

    private void Evaluation() =>
        OptionalSection("evaluation", AttributeNames.Evaluation, evaluation =>
        {
            Value(1, "head", evaluation, "head");
            if (evaluation.InSourceOrder("Disparity", "Error").Any())
            {
                var pareto = _yaml.Mapping(1, "pareto", evaluation.Location, evaluation.Location);
                Enum(2, "disparity", evaluation, "Disparity", YamlEnumValues.ErrorMetrics);
                Enum(2, "error", evaluation, "Error", YamlEnumValues.ErrorMetrics);
                _yaml.Close(pareto);
            }

            Value(1, "significance", evaluation, "Significance");
            List(1, "hypervolume_reference", evaluation, "HypervolumeReference");
        });

    private void Value(int depth, string key, DeclaredAttribute attribute, string argumentName)
    {
        if (attribute.Get(argumentName) is { } argument)
        {
            _yaml.Scalar(depth, key, YamlScalarText.Of(argument.Value), argument.Location, argument.Location);
        }
    }

    private void Enum<T>(int depth, string key, DeclaredAttribute attribute, string argumentName, IReadOnlyList<(string Name, T Value)> names)
        where T : struct, System.Enum
    {
        if (attribute.Get(argumentName) is { } argument)
        {
            _yaml.Scalar(depth, key, YamlScalarText.Of(argument.Value, names), argument.Location, argument.Location);
        }
    }

    private void List(int depth, string key, DeclaredAttribute attribute, string argumentName)
    {
        if (attribute.Get(argumentName) is { } argument)
        {
            _yaml.Sequence(depth, key, argument.Items.Select(YamlScalarText.Of).ToArray(), argument.Location, argument.Location, argument.ElementLocation);
        }
    }
}
