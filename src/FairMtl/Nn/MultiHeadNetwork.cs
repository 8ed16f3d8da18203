using FairMtl.Numerics;
using FairMtl.Spec;

namespace FairMtl.Nn;

/// <summary>
/// A shared trunk of hidden blocks feeding several heads. Backward takes, per head, one coefficient for the head's
/// own parameters and one for the gradient it sends into the trunk, so a loss can be routed to the head only, the
/// trunk only, or both. A loss-conditional network (<see cref="Conditions"/> &gt; 0) reads its conditioning variables
/// from the last inputs of each row, and may modulate every trunk layer by them (<see cref="Film"/>).
/// </summary>
public sealed class MultiHeadNetwork
{
    private readonly float[][] _trunkGradients;
    private readonly float[] _embeddingGradient;
    private readonly float[] _scratch;

    /// <param name="inputs">The data's inputs per row.</param>
    /// <param name="model">The trunk.</param>
    /// <param name="heads">The heads, in order.</param>
    /// <param name="maxRows">The largest batch.</param>
    /// <param name="embedding">Learned embeddings of categorical inputs in front of the trunk (its
    /// <see cref="InputEmbedding.Inputs"/> must be <paramref name="inputs"/>), or null.</param>
    /// <param name="conditions">How many of the last inputs are conditioning variables (0: none).</param>
    /// <param name="film">Whether each trunk layer's outputs are modulated by the conditioning variables (FiLM).</param>
    public MultiHeadNetwork(
        int inputs, ModelSpec model, IReadOnlyList<HeadSpec> heads, int maxRows, InputEmbedding? embedding = null, int conditions = 0, bool film = false)
    {
        if (conditions < 0 || conditions > inputs || (film && conditions == 0))
        {
            throw new ArgumentOutOfRangeException(nameof(conditions), conditions, $"FiLM needs conditioning inputs, at most the {inputs} inputs");
        }

        if (embedding is not null && embedding.Inputs != inputs)
        {
            throw new ArgumentException($"The embedding takes {embedding.Inputs} inputs, the network {inputs}.", nameof(embedding));
        }

        Inputs = inputs;
        MaxRows = maxRows;
        Embedding = embedding;
        var trunk = new HiddenBlock[model.Trunk.Count];
        var width = embedding?.Outputs ?? inputs;
        var maxProduct = 0;
        for (var i = 0; i < trunk.Length; i++)
        {
            trunk[i] = new HiddenBlock($"trunk.{i}", "trunk", width, model.Trunk[i], model.Activation, model.BatchNorm, model.Dropout, maxRows);
            maxProduct = Math.Max(maxProduct, width * model.Trunk[i]);
            width = model.Trunk[i];
        }

        Trunk = trunk;
        TrunkWidth = width;
        Conditions = conditions;
        Film = film
            ? trunk.Select((block, i) => new FilmLayer($"trunk.{i}.film", conditions, block.Dense.Outputs, maxRows)).ToArray()
            : null;
        Heads = heads.Select(head => new OutputHead(head, width, model.Activation, maxRows)).ToArray();
        foreach (var head in heads)
        {
            var headWidth = width;
            foreach (var hidden in head.Hidden)
            {
                maxProduct = Math.Max(maxProduct, headWidth * hidden);
                headWidth = hidden;
            }

            maxProduct = Math.Max(maxProduct, headWidth * head.Outputs);
        }

        if (trunk.Length > 0 && embedding is null)
        {
            // The first layer sees the data's rows: one-hot columns make them mostly zero.
            trunk[0].Dense.AcceptSparseInput(maxRows);
        }

        _trunkGradients = trunk.Select(block => UnitBuffers.Rent<float>(maxRows * block.Dense.Outputs)).ToArray();
        _embeddingGradient = embedding is null ? [] : UnitBuffers.Rent<float>(maxRows * embedding.Outputs);
        _scratch = UnitBuffers.Rent<float>(maxProduct);
        Parameters = (embedding?.Parameters ?? [])
            .Concat(trunk.SelectMany(block => block.Parameters))
            .Concat(Film?.SelectMany(layer => layer.Parameters) ?? [])
            .Concat(Heads.SelectMany(head => head.Parameters))
            .ToArray();
    }

