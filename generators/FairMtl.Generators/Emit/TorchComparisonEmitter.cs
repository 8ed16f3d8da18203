using FairMtl.Generators.Model;
using FairMtl.Spec;
using static FairMtl.Generators.Emit.TorchModelEmitter;

namespace FairMtl.Generators.Emit;

/// <summary>
/// The typed TorchSharp code of a comparison on the torch engine (a method comparison or a multi-task comparison with
/// <c>training.engine: torch</c>), in its own file next to where the experiment's class would be:
/// <c>{Type}TorchModel</c>, an abstract module with the declared trunk (and embeddings) written by
/// <see cref="TorchModelEmitter"/>, and, nested in it, per method a sealed module with the method's heads (a typed
/// <c>Forward</c> returning every head) and the method's training objective (<c>ITorchObjective</c>): straight-line
/// torch operations over each head's terms, the method's constants as literals, the multi-task sweep's setting read from
/// the unit, each head's part routed to the heads and to the trunk as the method's routes do (the same operations in the
/// same order as <c>TorchRoutedObjective</c> over <c>MethodNetwork</c>'s routes, so that both give the same bits). The
/// heads whose number depends on the data (adversaries of an attribute with more than two groups, group decomposition's
/// heads) are families: a loop over the attribute's group count, read from the network (modules) and from the unit's
/// data (objectives) at run time.
/// </summary>
internal static class TorchComparisonEmitter
{
    private const string Objectives = "global::FairMtl.Torch.Objectives.";
    private const string Scalars = Torch + "TorchScalars.";
    private const string Unit = "global::FairMtl.Comparisons.TrainedMethod";

    // Members of the generated trunk class besides TorchModel's.
    private static readonly string[] TrunkMembers = ["Experiment", "CreateModel", "CreateObjective", "TrunkWeights", "Outputs"];

    /// <summary>Whether <paramref name="spec"/> gets generated torch code: a method or multi-task comparison on the torch
    /// engine (FairMT experiments train their constrained objective, which has code of its own).</summary>
    public static bool Applies(ComparisonSpec? spec) =>
        spec is MethodComparisonSpec or MultiTaskSpec && spec.Training.Engine == TrainingEngine.Torch;

    /// <summary>The source of <paramref name="experiment"/>'s torch code.</summary>
    public static string Emit(ExperimentModel experiment)
    {
        var spec = experiment.Comparison ?? throw new ArgumentException("only comparisons have comparison code", nameof(experiment));
        var type = experiment.Type;
        var name = CSharpNames.TorchModelName(experiment);
        var trunk = new Layout(spec.Model, spec.Data.Embeddings, [], TrunkMembers.Append(name));
        var methods = Methods(spec, trunk, name);
        var writer = IndentedWriter.ForType(type);

        writer.Line("/// <summary>");
        writer.Line($"/// The torch code of comparison <c>{Literals.XmlText(spec.Name)}</c>, generated from its declaration: trunk [{string.Join(", ", spec.Model.Trunk.Select(Literals.Int))}]");
        writer.Line($"/// ({Literals.XmlText(Describe(spec.Model))}){(spec.Data.Embeddings.Count == 0 ? string.Empty : ", embeddings of " + Literals.XmlText(string.Join(", ", spec.Data.Embeddings.Select(e => e.Column))))}, tasks {Literals.XmlText(string.Join(", ", spec.Tasks.Select(t => t.Name)))}, sensitive attributes {Literals.XmlText(string.Join(", ", spec.Sensitive.Select(a => a.Name)))}.");
        writer.Line("/// This class is the shared trunk; nested in it, each method's module (the trunk and the method's heads) and");
        writer.Line("/// its training objective (torch operations: each head's terms, the method's constants, its routing to the heads");
        writer.Line("/// and to the trunk). <see cref=\"CreateModel\"/> and <see cref=\"CreateObjective\"/> pick them for a unit's method.");
        writer.Line("/// </summary>");
        writer.Open($"public abstract class {name} : {Torch}TorchModel");
        writer.Line("/// <summary>The comparison's name.</summary>");
        writer.Line($"public const string Experiment = {Literals.String(spec.Name)};");
        writer.Line();
        writer.Line($"private readonly {Parameter}[] _trunkWeights;");
        writer.Line($"private readonly {Torch}MovingStatistics[] _norms;");
        if (trunk.Tables.Length > 0)
        {
            writer.Line($"private readonly {Parameter}[] _tables;");
            writer.Line($"private readonly {Torch}EmbeddingSegment[] _embedding;");
        }

        writer.Line();
        writer.Line("/// <summary>The trunk of <paramref name=\"network\"/>, a network of one of the comparison's methods (the trunk's input");
        writer.Line("/// width and the embedded columns' categories come from its data).</summary>");
        writer.Line("/// <exception cref=\"global::System.InvalidOperationException\">The network's trunk is not the declared one.</exception>");
        writer.Line($"private protected {name}({Network} network)");
        writer.Indent().Line(": base(Experiment)").Outdent();
        writer.Line("{").Indent();
        var model = spec.Model;
        var embeddings = string.Join(", ", spec.Data.Embeddings.Select(e => $"({Literals.String(e.Column)}, {Literals.Int(e.Width)})"));
        writer.Line($"{Torch}TorchModelLayout.CheckTrunk(network, Experiment, [{string.Join(", ", model.Trunk.Select(Literals.Int))}], {Literals.Enum(model.Activation)}, {Literals.Double(model.Dropout)}, {Literals.Bool(model.BatchNorm)}, [{embeddings}]);");
        WriteTrunkRegistration(writer, trunk, []);
        WriteTableOrder(writer, trunk);
        writer.Line("_trunkWeights =");
        writer.Line("[").Indent();
        foreach (var line in TrunkWeightLines(trunk))
        {
            writer.Line(line);
        }

        writer.Outdent().Line("];");
        WriteNorms(writer, trunk);
        writer.Outdent().Line("}");
        writer.Line();
        WriteTrunkProperties(writer, trunk);
        writer.Line("/// <summary>The tables' and the trunk's tensors, in the native parameter order (every method's module begins with them).</summary>");
        writer.Line($"protected global::System.Collections.Generic.IReadOnlyList<{Parameter}> TrunkWeights => _trunkWeights;");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public override global::System.Collections.Generic.IReadOnlyList<{Torch}MovingStatistics> Norms => _norms;");
        writer.Line();
        WriteTrunk(writer, spec.Model, trunk);
        writer.Line();
        WriteFactories(writer, spec, methods);
        var objectives = new HashSet<string>();
        foreach (var method in methods)
        {
            writer.Line();
            WriteModule(writer, spec, name, method);
            if (objectives.Add(method.Objective))
            {
                writer.Line();
                WriteObjective(writer, spec, method);
            }
        }

        writer.Close();
        return writer.CloseContainingTypes(type);
    }

