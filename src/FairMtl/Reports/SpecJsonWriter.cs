using System.Text.Json;
using FairMtl.Spec;

namespace FairMtl.Reports;

/// <summary>
/// Writes the resolved spec into summary.json: snake_case keys in declaration order, enum values in their YAML
/// spelling. Hand-written because System.Text.Json's metadata set-up (reflection or source-generated) took a tenth
/// of a second per run, as long as a whole Boston sweep's evaluation; a test keeps it equal to the serialiser's
/// output, so a new spec field cannot be forgotten.
/// </summary>
public static class SpecJsonWriter
{
    public static void Write(Utf8JsonWriter json, ExperimentSpec spec)
    {
        json.WriteStartObject();
        json.WriteString("name", spec.Name);
        json.WriteString("description", spec.Description);
        WriteData(json, spec.Data);
        json.WriteStartObject("model");
        Numbers(json, "trunk", spec.Model.Trunk);
        json.WriteString("activation", Enum(spec.Model.Activation));
        json.WriteNumber("dropout", spec.Model.Dropout);
        json.WriteBoolean("batch_norm", spec.Model.BatchNorm);
        json.WriteString("init", Enum(spec.Model.Init));
        json.WriteEndObject();
        json.WriteStartArray("heads");
        foreach (var head in spec.Heads)
        {
            json.WriteStartObject();
            json.WriteString("name", head.Name);
            json.WriteString("column", head.Column);
            json.WriteString("task", Enum(head.Task));
            json.WriteBoolean("standardize", head.Standardize);
            Numbers(json, "hidden", head.Hidden);
            SummaryJson.WriteStrings(json, "positive", head.Positive);
            if (head.Above is { } above)
            {
                json.WriteNumber("above", above);
            }
            else
            {
                json.WriteNull("above");
            }

            if (head.Classes != 0)
            {
                json.WriteNumber("classes", head.Classes);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("loss", spec.Loss);
        WriteSweep(json, spec.Sweep);
        json.WriteStartObject("baseline");
        json.WriteBoolean("enabled", spec.Baseline.Enabled);
        SummaryJson.WriteStrings(json, "heads", spec.Baseline.Heads);
        json.WriteNumber("epochs", spec.Baseline.Epochs);
        json.WriteEndObject();
        WriteTraining(json, spec.Training);
        json.WriteStartObject("evaluation");
        json.WriteString("head", spec.Evaluation.Head);
        json.WriteStartObject("pareto");
        json.WriteString("disparity", Enum(spec.Evaluation.Pareto.Disparity));
        json.WriteString("error", Enum(spec.Evaluation.Pareto.Error));
        json.WriteEndObject();
        json.WriteNumber("significance", spec.Evaluation.Significance);
        Numbers(json, "hypervolume_reference", spec.Evaluation.HypervolumeReference);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>An enum value in kebab case, as the YAML spells it (<c>WarmStartBlocks</c> -> <c>warm-start-blocks</c>).</summary>
    public static string Enum<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    private static void WriteData(Utf8JsonWriter json, DataSpec data)
    {
        json.WriteStartObject("data");
        json.WriteString("file", data.File);
        json.WriteString("format", Enum(data.Format));
        json.WriteString("delimiter", data.Delimiter.ToString());
        json.WriteBoolean("header", data.Header);
        SummaryJson.WriteStrings(json, "columns", data.Columns);
        json.WriteStartObject("features");
        SummaryJson.WriteStrings(json, "include", data.Features.Include);
        SummaryJson.WriteStrings(json, "exclude", data.Features.Exclude);
        json.WriteEndObject();
        json.WriteBoolean("standardize", data.Standardize);
        json.WriteStartObject("split");
        json.WriteNumber("test", data.Split.Test);
        json.WriteNumber("validation", data.Split.Validation);
        json.WriteNumber("seed", data.Split.Seed);
        json.WriteString("statistics", Enum(data.Split.Statistics));
        json.WriteEndObject();
        json.WriteStartObject("groups");
        json.WriteString("column", data.Groups.Column);
        json.WriteString("rule", Enum(data.Groups.Rule));
        json.WriteNumber("threshold", data.Groups.Threshold);
        SummaryJson.WriteStrings(json, "labels", data.Groups.Labels);
        SummaryJson.WriteStrings(json, "privileged", data.Groups.Privileged);
        json.WriteNumber("low", data.Groups.Low);
        json.WriteNumber("high", data.Groups.High);
        SummaryJson.WriteStrings(json, "unknown", data.Groups.Unknown);
        json.WriteEndObject();
        json.WriteNumber("skip_lines", data.SkipLines);
        WriteObjects(json, "append", data.Append, (file, json) =>
        {
            json.WriteString("file", file.File);
            json.WriteNumber("skip_lines", file.SkipLines);
        });
        SummaryJson.WriteStrings(json, "missing", data.Missing);
        WriteObjects(json, "filters", data.Filters, (filter, json) =>
        {
            json.WriteString("column", filter.Column);
            json.WriteString("operator", Enum(filter.Operator));
            json.WriteString("value", filter.Value);
        });
        SummaryJson.WriteStrings(json, "categorical", data.Categorical);
        if (data.Embeddings.Count > 0)
        {
            // Only when declared: the spec of an experiment without embeddings (and its units' identities) is unchanged.
            WriteObjects(json, "embeddings", data.Embeddings, (embedding, json) =>
            {
                json.WriteString("column", embedding.Column);
                json.WriteNumber("width", embedding.Width);
            });
        }

        json.WriteEndObject();
    }

    /// <summary>An array <paramref name="name"/> of one object per item, its properties written by <paramref name="write"/>.</summary>
    private static void WriteObjects<T>(Utf8JsonWriter json, string name, EquatableArray<T> items, Action<T, Utf8JsonWriter> write)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            write(item, json);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteSweep(Utf8JsonWriter json, SweepSpec sweep)
    {
        json.WriteStartObject("sweep");
        json.WriteStartArray("variables");
        foreach (var variable in sweep.Variables)
        {
            json.WriteStartObject();
            json.WriteString("name", variable.Name);
            Numbers(json, "values", variable.Values);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        Numbers(json, "seeds", sweep.Seeds);
        json.WriteBoolean("split_per_seed", sweep.SplitPerSeed);
        if (sweep.Conditional is { } conditional)
        {
            json.WriteStartObject("conditional");
            json.WriteString("sampling", Enum(conditional.Sampling));
            json.WriteString("distribution", Enum(conditional.Distribution));
            json.WriteBoolean("film", conditional.Film);
            json.WriteNumber("epochs", conditional.Epochs);
            json.WriteNumber("grid", conditional.Grid);
            json.WriteEndObject();
        }

        json.WriteNumber("point_count", sweep.PointCount);
        json.WriteEndObject();
    }

    private static void WriteTraining(Utf8JsonWriter json, TrainingSpec training)
    {
        json.WriteStartObject("training");
        var optimizer = training.Optimizer;
        json.WriteStartObject("optimizer");
        json.WriteString("kind", Enum(optimizer.Kind));
        json.WriteNumber("learning_rate", optimizer.LearningRate);
        json.WriteNumber("beta1", optimizer.Beta1);
        json.WriteNumber("beta2", optimizer.Beta2);
        json.WriteNumber("epsilon", optimizer.Epsilon);
        json.WriteNumber("momentum", optimizer.Momentum);
        json.WriteNumber("initial_accumulator", optimizer.InitialAccumulator);
        json.WriteEndObject();
        json.WriteNumber("batch_size", training.BatchSize);
        json.WriteNumber("epochs", training.Epochs);
        json.WriteStartObject("regime");
        json.WriteString("kind", Enum(training.Regime.Kind));
        json.WriteNumber("block_size", training.Regime.BlockSize);
        json.WriteBoolean("keep_optimizer_state", training.Regime.KeepOptimizerState);
        json.WriteEndObject();
        if (training.EarlyStopping is { } earlyStopping)
        {
            json.WriteStartObject("early_stopping");
            json.WriteString("monitor", earlyStopping.Monitor);
            json.WriteNumber("patience", earlyStopping.Patience);
            json.WriteNumber("min_delta", earlyStopping.MinDelta);
            json.WriteBoolean("restore_best", earlyStopping.RestoreBest);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("early_stopping");
        }

        if (training.Engine != TrainingEngine.Native)
        {
            json.WriteString("engine", Enum(training.Engine));
        }

        json.WriteEndObject();
    }

    private static void Numbers<T>(Utf8JsonWriter json, string name, EquatableArray<T> values)
        where T : struct, System.Numerics.INumber<T>
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(double.CreateChecked(value));
        }

        json.WriteEndArray();
    }
}