    /// <summary>
    /// The network over inputs whose data columns are <paramref name="featureColumns"/> (one per input), with the
    /// declared <paramref name="embeddings"/> of categorical columns in front of the trunk (none: the inputs as they are).
    /// </summary>
    public static MultiHeadNetwork For(
        IReadOnlyList<string> featureColumns, IReadOnlyList<EmbeddingSpec> embeddings, ModelSpec model, IReadOnlyList<HeadSpec> heads, int maxRows) =>
        new(featureColumns.Count, model, heads, maxRows, InputEmbedding.For(featureColumns, embeddings, maxRows));

    /// <summary>
    /// As <see cref="For(IReadOnlyList{string}, IReadOnlyList{EmbeddingSpec}, ModelSpec, IReadOnlyList{HeadSpec}, int)"/>,
    /// with <paramref name="conditions"/> conditioning inputs after the data's (they are never embedded) and, when
    /// <paramref name="film"/>, FiLM on every trunk layer.
    /// </summary>
    public static MultiHeadNetwork For(
        IReadOnlyList<string> featureColumns, IReadOnlyList<EmbeddingSpec> embeddings, ModelSpec model, IReadOnlyList<HeadSpec> heads, int maxRows, int conditions, bool film)
    {
        var columns = featureColumns.Concat(Enumerable.Range(0, conditions).Select(ConditionColumn)).ToArray();
        return new(columns.Length, model, heads, maxRows, InputEmbedding.For(columns, embeddings, maxRows), conditions, film);
    }

    /// <summary>The column name of conditioning input <paramref name="index"/> among the inputs' data columns (what
    /// embeddings find their inputs by; it names no data column an embedding declares).</summary>
    public static string ConditionColumn(int index) => $"<condition {index}>";

    public int Inputs { get; }

    public int MaxRows { get; }

    public int TrunkWidth { get; }

    public HiddenBlock[] Trunk { get; }

    /// <summary>The embeddings in front of the trunk, or null.</summary>
    public InputEmbedding? Embedding { get; }

    public OutputHead[] Heads { get; }

    /// <summary>How many of the last inputs are conditioning variables (0: an ordinary network).</summary>
    public int Conditions { get; }

    /// <summary>The FiLM layer after each trunk block, or null.</summary>
    public FilmLayer[]? Film { get; }

    /// <summary>All trainable parameters: the embeddings' tables, the trunk, then the heads in order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Index of the head with the given name, or -1.</summary>
    public int HeadIndex(string name)
    {
        for (var h = 0; h < Heads.Length; h++)
        {
            if (Heads[h].Spec.Name == name)
            {
                return h;
            }
        }

        return -1;
    }

    /// <summary>Draws initial weights: trunk layers first, then each head, so that networks with a subset of the
    /// heads start from the same trunk; then the embeddings' tables (so that declaring embeddings leaves the draws of
    /// every layer's weights as they were).</summary>
    public void Initialize(Initializer initializer, DeterministicRandom random)
    {
        foreach (var block in Trunk)
        {
            block.Initialize(initializer, random);
        }

        foreach (var head in Heads)
        {
            head.Initialize(initializer, random);
        }

        Embedding?.Initialize(random);
        foreach (var layer in Film ?? [])
        {
            layer.Initialize();
        }
    }

    /// <summary>Whether <see cref="PreloadSparseBatch"/> can take a batch: the first trunk layer sees the data's rows
    /// (no embedding, no FiLM) and takes them as non-zero entries.</summary>
    public bool AcceptsSparseBatch => Embedding is null && Film is null && Trunk.Length > 0 && Trunk[0].Dense.AcceptsSparseInput;

    /// <summary>
    /// Loads the next training batch, the rows <paramref name="rows"/> of <paramref name="data"/>, into the first trunk
    /// layer for the next <see cref="Forward"/>, which then does not read its input: false when the network cannot take
    /// it (see <see cref="AcceptsSparseBatch"/>) or the batch is too dense, and the caller gathers the rows instead.
    /// </summary>
    public bool PreloadSparseBatch(SparseRowMatrix data, ReadOnlySpan<int> rows) =>
        AcceptsSparseBatch && Trunk[0].Dense.Preload(data, rows);

