using FairMtl.Diagnostics;

namespace FairMtl.Spec.Yaml;

/// <summary>
/// The YAML front end: reads an experiment file (schema: <c>docs/experiment-format.md</c>), applies the defaults,
/// validates it and lowers it to an <see cref="ExperimentSpec"/>. Every mistake is a <see cref="FairMtlException"/>
/// located at the offending value; every declared value's location is kept in the <see cref="SpecSourceMap"/>.
/// </summary>
public static partial class ExperimentYamlReader
{
    private static readonly string[] TopLevelKeys =
        ["name", "description", "data", "model", "heads", "loss", "sweep", "baseline", "training", "evaluation"];

    /// <summary>Validates experiment YAML held in memory.</summary>
    /// <param name="yamlText">The file's contents.</param>
    /// <param name="displayPath">The name error messages and the source map use for the file.</param>
    /// <param name="baseDirectory">The folder relative paths in the spec are resolved against.</param>
    /// <exception cref="FairMtlException">The text is not a valid experiment.</exception>
    public static LoadedExperiment Parse(string yamlText, string displayPath, string baseDirectory) =>
        Parse(yamlText, displayPath, baseDirectory, collectionTags: false);

    /// <summary>
    /// Validates experiment YAML; <paramref name="collectionTags"/> lets <c>!!map</c> and <c>!!seq</c> mark mappings and
    /// lists, as the YAML the source generator writes from attributes does to place each section's start on its key's
    /// line. User files never get this: any tag in them is FMTL001.
    /// </summary>
    internal static LoadedExperiment Parse(string yamlText, string displayPath, string baseDirectory, bool collectionTags)
    {
        if (yamlText is null || displayPath is null || baseDirectory is null)
        {
            throw new ArgumentNullException(yamlText is null ? nameof(yamlText) : displayPath is null ? nameof(displayPath) : nameof(baseDirectory));
        }

        var context = new YamlReadContext(displayPath, collectionTags);
        var rootNode = YamlDocumentLoader.Load(yamlText, context);
        context.RecordLocations(rootNode, string.Empty);
        var root = new YamlNodeReader(context, rootNode, string.Empty)
            .AsMapping("a mapping with at least name, data, heads, loss and training", TopLevelKeys);

        var nameNode = root.Require("name");
        var name = nameNode.AsName("a name of letters, digits, '-' and '_'");
        if (!name.All(c => Identifiers.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
        {
            throw nameNode.Invalid("a name of letters, digits, '-' and '_'");
        }

        var description = root.String("description", string.Empty);
        var dataMapping = root.RequireMapping(
            "data",
            "file",
            "skip_lines",
            "append",
            "format",
            "delimiter",
            "header",
            "columns",
            "missing",
            "filter",
            "categorical",
            "embeddings",
            "features",
            "standardize",
            "split",
            "groups");
        var data = DataSectionReader.Read(dataMapping);
        var model = ModelSectionReader.Read(root.Mapping("model", "trunk", "activation", "dropout", "batch_norm", "init"));

        var headsNode = root.Require("heads");
        var headEntries = HeadsSectionReader.Read(headsNode);
        var heads = headEntries.Select(entry => entry.Head).ToArray();
        var headNames = heads.Select(head => head.Name).ToArray();
        DataSectionReader.CheckStatistics(dataMapping, data, data.Standardize || heads.Any(head => head.Standardize && head.Task == HeadTask.Regression));

        var (sweep, variableKeys) = SweepSectionReader.Read(root.Get("sweep"));
        foreach (var key in variableKeys)
        {
            if (headNames.Contains(key.Value))
            {
                throw context.Error(
                    DiagnosticCodes.UnknownReference, key, $"sweep variable '{key.Value}' has the name of a head; the loss expression could not tell them apart");
            }
        }

        var variableNames = sweep.Variables.Select(variable => variable.Name).ToArray();
        var loss = LossReader.Read(root.Require("loss"), headNames, variableNames);

        var evaluation = EvaluationSectionReader.Read(root.Mapping("evaluation", "head", "pareto", "significance", "hypervolume_reference"), heads, headsNode);
        var training = TrainingSectionReader.Read(
            root.RequireMapping("training", TrainingSectionReader.Keys),
            heads,
            evaluation.Head,
            data.Split.Validation);
        sweep = ResolveConditional(sweep, training, loss, headNames, context);
        var baseline = BaselineSectionReader.Read(root.Mapping("baseline", "heads", "epochs", "enabled"), heads, evaluation.Head, training.Epochs);
        if (baseline.Enabled && training.EarlyStopping is { } earlyStopping && !baseline.Heads.Contains(earlyStopping.Monitor))
        {
            throw new FairMtlException(
                DiagnosticCodes.UnknownReference,
                context.Source.Locate("training.early_stopping.monitor"),
                $"early stopping monitors head '{earlyStopping.Monitor}', which the baseline does not have (baseline heads: "
                + $"{string.Join(", ", baseline.Heads)}); monitor one of them or add '{earlyStopping.Monitor}' to baseline.heads");
        }

        var spec = new ExperimentSpec(name, description, data, model, heads, loss, sweep, baseline, training, evaluation);
        return new LoadedExperiment(spec, context.Source, baseDirectory);
    }

    /// <summary>A conditional sweep's epochs (default <c>training.epochs</c>), and the training settings it cannot
    /// follow: warm-start blocks (there is one model) and the torch engine (the conditioned layers are the native
    /// engine's). Early stopping applies to the baseline only: a validation loss holds for one weighting, so the
    /// conditional model trains all its epochs.</summary>
    private static SweepSpec ResolveConditional(SweepSpec sweep, TrainingSpec training, string loss, IReadOnlyList<string> headNames, YamlReadContext context)
    {
        if (sweep.Conditional is not { } conditional)
        {
            return sweep;
        }

        if (conditional.Sampling == ConditionalSampling.PerRow)
        {
            var expression = Objectives.Weighting.WeightingExpression.Parse(loss);
            foreach (var head in headNames)
            {
                var derivative = expression.Derivative(head);
                if (derivative.Names.FirstOrDefault(headNames.Contains) is { } other)
                {
                    throw new FairMtlException(
                        DiagnosticCodes.InvalidValue,
                        context.Source.Locate("sweep.conditional"),
                        $"'sweep.conditional.sampling' is per-row, which weights each row's losses by its own draw and so needs a loss "
                        + $"linear in the head losses, but d(loss)/d({head}) = {derivative} depends on '{other}'; use 'sampling: per-batch'");
                }
            }
        }

        var location = context.Source.Locate("sweep.conditional");
        string? conflict = training.Regime.Kind == RegimeKind.WarmStartBlocks
            ? "'training.regime' is warm-start-blocks, but a conditional sweep trains one model per seed; use 'kind: independent'"
            : training.Engine != TrainingEngine.Native
                ? "'training.engine' is torch, but the conditioned layers (FiLM, per-row loss weights) are the native engine's; use 'engine: native'"
                : null;
        if (conflict is not null)
        {
            throw new FairMtlException(DiagnosticCodes.InvalidValue, location, $"'sweep.conditional' cannot be used here: {conflict}");
        }

        return conditional.Epochs > 0 ? sweep : sweep with { Conditional = conditional with { Epochs = training.Epochs } };
    }
}
