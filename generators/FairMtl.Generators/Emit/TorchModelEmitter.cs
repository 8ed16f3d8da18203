using FairMtl.Generators.Model;
using FairMtl.Objectives.Weighting;
using FairMtl.Spec;

namespace FairMtl.Generators.Emit;

/// <summary>
/// The typed TorchSharp module of an experiment on the torch engine (<c>training.engine: torch</c>), in its own file next
/// to the experiment's class: <c>{Type}TorchModel : FairMtl.Torch.Modules.TorchModel</c> with a typed property per
/// tensor (embedding tables, trunk blocks, each head's hidden blocks and output layer) registered in the native
/// network's parameter order, a straight-line trunk through <c>TorchLayers</c> with the declared activation, batch
/// normalisation and dropout as literals, a method per head, a typed <c>Forward</c> returning every head's outputs, and
/// the loss weighting as tensor operations (<see cref="TorchWeightingEmitter"/>) when it has a tensor form. The widths
/// that depend on the data (the inputs after one-hot expansion, the embedded columns' categories) are read from the
/// native network the module is built for.
/// </summary>
internal static class TorchModelEmitter
{
    /// <summary>The base class of the generated modules: a compilation that has it can compile them.</summary>
    public const string BaseType = "FairMtl.Torch.Modules.TorchModel";

    internal const string Torch = "global::FairMtl.Torch.Modules.";
    internal const string Tensor = "global::TorchSharp.torch.Tensor";
    internal const string Parameter = "global::TorchSharp.Modules.Parameter";
    internal const string Pass = Torch + "TorchPass";
    internal const string Network = "global::FairMtl.Nn.MultiHeadNetwork";
    private const string Layers = Torch + "TorchLayers.";

    // Members of the module and of its base classes, and the outputs record's name: no generated member takes these.
    internal static readonly string[] ModelMembers =
    [
        "Trunk", "Head", "HeadCount", "Weights", "Norms", "Forward", "Combine", "Create", "Outputs", "Register", "RegisterNorm",
        "RegisterTable", "Dispose", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize",
    ];

    // Members every record has: a head's output property cannot take these names.
    internal static readonly string[] RecordMembers =
    [
        "Outputs", "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType",
        "MemberwiseClone", "Finalize", "Clone",
    ];

    /// <summary>The module's source; <paramref name="loss"/> is the experiment's parsed loss expression.</summary>
    public static string Emit(ExperimentModel experiment, WeightingExpression loss)
    {
        var spec = experiment.Spec ?? throw new ArgumentException("only experiments with a valid spec are generated", nameof(experiment));
        var layout = new Layout(spec.Model, spec.Data.Embeddings, spec.Heads, []);
        var tensorForm = TorchWeightingEmitter.TensorForm(spec, loss);
        var type = experiment.Type;
        var name = CSharpNames.TorchModelName(experiment);
        var writer = IndentedWriter.ForType(type);

        writer.Line("/// <summary>");
        writer.Line("/// The torch module of experiment <c>" + Literals.XmlText(spec.Name) + "</c>, generated from its declaration: " + Literals.XmlText(Describe(spec)) + ".");
        writer.Line("/// Its tensors are the native network's parameters, in their order; <see cref=\"Create\"/> builds it for the");
        writer.Line("/// experiment's multi-head network" + (tensorForm is null ? " (its loss has no tensor form: the engine weights the losses)." : ", and it weights the heads' losses as tensor operations."));
        writer.Line("/// </summary>");
        writer.Open($"public sealed class {name} : {Torch}TorchModel" + (tensorForm is null ? string.Empty : ", global::FairMtl.Torch.Training.ITorchLossWeighting"));
        writer.Line($"private readonly {Parameter}[] _weights;");
        writer.Line($"private readonly {Torch}MovingStatistics[] _norms;");
        if (layout.Tables.Length > 0)
        {
            writer.Line($"private readonly {Parameter}[] _tables;");
            writer.Line($"private readonly {Torch}EmbeddingSegment[] _embedding;");
        }

        writer.Line();
        WriteConstructor(writer, experiment, layout, name);
        writer.Line();
        writer.Line("/// <summary>The experiment's module for <paramref name=\"network\"/>, or null when the network does not have every");
        writer.Line("/// head of the experiment (a sweep's single-task baseline): the engine then builds the model of its layout.</summary>");
        writer.Line($"public static {Torch}TorchModel? Create({Network} network) =>");
        writer.Indent().Line($"{Torch}TorchModelLayout.HasHeads(network, {CSharpNames.FullTypeName(experiment)}.Spec) ? new {name}(network) : null;").Outdent();
        writer.Line();
        WriteTrunkProperties(writer, layout);
        WriteHeadProperties(writer, layout);
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public override int HeadCount => {Literals.Int(layout.Heads.Length)};");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public override global::System.Collections.Generic.IReadOnlyList<{Parameter}> Weights => _weights;");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public override global::System.Collections.Generic.IReadOnlyList<{Torch}MovingStatistics> Norms => _norms;");
        writer.Line();
        WriteTrunk(writer, spec.Model, layout);
        foreach (var head in layout.Heads)
        {
            writer.Line();
            WriteHead(writer, spec.Model, head);
        }