    /// <summary>The module and objective factories: by the unit's method name (a multi-task comparison's single-task
    /// references by their task's head).</summary>
    private static void WriteFactories(IndentedWriter writer, ComparisonSpec spec, IReadOnlyList<MethodCode> methods)
    {
        var references = methods.Where(method => method.ReferenceTask is not null).ToArray();
        var named = methods.Where(method => method.ReferenceTask is null).ToArray();
        writer.Line("/// <summary>The module of <paramref name=\"unit\"/>'s method for <paramref name=\"network\"/>, or null for a method this");
        writer.Line("/// comparison does not declare (the engine then trains the model of the network's layout).</summary>");
        writer.Open($"public static {Torch}TorchModel? CreateModel({Network} network, {Unit} unit)");
        if (references.Length > 0)
        {
            writer.Open($"if (unit.Method.Kind == {Literals.Enum(MethodKind.SingleTask)})");
            WriteSwitch(
                writer,
                "return network.Heads.Length != 1 ? null : network.Heads[0].Spec.Name switch",
                references.Select(reference => (reference.ReferenceTask!, $"new {reference.Module}(network)")));
            writer.Close();
            writer.Line();
        }

        WriteSwitch(writer, "return unit.Method.Name switch", named.Select(method => (method.Method!.Name, $"new {method.Module}(network)")));
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>The training objective of <paramref name=\"unit\"/>'s method, or null for a method this comparison does not");
        writer.Line("/// declare.</summary>");
        writer.Open($"public static {Objectives}ITorchObjective? CreateObjective({Unit} unit)");
        if (references.Length > 0)
        {
            writer.Open($"if (unit.Method.Kind == {Literals.Enum(MethodKind.SingleTask)})");
            writer.Line($"return new {references[0].Objective}(unit);");
            writer.Close();
            writer.Line();
        }