    /// <summary>Runs rows [rows x Inputs] through the trunk and every head.</summary>
    public void Forward(ReadOnlySpan<float> input, int rows, bool training, DeterministicRandom? dropoutRandom)
    {
        if (rows > MaxRows)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"at most {MaxRows} rows per pass");
        }

        var current = input;
        if (Embedding is not null)
        {
            Embedding.Forward(input, rows);
            current = Embedding.Output.AsSpan(0, rows * Embedding.Outputs);
        }

        for (var l = 0; l < Trunk.Length; l++)
        {
            var block = Trunk[l];
            block.Forward(current, rows, training, dropoutRandom);
            current = block.Output;
            if (Film is { } film)
            {
                film[l].Forward(block.Output, input, Inputs, rows);
                current = film[l].Output;
            }
        }

        var trunkOutput = TrunkOutput;
        foreach (var head in Heads)
        {
            head.Forward(trunkOutput, rows, training);
        }
    }

    /// <summary>
    /// Gradients for the last forward pass. <paramref name="gradPredictions"/>[h] is d(loss of head h)/d(outputs of head
    /// h) (rows x the head's outputs, row-major, as <see cref="OutputHead.Prediction"/>);
    /// head h's parameters receive it times <paramref name="headScales"/>[h], the trunk times
    /// <paramref name="trunkScales"/>[h].
    /// </summary>
    public void Backward(
        ReadOnlySpan<float> input,
        int rows,
        float[][] gradPredictions,
        ReadOnlySpan<float> headScales,
        ReadOnlySpan<float> trunkScales) =>
        Backward(input, rows, gradPredictions, headScales, trunkScales, null);

    /// <summary>
    /// As <see cref="Backward(ReadOnlySpan{float}, int, float[][], ReadOnlySpan{float}, ReadOnlySpan{float})"/>, except
    /// that a head h with a non-null <paramref name="trunkGradPredictions"/>[h] sends that gradient (times
    /// <paramref name="trunkScales"/>[h]) into the trunk instead of the one its parameters receive: a loss can reach
    /// the head only, the trunk only, or both with different weights (the MTA-F split).
    /// </summary>
    public void Backward(
        ReadOnlySpan<float> input,
        int rows,
        float[][] gradPredictions,
        ReadOnlySpan<float> headScales,
        ReadOnlySpan<float> trunkScales,
        float[]?[]? trunkGradPredictions)
    {
        var trunkOutput = TrunkOutput;
        var last = Trunk.Length - 1;
        var gradTop = _trunkGradients[last].AsSpan(0, rows * TrunkWidth);
        gradTop.Clear();
        for (var h = 0; h < Heads.Length; h++)
        {
            var head = Heads[h];
            head.Backward(trunkOutput, gradPredictions[h], rows, headScales[h], _scratch);
            var scale = trunkScales[h];
            if (scale == 0f)
            {
                continue;
            }

            if (trunkGradPredictions?[h] is { } trunkGradient)
            {
                head.BackwardInput(trunkOutput, trunkGradient, rows, _scratch);
            }

            MatrixKernels.ScaleAdd(scale, head.InputGradient.AsSpan(0, gradTop.Length), gradTop);
        }

        var trunkInput = Embedding is null ? input : Embedding.Output.AsSpan(0, rows * Embedding.Outputs);
        for (var l = last; l >= 0; l--)
        {
            Film?[l].Backward(Trunk[l].Output, _trunkGradients[l].AsSpan(0, rows * Trunk[l].Dense.Outputs), input, Inputs, 1f);
            var blockInput = l == 0 ? trunkInput : BlockOutput(l - 1);
            var gradInput = l > 0 ? _trunkGradients[l - 1].AsSpan() : _embeddingGradient.AsSpan();
            Trunk[l].Backward(blockInput, _trunkGradients[l], gradInput, _scratch, 1f);
        }

        Embedding?.Backward(input, _embeddingGradient.AsSpan(0, rows * Embedding.Outputs));
    }

    /// <summary>Batch-normalisation layers of the trunk (their moving statistics are model state).</summary>
    public IEnumerable<BatchNormalization> Norms => Trunk.Select(block => block.Norm).OfType<BatchNormalization>();

    private float[] TrunkOutput => Trunk.Length == 0
        ? throw new InvalidOperationException("The trunk has no layers.")
        : BlockOutput(Trunk.Length - 1);

    /// <summary>What trunk block <paramref name="l"/> passes on: its output, modulated when the network has FiLM.</summary>
    private float[] BlockOutput(int l) => Film is { } film ? film[l].Output : Trunk[l].Output;
}