        writer.Line();
        WriteHeadSwitch(writer, layout.Heads);
        writer.Line();
        WriteForward(writer, Outputs(layout.Heads));
        if (tensorForm is not null)
        {
            writer.Line();
            TorchWeightingEmitter.Write(writer, spec, tensorForm);
        }

        writer.Line();
        WriteOutputs(writer, Outputs(layout.Heads));
        writer.Close();

        return writer.CloseContainingTypes(type);
    }

    private static void WriteConstructor(IndentedWriter writer, ExperimentModel experiment, Layout layout, string name)
    {
        var spec = experiment.Spec!;
        writer.Line("/// <summary>The module of <paramref name=\"network\"/>, the experiment's multi-head network (the trunk's input width");
        writer.Line("/// and the embedded columns' categories come from its data).</summary>");
        writer.Line("/// <exception cref=\"global::System.InvalidOperationException\">The network is not the one the experiment declares.</exception>");
        writer.Line($"public {name}({Network} network)");
        writer.Indent().Line($": base({Literals.String(spec.Name)})").Outdent();
        writer.Line("{").Indent();
        writer.Line($"{Torch}TorchModelLayout.Check(network, {CSharpNames.FullTypeName(experiment)}.Spec);");
        WriteTrunkRegistration(writer, layout, layout.Heads.SelectMany(head => head.Hidden));
        WriteHeadOutputRegistration(writer, layout.Heads);
        WriteTableOrder(writer, layout);
        writer.Line("_weights =");
        writer.Line("[").Indent();
        foreach (var line in TrunkWeightLines(layout).Concat(HeadWeightLines(layout.Heads)))
        {
            writer.Line(line);
        }

        writer.Outdent().Line("];");
        WriteNorms(writer, layout);
        writer.Outdent().Line("}");
    }

    /// <summary>The embedding tables, the trunk's input width (<c>inputs</c>) and the trunk's blocks (then
    /// <paramref name="moreBlocks"/>, the heads' hidden blocks), registered.</summary>
    internal static void WriteTrunkRegistration(IndentedWriter writer, Layout layout, IEnumerable<Block> moreBlocks)
    {
        foreach (var table in layout.Tables)
        {
            writer.Line($"{table.Property} = RegisterTable(network, {Literals.String(table.Spec.Column)}, {Literals.Int(table.Spec.Width)});");
        }

        writer.Line($"var inputs = {Torch}TorchModelLayout.TrunkInputs(network);");
        foreach (var block in layout.Trunk.Concat(moreBlocks))
        {
            WriteRegistration(writer, block);
        }
    }

    /// <summary>Each head's hidden blocks (when <paramref name="hidden"/>) and output layer, registered.</summary>
    internal static void WriteHeadOutputRegistration(IndentedWriter writer, IEnumerable<HeadLayout> heads, bool hidden = false)
    {
        foreach (var head in heads)
        {
            if (hidden)
            {
                foreach (var block in head.Hidden)
                {
                    WriteRegistration(writer, block);
                }
            }

            writer.Line($"{head.OutputWeight} = Register({Literals.String(head.Spec.Name + ".out.weight")}, {head.OutputInputs}, {Literals.Int(head.Spec.Outputs)});");
            writer.Line($"{head.OutputBias} = Register({Literals.String(head.Spec.Name + ".out.bias")}, {Literals.Int(head.Spec.Outputs)});");
        }
    }

    /// <summary><c>_tables</c> in the network's input order and <c>_embedding</c>, the segments of its inputs (when the
    /// model declares embeddings).</summary>
    internal static void WriteTableOrder(IndentedWriter writer, Layout layout)
    {
        if (layout.Tables.Length == 0)
        {
            return;
        }

        writer.Line($"_tables = {Torch}TorchModelLayout.InInputOrder(");
        writer.Indent().Line("network,");
        for (var t = 0; t < layout.Tables.Length; t++)
        {
            var table = layout.Tables[t];
            writer.Line($"({Literals.String(table.Spec.Column)}, {table.Property})" + (t == layout.Tables.Length - 1 ? ");" : ","));
        }

        writer.Outdent();
        writer.Line($"_embedding = {Torch}TorchModelLayout.Segments(network);");
    }

    /// <summary>The lines of the tables' and trunk's tensors in the native parameter order (items of a collection
    /// expression).</summary>
    internal static IEnumerable<string> TrunkWeightLines(Layout layout) =>
        (layout.Tables.Length > 0 ? [".. _tables,"] : Array.Empty<string>())
            .Concat(layout.Trunk.Select(block => string.Join(", ", block.Parameters) + ","));

    /// <summary>The lines of each head's tensors (hidden blocks, output layer) in the native parameter order.</summary>
    internal static IEnumerable<string> HeadWeightLines(IEnumerable<HeadLayout> heads) =>
        heads.Select(head => string.Join(", ", head.Hidden.SelectMany(block => block.Parameters).Append(head.OutputWeight).Append(head.OutputBias)) + ",");

    /// <summary><c>_norms</c>: the trunk's moving statistics, in order.</summary>
    internal static void WriteNorms(IndentedWriter writer, Layout layout)
    {
        var norms = layout.Trunk.Where(block => block.Statistics is not null).Select(block => block.Statistics!).ToArray();
        writer.Line(norms.Length == 0 ? "_norms = [];" : $"_norms = [{string.Join(", ", norms)}];");
    }

    /// <summary><c>Head(int, ...)</c>: a switch over <paramref name="heads"/>' methods.</summary>
    internal static void WriteHeadSwitch(IndentedWriter writer, IReadOnlyList<HeadLayout> heads)
    {
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public override {Tensor} Head(int head, {Tensor} features, {Pass} pass) => head switch");
        writer.Line("{").Indent();
        for (var h = 0; h < heads.Count; h++)
        {
            writer.Line($"{Literals.Int(h)} => {heads[h].Method}(features, pass),");
        }

        writer.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(head), head, null),");
        writer.Outdent().Line("};");
    }

    /// <summary>Each head's outputs, a tensor per head.</summary>
    internal static ForwardOutput[] Outputs(IEnumerable<HeadLayout> heads) =>
        heads.Select(head => new ForwardOutput(head.Property, Tensor, head.Method + "(features, pass)", $"Head <c>{Literals.XmlText(head.Spec.Name)}</c>'s outputs.")).ToArray();

    /// <summary><c>Forward</c>: the trunk, then every head's outputs in an <c>Outputs</c> record.</summary>
    internal static void WriteForward(IndentedWriter writer, IReadOnlyList<ForwardOutput> outputs)
    {
        writer.Line("/// <summary>Every head's outputs for rows of the data's inputs ([rows x inputs]).</summary>");
        writer.Open($"public Outputs Forward({Tensor} inputs, {Pass} pass)");
        writer.Line("var features = Trunk(inputs, pass);");
        writer.Line($"return new Outputs({string.Join(", ", outputs.Select(output => output.Call))});");
        writer.Close();
    }

    /// <summary>The <c>Outputs</c> record, a property per head (or family of heads).</summary>
    internal static void WriteOutputs(IndentedWriter writer, IReadOnlyList<ForwardOutput> outputs)
    {
        writer.Line("/// <summary>The heads' outputs, one tensor [rows x the head's outputs] per head.</summary>");
        foreach (var output in outputs)
        {
            writer.Line($"/// <param name=\"{output.Property}\">{output.Doc}</param>");
        }

        writer.Line($"public sealed record Outputs({string.Join(", ", outputs.Select(output => $"{output.Type} {output.Property}"))});");
    }

    /// <summary>A block's tensors, under the native parameters' names (the moving statistics under the name the run-time
    /// model gives them).</summary>
    private static void WriteRegistration(IndentedWriter writer, Block block)
    {
        var width = Literals.Int(block.Width);
        var dense = block.Layer + "." + Literals.Int(block.Index);
        writer.Line($"{block.Weight} = Register({Literals.String(dense + ".weight")}, {block.Inputs}, {width});");
        writer.Line($"{block.Bias} = Register({Literals.String(dense + ".bias")}, {width});");
        if (block.Statistics is not null)
        {
            writer.Line($"{block.Gamma} = Register({Literals.String(dense + ".bn.gamma")}, {width});");
            writer.Line($"{block.Beta} = Register({Literals.String(dense + ".bn.beta")}, {width});");
            writer.Line($"{block.Statistics} = RegisterNorm({Literals.String(dense + ".weight.bn")}, {width});");
        }
    }

    /// <summary>The tables' and the trunk blocks' properties.</summary>
    internal static void WriteTrunkProperties(IndentedWriter writer, Layout layout)
    {
        foreach (var table in layout.Tables)
        {
            writer.Line($"/// <summary>The embedding table of column <c>{Literals.XmlText(table.Spec.Column)}</c> ([categories x {Literals.Int(table.Spec.Width)}]), or null when");
            writer.Line("/// the column is not an input of the network.</summary>");
            writer.Line($"public {Parameter}? {table.Property} {{ get; }}");
            writer.Line();
        }

        WriteBlockProperties(writer, layout.Trunk);
    }

    /// <summary>The heads' hidden blocks' and output layers' properties.</summary>
    internal static void WriteHeadProperties(IndentedWriter writer, Layout layout)
    {
        WriteBlockProperties(writer, layout.Heads.SelectMany(head => head.Hidden));
        foreach (var head in layout.Heads)
        {
            var what = $"Head <c>{Literals.XmlText(head.Spec.Name)}</c>'s output layer";
            var outputs = Literals.Int(head.Spec.Outputs);
            WriteProperty(writer, Parameter, head.OutputWeight, $"{what}: the weight [{InputsText(head.OutputInputs)} x {outputs}].");
            WriteProperty(writer, Parameter, head.OutputBias, $"{what}: the bias [{outputs}].");
        }
    }

    private static void WriteBlockProperties(IndentedWriter writer, IEnumerable<Block> blocks)
    {
        foreach (var block in blocks)
        {
            var what = block.Head is null ? $"Trunk layer {Literals.Int(block.Index)}" : $"Head <c>{Literals.XmlText(block.Head)}</c>'s hidden layer {Literals.Int(block.Index)}";
            var width = Literals.Int(block.Width);
            WriteProperty(writer, Parameter, block.Weight, $"{what}: the dense weight [{InputsText(block.Inputs)} x {width}].");
            WriteProperty(writer, Parameter, block.Bias, $"{what}: the dense bias [{width}].");
            if (block.Statistics is not null)
            {
                WriteProperty(writer, Parameter, block.Gamma!, $"{what}: the batch normalisation's scale [{width}].");
                WriteProperty(writer, Parameter, block.Beta!, $"{what}: the batch normalisation's shift [{width}].");
                WriteProperty(writer, Torch + "MovingStatistics", block.Statistics, $"{what}: the batch normalisation's moving statistics.");
            }
        }
    }

    /// <summary>An input width in a summary: the trunk's inputs depend on the data.</summary>
    private static string InputsText(string inputs) => inputs == "inputs" ? "trunk inputs" : inputs;

    internal static void WriteProperty(IndentedWriter writer, string type, string name, string summary)
    {
        writer.Line($"/// <summary>{summary}</summary>");
        writer.Line($"public {type} {name} {{ get; }}");
        writer.Line();
    }

    internal static void WriteTrunk(IndentedWriter writer, ModelSpec model, Layout layout)
    {
        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override {Tensor} Trunk({Tensor} inputs, {Pass} pass)");
        writer.Line(layout.Tables.Length > 0 ? $"var x = _tables.Length == 0 ? inputs : {Layers}Embed(inputs, _embedding, _tables);" : "var x = inputs;");
        foreach (var block in layout.Trunk)
        {
            WriteBlock(writer, block, model.Activation, model.Dropout);
        }

        writer.Line("return x;");
        writer.Close();
    }

    internal static void WriteHead(IndentedWriter writer, ModelSpec model, HeadLayout head)
    {
        writer.Line($"/// <summary>Head <c>{Literals.XmlText(head.Spec.Name)}</c> ({Literals.XmlText(Describe(head.Spec))}): its outputs for the trunk's output.</summary>");
        writer.Open($"public {Tensor} {head.Method}({Tensor} features, {Pass} pass)");
        if (head.Hidden.Length > 0)
        {
            writer.Line("var x = features;");
            foreach (var block in head.Hidden)
            {
                WriteBlock(writer, block, model.Activation, 0);
            }
        }

        writer.Line($"return {Layers}Dense({(head.Hidden.Length > 0 ? "x" : "features")}, {head.OutputWeight}, {head.OutputBias});");
        writer.Close();
    }

    /// <summary>Dense, batch normalisation (if any), activation (unless linear), dropout (if any): a hidden block as
    /// <c>RuntimeModel</c> runs it.</summary>
    private static void WriteBlock(IndentedWriter writer, Block block, Activation activation, double dropout)
    {
        writer.Line($"x = {Layers}Dense(x, {block.Weight}, {block.Bias});");
        if (block.Statistics is not null)
        {
            writer.Line($"x = {Layers}BatchNorm(x, {block.Gamma}, {block.Beta}, {block.Statistics}, pass);");
        }

        if (activation != Activation.Linear)
        {
            writer.Line($"x = {Layers}Activate(x, {Literals.Enum(activation)});");
        }

        if (dropout > 0)
        {
            writer.Line($"x = {Layers}Dropout(x, {Literals.Float((float)dropout)}, pass);");
        }
    }

    private static string Describe(ExperimentSpec spec) =>
        $"trunk [{string.Join(", ", spec.Model.Trunk.Select(Literals.Int))}] ({Describe(spec.Model)})"
        + (spec.Data.Embeddings.Count == 0 ? string.Empty : ", embeddings of " + string.Join(", ", spec.Data.Embeddings.Select(embedding => embedding.Column)))
        + ", heads " + string.Join(", ", spec.Heads.Select(head => head.Name));

    internal static string Describe(ModelSpec model) =>
        model.Activation.ToString().ToLowerInvariant()
        + (model.BatchNorm ? ", batch normalisation" : string.Empty)
        + (model.Dropout > 0 ? ", dropout " + model.Dropout.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : string.Empty);

    private static string Describe(HeadSpec head) =>
        head.Task.ToString().ToLowerInvariant()
        + (head.Hidden.Count == 0 ? string.Empty : ", hidden [" + string.Join(", ", head.Hidden.Select(Literals.Int)) + "]")
        + ", " + Literals.Int(head.Outputs) + (head.Outputs == 1 ? " output" : " outputs");

    /// <summary>A hidden block of the trunk (<paramref name="Head"/> null) or of a head: its dense layer (and batch
    /// normalisation) and the properties that hold its tensors.</summary>
    internal sealed record Block(
        string? Head, int Index, string Inputs, int Width, string Weight, string Bias, string? Gamma, string? Beta, string? Statistics)
    {
        /// <summary>The native dense layer's name before its index: <c>trunk</c>, or the head's name.</summary>
        public string Layer => Head ?? "trunk";

        /// <summary>Its trainable tensors in the native parameter order.</summary>
        public IEnumerable<string> Parameters =>
            Statistics is null ? [Weight, Bias] : [Weight, Bias, Gamma!, Beta!];
    }

    /// <summary>A head: its method, its outputs' property, its hidden blocks and output layer (whose inputs,
    /// <paramref name="OutputInputs"/>, are a C# expression).</summary>
    internal sealed record HeadLayout(HeadSpec Spec, string Method, string Property, Block[] Hidden, string OutputInputs, string OutputWeight, string OutputBias);

    internal sealed record Table(EmbeddingSpec Spec, string Property);

    /// <summary>A head's outputs as <c>Forward</c> returns them: the record's property, its type, the call that computes
    /// it, and its doc comment (XML).</summary>
    internal sealed record ForwardOutput(string Property, string Type, string Call, string Doc);

    /// <summary>A model's layers (embedding tables, trunk blocks, heads) with unique member names.</summary>
    internal sealed class Layout
    {
        /// <param name="model">The trunk.</param>
        /// <param name="embeddings">The declared embeddings.</param>
        /// <param name="heads">The heads, in network order.</param>
        /// <param name="taken">Names no member may take besides <see cref="ModelMembers"/> (the trunk's names come
        /// first, so they do not depend on the heads).</param>
        public Layout(ModelSpec model, IReadOnlyList<EmbeddingSpec> embeddings, IReadOnlyList<HeadSpec> heads, IEnumerable<string> taken)
        {
            var wanted = new List<string>();
            wanted.AddRange(embeddings.Select(embedding => "Embedding" + CSharpNames.Member(embedding.Column)));
            for (var i = 0; i < model.Trunk.Count; i++)
            {
                var prefix = "Trunk" + Literals.Int(i);
                wanted.AddRange(model.BatchNorm ? [prefix + "Weight", prefix + "Bias", prefix + "Gamma", prefix + "Beta", prefix + "Statistics"] : [prefix + "Weight", prefix + "Bias"]);
            }

            foreach (var head in heads)
            {
                var prefix = CSharpNames.Member(head.Name);
                wanted.Add(prefix + "Head");
                for (var i = 0; i < head.Hidden.Count; i++)
                {
                    wanted.AddRange([prefix + "Hidden" + Literals.Int(i) + "Weight", prefix + "Hidden" + Literals.Int(i) + "Bias"]);
                }

                wanted.AddRange([prefix + "OutputWeight", prefix + "OutputBias"]);
            }

            Names = CSharpNames.Unique(wanted, ModelMembers.Concat(taken));
            var names = new Queue<string>(Names);
            Tables = embeddings.Select(embedding => new Table(embedding, names.Dequeue())).ToArray();
            Trunk = model.Trunk
                .Select((width, i) =>
                {
                    var inputs = i == 0 ? "inputs" : Literals.Int(model.Trunk[i - 1]);
                    return model.BatchNorm
                        ? new Block(null, i, inputs, width, names.Dequeue(), names.Dequeue(), names.Dequeue(), names.Dequeue(), names.Dequeue())
                        : new Block(null, i, inputs, width, names.Dequeue(), names.Dequeue(), null, null, null);
                })
                .ToArray();
            TrunkWidth = model.Trunk.Count == 0 ? "inputs" : Literals.Int(model.Trunk[model.Trunk.Count - 1]);
            var properties = CSharpNames.Unique(heads.Select(head => CSharpNames.Member(head.Name)), RecordMembers);
            Heads = heads
                .Select((head, h) => new HeadLayout(
                    head,
                    names.Dequeue(),
                    properties[h],
                    head.Hidden
                        .Select((width, i) => new Block(
                            head.Name, i, i == 0 ? TrunkWidth : Literals.Int(head.Hidden[i - 1]), width, names.Dequeue(), names.Dequeue(), null, null, null))
                        .ToArray(),
                    head.Hidden.Count == 0 ? TrunkWidth : Literals.Int(head.Hidden[head.Hidden.Count - 1]),
                    names.Dequeue(),
                    names.Dequeue()))
                .ToArray();
        }

        public Table[] Tables { get; }

        public Block[] Trunk { get; }

        public HeadLayout[] Heads { get; }

        /// <summary>The trunk's output width as a C# expression (<c>inputs</c> without a trunk).</summary>
        public string TrunkWidth { get; }

        /// <summary>Every member name the layout took.</summary>
        public string[] Names { get; }
    }
}