        WriteSwitch(writer, "return unit.Method.Name switch", named.Select(method => (method.Method!.Name, $"new {method.Objective}(unit)")));
        writer.Close();
    }

    /// <summary>A switch expression over a string: <paramref name="head"/>, one arm per (string literal, value), and null
    /// for any other string.</summary>
    private static void WriteSwitch(IndentedWriter writer, string head, IEnumerable<(string Key, string Value)> arms)
    {
        writer.Line(head);
        writer.Line("{").Indent();
        foreach (var (key, value) in arms)
        {
            writer.Line($"{Literals.String(key)} => {value},");
        }

        writer.Line("_ => null,");
        writer.Outdent().Line("};");
    }

    private static void WriteModule(IndentedWriter writer, ComparisonSpec spec, string trunkClass, MethodCode method)
    {
        var layout = method.Layout;
        var fixedHeads = method.Heads.Where(head => head.Fixed is not null).ToArray();
        var families = method.Heads.Where(head => head.Family is not null).ToArray();
        writer.Line($"/// <summary>{method.Summary}: the module, heads {Literals.XmlText(string.Join(", ", method.Heads.Select(head => head.Describe)))}.</summary>");
        writer.Open($"public sealed class {method.Module} : {trunkClass}");
        writer.Line($"private readonly {Parameter}[] _weights;");
        writer.Line();
        writer.Line("/// <summary>The module of <paramref name=\"network\"/>, the method's network.</summary>");
        writer.Line("/// <exception cref=\"global::System.InvalidOperationException\">The network is not the method's.</exception>");
        writer.Line($"public {method.Module}({Network} network)");
        writer.Indent().Line(": base(network)").Outdent();
        writer.Line("{").Indent();
        foreach (var family in families)
        {
            writer.Line($"var {family.Family!.Local} = {Torch}TorchModelLayout.Family(network, {Literals.String(family.Family.Prefix)});");
        }

        var checks = method.Heads.Select(head => head.Fixed is { } fixedHead
            ? $"({Literals.String(fixedHead.Spec.Name)}, [{string.Join(", ", fixedHead.Spec.Hidden.Select(Literals.Int))}], 1)"
            : $".. global::System.Linq.Enumerable.Select({head.Family!.Local}, static name => (name, global::System.Array.Empty<int>(), 1))");
        writer.Line($"{Torch}TorchModelLayout.CheckHeads(network, Experiment, [{string.Join(", ", checks)}]);");
        if (layout.Trunk.Length == 0)
        {
            writer.Line($"var inputs = {Torch}TorchModelLayout.TrunkInputs(network);");
        }

        if (families.Length == 0)
        {
            WriteHeadOutputRegistration(writer, layout.Heads, hidden: true);
            writer.Line("_weights =");
            writer.Line("[").Indent();
            writer.Line(".. TrunkWeights,");
            foreach (var line in HeadWeightLines(layout.Heads))
            {
                writer.Line(line);
            }

            writer.Outdent().Line("];");
        }
        else
        {
            writer.Line($"var weights = new global::System.Collections.Generic.List<{Parameter}>(TrunkWeights);");
            foreach (var head in method.Heads)
            {
                if (head.Fixed is { } fixedHead)
                {
                    WriteHeadOutputRegistration(writer, [fixedHead], hidden: true);
                    writer.Line($"weights.AddRange([{string.Join(", ", HeadWeightLines([fixedHead]).Single().TrimEnd(','))}]);");
                    continue;
                }

                var family = head.Family!;
                writer.Line($"{family.Weights} = new {Parameter}[{family.Local}.Length];");
                writer.Line($"{family.Biases} = new {Parameter}[{family.Local}.Length];");
                writer.Open($"for (var g = 0; g < {family.Local}.Length; g++)");
                writer.Line($"{family.Weights}[g] = Register({family.Local}[g] + \".out.weight\", {layout.TrunkWidth}, 1);");
                writer.Line($"{family.Biases}[g] = Register({family.Local}[g] + \".out.bias\", 1);");
                writer.Line($"weights.AddRange([{family.Weights}[g], {family.Biases}[g]]);");
                writer.Close();
                writer.Line();
            }

            writer.Line("_weights = [.. weights];");
        }

        writer.Outdent().Line("}");
        writer.Line();
        WriteHeadProperties(writer, layout);
        foreach (var family in families.Select(head => head.Family!))
        {
            WriteProperty(writer, Parameter + "[]", family.Weights, $"The output layers' weights [{InputsTextOf(layout.TrunkWidth)} x 1] of {Literals.XmlText(family.Describe)}, in network order.");
            WriteProperty(writer, Parameter + "[]", family.Biases, $"The output layers' biases [1] of {Literals.XmlText(family.Describe)}, in network order.");
        }

        writer.Line("/// <inheritdoc/>");
        var count = string.Join(" + ", new[] { Literals.Int(fixedHeads.Length) }.Where(_ => fixedHeads.Length > 0 || families.Length == 0).Concat(families.Select(head => head.Family!.Weights + ".Length")));
        writer.Line($"public override int HeadCount => {count};");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public override global::System.Collections.Generic.IReadOnlyList<{Parameter}> Weights => _weights;");
        foreach (var head in layout.Heads)
        {
            writer.Line();
            WriteHead(writer, spec.Model, head);
        }

        foreach (var family in families.Select(head => head.Family!))
        {
            writer.Line();
            writer.Line($"/// <summary>Head <paramref name=\"index\"/> of {Literals.XmlText(family.Describe)}: its outputs for the trunk's output.</summary>");
            writer.Open($"public {Tensor} {family.Method}(int index, {Tensor} features, {Pass} pass)");
            writer.Line($"return {Torch}TorchLayers.Dense(features, {family.Weights}[index], {family.Biases}[index]);");
            writer.Close();
        }

        writer.Line();
        if (families.Length == 0)
        {
            WriteHeadSwitch(writer, layout.Heads);
        }
        else
        {
            writer.Line("/// <inheritdoc/>");
            writer.Open($"public override {Tensor} Head(int head, {Tensor} features, {Pass} pass)");
            writer.Line("var index = head;");
            for (var i = 0; i < method.Heads.Count; i++)
            {
                var head = method.Heads[i];
                var last = i == method.Heads.Count - 1;
                if (head.Fixed is { } fixedHead)
                {
                    writer.Open("if (index == 0)");
                    writer.Line($"return {fixedHead.Method}(features, pass);");
                    writer.Close();
                    writer.Line();
                    if (!last)
                    {
                        writer.Line("index -= 1;");
                    }

                    continue;
                }

                var family = head.Family!;
                writer.Open($"if (index < {family.Weights}.Length)");
                writer.Line($"return {family.Method}(index, features, pass);");
                writer.Close();
                writer.Line();
                if (!last)
                {
                    writer.Line($"index -= {family.Weights}.Length;");
                }
            }

            writer.Line("throw new global::System.ArgumentOutOfRangeException(nameof(head), head, null);");
            writer.Close();
        }

        var outputs = method.Heads.Select(head => head.Fixed is { } fixedHead
                ? new ForwardOutput(fixedHead.Property, Tensor, fixedHead.Method + "(features, pass)", $"Head <c>{Literals.XmlText(fixedHead.Spec.Name)}</c>'s outputs.")
                : new ForwardOutput(
                    head.Family!.Property,
                    Tensor + "[]",
                    $"[.. global::System.Linq.Enumerable.Select(global::System.Linq.Enumerable.Range(0, {head.Family.Weights}.Length), index => {head.Family.Method}(index, features, pass))]",
                    $"The outputs of {Literals.XmlText(head.Family.Describe)}, one tensor per head."))
            .ToArray();
        writer.Line();
        WriteForward(writer, outputs);
        writer.Line();
        WriteOutputs(writer, outputs);
        writer.Close();
    }

    private static string InputsTextOf(string width) => width == "inputs" ? "trunk inputs" : width;

    /// <summary>The method's objective: per head (or family of heads), in network order, its distinct terms in first-use
    /// order, their weighted sum, added to the heads' part times the head factor and, unless the trunk factor is 0, the
    /// trunk terms' sum (the head's own sum without separate trunk terms) to the trunk's part times the trunk factor.</summary>
    private static void WriteObjective(IndentedWriter writer, ComparisonSpec spec, MethodCode method)
    {
        writer.Line($"/// <summary>{method.Summary}: the training objective. {Literals.XmlText(method.Routing)}</summary>");
        writer.Open($"public sealed class {method.Objective} : {Objectives}ITorchObjective");
        var fields = method.Fields;
        foreach (var field in fields)
        {
            writer.Line($"private readonly {field.Type} {field.Name};");
        }

        if (fields.Count > 0)
        {
            writer.Line();
        }

        var reads = new[]
        {
            fields.Any(field => field.Value.Contains("unit.Groups(")) ? "its data's group counts" : null,
            method.UsesSetting ? "its sweep setting" : null,
            method.UsesLambda ? "its lambda: the method is on the front" : null,
        }.Where(read => read is not null).ToArray();
        writer.Line(reads.Length == 0
            ? "/// <summary>The objective of <paramref name=\"unit\"/> (it reads nothing of it: every constant is the declaration's).</summary>"
            : $"/// <summary>The objective of <paramref name=\"unit\"/> ({string.Join(", ", reads)}).</summary>");
        writer.Open($"public {method.Objective}({Unit} unit)");
        foreach (var field in fields)
        {
            writer.Line($"{field.Name} = {field.Value};");
        }

        writer.Close();
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Open($"public {Objectives}TorchObjectiveParts Evaluate(global::System.Collections.Generic.IReadOnlyList<{Tensor}> outputs, {Objectives}TorchBatch batch)");
        writer.Line($"{Tensor}? heads = null;");
        writer.Line($"{Tensor}? trunk = null;");
        var offset = "0";
        var fixedIndex = 0;
        var headsState = PartState.Null;
        var trunkState = PartState.Null;
        var taken = new List<string> { "heads", "trunk", "g", "h", "outputs", "batch" };
        foreach (var head in method.Heads)
        {
            writer.Line();
            if (head.Fixed is not null)
            {
                var index = Index(offset, fixedIndex);
                writer.Line($"// Head {Literals.XmlText(head.Describe)}: {head.Route.Describe}.");
                WriteRoute(writer, head, head.Route, index, taken, ref headsState, ref trunkState);
                fixedIndex++;
                continue;
            }

            var family = head.Family!;
            var start = Index(offset, fixedIndex);
            writer.Line($"// Heads {Literals.XmlText(family.Describe)} ({family.CountField} of them, from the data's groups): {head.Route.Describe}.");
            writer.Open($"for (var g = 0; g < {family.CountField}; g++)");
            writer.Line($"var h = {start} + g;");
            var (headsBefore, trunkBefore) = (headsState, trunkState);
            headsState = headsState == PartState.Set ? PartState.Set : PartState.Unknown;
            trunkState = trunkState == PartState.Set ? PartState.Set : trunkState == PartState.Null && head.Route.TrunkNever ? PartState.Null : PartState.Unknown;
            WriteRoute(writer, head, head.Route, "h", taken, ref headsState, ref trunkState);
            writer.Close();
            headsState = headsBefore == PartState.Set ? PartState.Set : PartState.Unknown;
            trunkState = trunkBefore == PartState.Set ? PartState.Set : trunkBefore == PartState.Null && head.Route.TrunkNever ? PartState.Null : PartState.Unknown;
            offset = start == "0" ? family.CountField : $"{start} + {family.CountField}";
            fixedIndex = 0;
        }

        writer.Line();
        writer.Line($"return new {Objectives}TorchObjectiveParts(heads!.item<double>(), heads, trunk);");
        writer.Close();
        writer.Close();
    }

    /// <summary>The index of the head <paramref name="fixedIndex"/> places after <paramref name="offset"/>.</summary>
    private static string Index(string offset, int fixedIndex) =>
        offset == "0" ? Literals.Int(fixedIndex) : fixedIndex == 0 ? offset : $"{offset} + {Literals.Int(fixedIndex)}";

    /// <summary>Whether the heads' (or trunk's) part is null, set, or (after a loop) either.</summary>
    private enum PartState
    {
        Null,
        Set,
        Unknown,
    }

    private static void WriteRoute(
        IndentedWriter writer, MethodHead head, RouteCode route, string index, List<string> taken, ref PartState headsState, ref PartState trunkState)
    {
        var computed = new Dictionary<TermCode, string>();
        string Term(TermCode term)
        {
            if (!computed.TryGetValue(term, out var local))
            {
                local = CSharpNames.Unique([head.Local + term.Suffix], taken)[0];
                taken.Add(local);
                writer.Line($"var {local} = {term.Code(index)};");
                computed.Add(term, local);
            }

            return local;
        }

        string Weighted(IReadOnlyList<(TermCode Term, string Coefficient)> terms, string suffix)
        {
            var values = terms.Select(term => (Value: Term(term.Term), term.Coefficient)).ToArray();
            var local = CSharpNames.Unique([head.Local + suffix], taken)[0];
            taken.Add(local);
            var sum = $"{values[0].Value}.mul({Scalars}Of({values[0].Coefficient}))";
            for (var t = 1; t < values.Length; t++)
            {
                sum = $"{Scalars}Sum({sum}, {values[t].Value}.mul({Scalars}Of({values[t].Coefficient})))";
            }

            writer.Line($"var {local} = {sum};");
            return local;
        }

        var headSum = Weighted(route.Terms, "Sum");
        Accumulate(writer, "heads", $"{headSum}.mul({Scalars}Of({route.HeadScale}))", ref headsState);
        if (route.TrunkNever)
        {
            return;
        }

        var guarded = route.TrunkCondition is not null;
        if (guarded)
        {
            writer.Open($"if ({route.TrunkCondition})");
        }

        var trunkState2 = guarded && trunkState == PartState.Null ? PartState.Null : trunkState;
        var trunkSum = route.TrunkTerms is { } trunkTerms ? Weighted(trunkTerms, "TrunkSum") : headSum;
        Accumulate(writer, "trunk", $"{trunkSum}.mul({Scalars}Of({route.TrunkScale}))", ref trunkState2);
        if (guarded)
        {
            writer.Close();
            trunkState = trunkState == PartState.Set ? PartState.Set : PartState.Unknown;
        }
        else
        {
            trunkState = trunkState2;
        }
    }

    private static void Accumulate(IndentedWriter writer, string part, string value, ref PartState state)
    {
        writer.Line(state switch
        {
            PartState.Null => $"{part} = {value};",
            PartState.Set => $"{part} = {Scalars}Sum({part}!, {value});",
            _ => $"{part} = {part} is null ? {value} : {Scalars}Sum({part}, {value});",
        });
        state = PartState.Set;
    }

    /// <summary>Every method's code plan (and, for a multi-task comparison, a single-task reference per task).</summary>
    private static IReadOnlyList<MethodCode> Methods(ComparisonSpec spec, Layout trunk, string trunkClass)
    {
        var plans = new List<MethodCode>();
        var classes = CSharpNames.Unique(
            spec.Methods.Select(method => CSharpNames.Member(method.Name)).Select(member => member.Length == 0 || char.IsDigit(member[0]) ? "Method" + member : member),
            trunk.Names.Concat(TrunkMembers).Concat(ModelMembers).Append(trunkClass));
        for (var m = 0; m < spec.Methods.Count; m++)
        {
            var method = spec.Methods[m];
            if (method.Kind is MethodKind.Penalty or MethodKind.PrimalDual)
            {
                continue;
            }

            plans.Add(Plan(spec, method, classes[m], trunk, null));
        }

        if (spec is MultiTaskSpec)
        {
            var references = CSharpNames.Unique(
                spec.Tasks.Select(task => "Reference" + CSharpNames.Member(task.Name)), trunk.Names.Concat(TrunkMembers).Concat(ModelMembers).Concat(classes).Append(trunkClass));
            for (var t = 0; t < spec.Tasks.Count; t++)
            {
                var reference = new MethodSpec("STL", MethodKind.SingleTask, FairnessLossKind.Glf, 0, 0, 0, string.Empty);
                plans.Add(Plan(spec with { Tasks = new[] { spec.Tasks[t] } }, reference, references[t], trunk, spec.Tasks[t].Name));
            }
        }

        return plans;
    }

    /// <summary>The heads and routes of <paramref name="method"/> as <c>MethodNetwork.For</c> builds them.</summary>
    private static MethodCode Plan(ComparisonSpec spec, MethodSpec method, string className, Layout trunk, string? referenceTask)
    {
        var fields = new List<FieldCode>();
        var heads = new List<(HeadSpec? Fixed, FamilyPlan? Family, RouteCode Route)>();
        var onFront = spec is MethodComparisonSpec comparison && comparison.Front.Methods.Contains(method.Name);
        var definitions = new Dictionary<string, string>();
        // training.reduction: sum (multi-task comparisons): each loss summed over its rows, as MethodNetwork's terms.
        var summed = spec.Training.Reduction == LossReduction.Sum ? ", summed: true" : string.Empty;
        var bce = new TermCode("Task", index => $"{Objectives}TorchLossTerms.LabelledTaskLoss({Literals.Enum(HeadTask.Binary)}, {Literals.Enum(RegressionLoss.Mse)}, 0, outputs[{index}], batch, {index}{summed})");
        string Field(string type, string wanted, string value)
        {
            var name = CSharpNames.Unique([wanted], fields.Select(field => field.Name))[0];
            fields.Add(new FieldCode(type, name, value));
            return name;
        }

        TermCode Penalty(FairnessLossKind kind, SensitiveAttributeSpec attribute, double epsilon, double bandwidth, string subset, string otherHeads)
        {
            var key = $"{kind}|{attribute.Name}|{Literals.Double(epsilon)}|{Literals.Double(bandwidth)}";
            if (!definitions.TryGetValue(key, out var field))
            {
                field = Field(
                    "global::FairMtl.Objectives.Fairness.FairnessLossDefinition",
                    "_" + Camel(kind.ToString() + CSharpNames.Member(attribute.Name)),
                    $"new global::FairMtl.Objectives.Fairness.FairnessLossDefinition({Literals.Enum(kind)}, unit.Groups({Literals.String(attribute.Name)}), {Literals.Double(epsilon)}, {Literals.Double(bandwidth)})");
                definitions.Add(key, field);
            }

            return new TermCode(
                kind + CSharpNames.Member(attribute.Name) + (subset == "All" ? string.Empty : subset),
                index => $"{Objectives}TorchLossTerms.Fairness({field}, {Literals.String(attribute.Name)}, global::FairMtl.Objectives.Routing.RowSubset.{subset}, {otherHeads}, outputs[{index}], batch, {index}{summed})");
        }

        HeadSpec TaskHead(TaskSpec task) => new(task.Name, task.Name, HeadTask.Binary, false, spec.HeadHidden);
        HeadSpec OtherHead(string name, string column) => new(name, column, HeadTask.Binary, false, EquatableArray<int>.Empty);
        static string Float(double value) => Literals.Double((float)value);
        var one = Float(1d);
        RouteCode Single(string headScale, string trunkScale, string? condition, bool trunkNever, string describe) =>
            new([(bce, Literals.Double(1d))], headScale, trunkScale, condition, trunkNever, null, describe);

        string summary;
        string routing;
        var usesSetting = false;
        switch (method.Kind)
        {
            case MethodKind.SingleTask:
                summary = referenceTask is null ? $"Method <c>{Literals.XmlText(method.Name)}</c> (single-task)" : $"The single-task reference of a task (here <c>{Literals.XmlText(referenceTask)}</c>)";
                routing = "Each task head: its binary cross-entropy, head and trunk factor 1.";
                foreach (var task in spec.Tasks)
                {
                    heads.Add((TaskHead(task), null, Single(one, one, null, false, "binary cross-entropy, head and trunk factor 1")));
                }

                break;
            case MethodKind.Regularized:
            {
                summary = $"Method <c>{Literals.XmlText(method.Name)}</c> (regularised: {method.Loss.ToString().ToUpperInvariant()}, lambda {(onFront ? "of the unit" : Number(method.Lambda))}{(method.Loss == FairnessLossKind.Bgl ? ", epsilon " + Number(method.Epsilon) : string.Empty)})";
                routing = "Each task head: its binary cross-entropy plus lambda times the fairness loss on each sensitive attribute, head and trunk factor 1.";
                var lambda = onFront ? Field("double", "_lambda", "unit.Method.Lambda") : Literals.Double(method.Lambda);
                foreach (var task in spec.Tasks)
                {
                    var terms = new List<(TermCode, string)> { (bce, Literals.Double(1d)) };
                    terms.AddRange(spec.Sensitive.Select(attribute => (Penalty(method.Loss, attribute, method.Epsilon, 0d, "All", "[]"), lambda)));
                    heads.Add((TaskHead(task), null, new RouteCode(terms, one, one, null, false, null, "binary cross-entropy plus lambda times " + method.Loss.ToString().ToUpperInvariant() + " per attribute, head and trunk factor 1")));
                }

                break;
            }

            case MethodKind.Adversarial:
            {
                var reversed = Float(-method.Weight);
                summary = $"Method <c>{Literals.XmlText(method.Name)}</c> (adversarial, weight {Number(method.Weight)})";
                routing = "Task heads: their binary cross-entropy, head and trunk factor 1; each adversary (one per attribute of two groups, else one per group, from the data): its binary cross-entropy on group membership, head factor 1, trunk factor minus the weight (gradient reversal).";
                foreach (var task in spec.Tasks)
                {
                    heads.Add((TaskHead(task), null, Single(one, one, null, false, "binary cross-entropy, head and trunk factor 1")));
                }

                foreach (var attribute in spec.Sensitive)
                {
                    var member = "Adversary" + CSharpNames.Member(attribute.Name);
                    var count = Field("int", "_" + Camel(member) + "Count", $"unit.Groups({Literals.String(attribute.Name)}) == 2 ? 1 : unit.Groups({Literals.String(attribute.Name)})");
                    heads.Add((null, new FamilyPlan("adversary." + attribute.Name, member, count, $"the adversaries of {attribute.Name}"), Single(one, reversed, null, (float)-method.Weight == 0f, "binary cross-entropy, head factor 1, trunk factor " + Number((float)-method.Weight))));
                }

                break;
            }

            case MethodKind.GroupDecomposition:
            {
                var attribute = spec.Sensitive.First(a => a.Name == method.Attribute);
                summary = $"Method <c>{Literals.XmlText(method.Name)}</c> (group decomposition on {Literals.XmlText(attribute.Name)})";
                routing = "Per task, a head per group of the attribute (from the data): its binary cross-entropy over its group's rows, head and trunk factor 1.";
                var count = Field("int", "_" + Camel(CSharpNames.Member(attribute.Name)) + "Groups", $"unit.Groups({Literals.String(attribute.Name)})");
                foreach (var task in spec.Tasks)
                {
                    var member = CSharpNames.Member(task.Name) + CSharpNames.Member(attribute.Name);
                    var group = new TermCode("Group", index => $"{Objectives}TorchLossTerms.GroupCrossEntropy(outputs[{index}], batch, {index}, {Literals.String(attribute.Name)}, g)");
                    heads.Add((null, new FamilyPlan($"{task.Name}.{attribute.Name}", member, count, $"the heads of task {task.Name} per group of {attribute.Name}"), new RouteCode([(group, Literals.Double(1d))], one, one, null, false, null, "binary cross-entropy over the group's rows, head and trunk factor 1")));
                }

                break;
            }

            case MethodKind.Auxiliary:
            {
                summary = $"Method <c>{Literals.XmlText(method.Name)}</c> (fairness as an auxiliary task: {method.Loss.ToString().ToUpperInvariant()}, lambda {(onFront ? "of the unit" : Number(method.Lambda))}{(method.Loss == FairnessLossKind.Bgl ? ", epsilon " + Number(method.Epsilon) : string.Empty)})";
                routing = "Task heads: their binary cross-entropy, head and trunk factor lambda; a fairness head per attribute and task: the fairness loss, head and trunk factor 1 - lambda.";
                string taskScale, fairnessScale;
                string? taskCondition = null, fairnessCondition = null;
                bool taskNever = false, fairnessNever = false;
                if (onFront)
                {
                    var lambda = Field("float", "_lambda", "(float)unit.Method.Lambda");
                    (taskScale, fairnessScale) = ($"(double){lambda}", $"(double)(1f - {lambda})");
                    (taskCondition, fairnessCondition) = ($"{lambda} != 0f", $"1f - {lambda} != 0f");
                }
                else
                {
                    var lambda = (float)method.Lambda;
                    (taskScale, fairnessScale) = (Float(lambda), Float(1f - lambda));
                    (taskNever, fairnessNever) = (lambda == 0f, 1f - lambda == 0f);
                }

                foreach (var task in spec.Tasks)
                {
                    heads.Add((TaskHead(task), null, Single(taskScale, taskScale, taskCondition, taskNever, "binary cross-entropy, head and trunk factor lambda")));
                }

                foreach (var attribute in spec.Sensitive)
                {
                    foreach (var task in spec.Tasks)
                    {
                        var penalty = Penalty(method.Loss, attribute, method.Epsilon, 0d, "All", "[]");
                        heads.Add((OtherHead($"fairness.{attribute.Name}.{task.Name}", task.Name), null, new RouteCode([(penalty, Literals.Double(1d))], fairnessScale, fairnessScale, fairnessCondition, fairnessNever, null, method.Loss.ToString().ToUpperInvariant() + " on " + attribute.Name + ", head and trunk factor 1 - lambda")));
                    }
                }

                break;
            }

            case MethodKind.MultiTask or MethodKind.FairMultiTask or MethodKind.MtaF:
            {
                usesSetting = true;
                summary = $"Method <c>{Literals.XmlText(method.Name)}</c> ({(method.Kind == MethodKind.MultiTask ? "multi-task" : method.Kind == MethodKind.MtaF ? "MTA-F" : "fair multi-task")}{(method.Kind == MethodKind.MultiTask ? string.Empty : ": " + method.Loss.ToString().ToUpperInvariant() + (method.Loss == FairnessLossKind.Mmd ? ", bandwidth " + Number(method.Bandwidth) : string.Empty) + (method.Condition == FairnessCondition.Odds ? ", equalised odds" : string.Empty))})";
                routing = method.Kind switch
                {
                    MethodKind.MultiTask => "Task head t: its binary cross-entropy, head and trunk factor w_t (the unit's setting).",
                    MethodKind.FairMultiTask => "Task head t: its binary cross-entropy plus lambda_t times the fairness loss on the task's negatives (and positives: equalised odds) per attribute, head and trunk factor w_t (the unit's setting).",
                    _ => "Task head t: the head receives its binary cross-entropy plus lambda_t r_t times the fairness loss on the exclusive rows, the trunk its binary cross-entropy plus lambda_t times the loss on all the task's rows minus "
                        + (method.Shared == SharedFairness.ReleasedCode ? "lambda_t r_t (the released code's shared part)" : "lambda_t")
                        + " times the loss on the exclusive rows, both with factor w_t (the unit's setting).",
                };
                if (spec.Training.Reduction == LossReduction.Sum)
                {
                    routing += " Every loss is summed over its rows (training.reduction: sum).";
                }

                string? taskHeads = null;
                string OtherHeads() => taskHeads ??= Field("int[]", "_taskHeads", "[" + string.Join(", ", Enumerable.Range(0, spec.Tasks.Count).Select(Literals.Int)) + "]");
                for (var t = 0; t < spec.Tasks.Count; t++)
                {
                    var task = spec.Tasks[t];
                    var tt = Literals.Int(t);
                    var weight = Field("float", "_weight" + CSharpNames.Member(task.Name), $"(float)unit.Setting!.Weights[{tt}]");
                    var scale = $"(double){weight}";
                    var terms = new List<(TermCode, string)> { (bce, Literals.Double(1d)) };
                    List<(TermCode, string)>? trunkTerms = null;
                    if (method.Kind != MethodKind.MultiTask)
                    {
                        var lambda = Field("double", "_lambda" + CSharpNames.Member(task.Name), $"unit.Setting!.Lambdas[{tt}]");
                        var ratio = method.Kind == MethodKind.MtaF ? Field("double", "_lambdaRatio" + CSharpNames.Member(task.Name), $"unit.Setting!.Lambdas[{tt}] * unit.Setting.Ratios[{tt}]") : null;
                        // The shared layers' exclusive part: -lambda_t (the paper's Eq. 10) or -lambda_t r_t (shared: released-code).
                        var negativeLambda = method.Kind == MethodKind.MtaF
                            ? Field(
                                "double",
                                "_negativeLambda" + CSharpNames.Member(task.Name),
                                method.Shared == SharedFairness.ReleasedCode ? $"-unit.Setting!.Lambdas[{tt}] * unit.Setting.Ratios[{tt}]" : $"-unit.Setting!.Lambdas[{tt}]")
                            : null;
                        trunkTerms = method.Kind == MethodKind.MtaF ? [(bce, Literals.Double(1d))] : null;
                        var sides = method.Condition == FairnessCondition.Odds
                            ? new[] { ("Negatives", "ExclusiveNegatives"), ("Positives", "ExclusivePositives") }
                            : [("Negatives", "ExclusiveNegatives")];
                        foreach (var attribute in spec.Sensitive)
                        {
                            foreach (var (all, exclusive) in sides)
                            {
                                if (trunkTerms is null)
                                {
                                    terms.Add((Penalty(method.Loss, attribute, 0d, method.Bandwidth, all, OtherHeads()), lambda));
                                    continue;
                                }

                                var exclusiveTerm = Penalty(method.Loss, attribute, 0d, method.Bandwidth, exclusive, OtherHeads());
                                terms.Add((exclusiveTerm, ratio!));
                                trunkTerms.Add((Penalty(method.Loss, attribute, 0d, method.Bandwidth, all, OtherHeads()), lambda));
                                trunkTerms.Add((exclusiveTerm, negativeLambda!));
                            }
                        }
                    }

                    heads.Add((TaskHead(task), null, new RouteCode(terms, scale, scale, $"{weight} != 0f", false, trunkTerms, "head and trunk factor w_t")));
                }

                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(method), method.Kind, null);
        }

        var layout = new Layout(spec.Model, spec.Data.Embeddings, heads.Where(head => head.Fixed is not null).Select(head => head.Fixed!).ToArray(), trunk.Names.Concat(TrunkMembers));
        var familyNames = CSharpNames.Unique(
            heads.Where(head => head.Family is not null).SelectMany(head => new[] { head.Family!.Member + "Weights", head.Family.Member + "Biases", head.Family.Member + "Head" }),
            layout.Names.Concat(TrunkMembers).Concat(ModelMembers).Append("_weights"));
        var familyProperties = CSharpNames.Unique(
            heads.Where(head => head.Family is not null).Select(head => head.Family!.Member), layout.Heads.Select(head => head.Property).Concat(RecordMembers));
        var locals = CSharpNames.Unique(
            heads.Select(head => Camel(head.Fixed is { } spec1 ? CSharpNames.Member(spec1.Name) : head.Family!.Member)), ["heads", "trunk", "g", "h", "outputs", "batch"]);
        var fixedLayouts = new Queue<HeadLayout>(layout.Heads);
        var familyIndex = 0;
        var planned = new List<MethodHead>();
        for (var i = 0; i < heads.Count; i++)
        {
            var (fixedHead, family, route) = heads[i];
            if (fixedHead is not null)
            {
                planned.Add(new MethodHead(fixedLayouts.Dequeue(), null, route, locals[i], fixedHead.Name));
                continue;
            }

            var names = familyNames.Skip(3 * familyIndex).Take(3).ToArray();
            planned.Add(new MethodHead(
                null,
                new FamilyCode(family!.Prefix, Camel(family.Member) + "Heads", names[0], names[1], names[2], familyProperties[familyIndex], family.Count, family.Describe),
                route,
                locals[i],
                family.Describe));
            familyIndex++;
        }

        return new MethodCode(
            referenceTask is null ? method : null,
            referenceTask,
            className,
            referenceTask is null ? className + "Objective" : className.Substring(0, "Reference".Length) + "Objective",
            summary,
            routing,
            layout,
            planned,
            fields,
            usesSetting,
            onFront && method.Kind is MethodKind.Regularized or MethodKind.Auxiliary);
    }

    /// <summary>A number in a doc comment (round-trip, invariant).</summary>
    private static string Number(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>AdversarySex</c> -> <c>adversarySex</c>.</summary>
    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

    /// <summary>A method's code: its module and objective classes, heads and routes.</summary>
    private sealed record MethodCode(
        MethodSpec? Method,
        string? ReferenceTask,
        string Module,
        string Objective,
        string Summary,
        string Routing,
        Layout Layout,
        IReadOnlyList<MethodHead> Heads,
        IReadOnlyList<FieldCode> Fields,
        bool UsesSetting,
        bool UsesLambda);

    /// <summary>A head of a method's network (<paramref name="Fixed"/>) or a family of heads whose number depends on the
    /// data (<paramref name="Family"/>), its route, and its local name in the objective.</summary>
    private sealed record MethodHead(HeadLayout? Fixed, FamilyCode? Family, RouteCode Route, string Local, string Describe);

    /// <summary>A family as planned: the heads' name prefix, a member name, the objective's field with its count.</summary>
    private sealed record FamilyPlan(string Prefix, string Member, string Count, string Describe);

    /// <summary>A family's code: the network's head names' local, its weights' and biases' array properties, its head
    /// method, its outputs' property and the objective's count field.</summary>
    private sealed record FamilyCode(string Prefix, string Local, string Weights, string Biases, string Method, string Property, string CountField, string Describe);

    /// <summary>A head's route: its terms and coefficients (C# expressions), head and trunk factors (double
    /// expressions), the trunk part's condition when the trunk factor is known only at run time (null: always, unless
    /// <paramref name="TrunkNever"/>: a factor 0 at build time), and the trunk's own terms (MTA-F).</summary>
    private sealed record RouteCode(
        IReadOnlyList<(TermCode Term, string Coefficient)> Terms,
        string HeadScale,
        string TrunkScale,
        string? TrunkCondition,
        bool TrunkNever,
        IReadOnlyList<(TermCode Term, string Coefficient)>? TrunkTerms,
        string Describe);

    /// <summary>A loss term: its local's suffix and its code for a head index. Compared by reference, as the routes'
    /// terms are: one instance is computed once per head.</summary>
    private sealed class TermCode(string suffix, Func<string, string> code)
    {
        public string Suffix { get; } = suffix;

        public string Code(string index) => code(index);
    }

    /// <summary>A field of an objective, set from the unit in its constructor.</summary>
    private sealed record FieldCode(string Type, string Name, string Value);
}
