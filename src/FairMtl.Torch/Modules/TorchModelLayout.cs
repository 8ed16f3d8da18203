using FairMtl.Nn;
using FairMtl.Spec;
using TorchParameter = TorchSharp.Modules.Parameter;

namespace FairMtl.Torch.Modules;

/// <summary>
/// What a generated torch model reads from the native network it mirrors (the widths that depend on the data: the
/// inputs after one-hot expansion, the embedded columns' categories and places), and the checks that the network is the
/// one its experiment declares.
/// </summary>
public static class TorchModelLayout
{
    /// <summary>Whether <paramref name="network"/>'s heads are <paramref name="spec"/>'s, by name and in order: the
    /// experiment's multi-head network, not one with only some of its heads (a sweep's single-task baseline).</summary>
    public static bool HasHeads(MultiHeadNetwork network, ExperimentSpec spec) =>
        network.Heads.Select(head => head.Spec.Name).SequenceEqual(spec.Heads.Select(head => head.Name), StringComparer.Ordinal);

    /// <summary>Checks that <paramref name="network"/>'s trunk, heads and embeddings are those <paramref name="spec"/>
    /// declares.</summary>
    /// <exception cref="InvalidOperationException">They are not: the experiment's generated model cannot mirror it.</exception>
    public static void Check(MultiHeadNetwork network, ExperimentSpec spec)
    {
        var model = spec.Model;
        CheckTrunk(network, spec.Name, model.Trunk, model.Activation, model.Dropout, model.BatchNorm, spec.Data.Embeddings.Select(embedding => (embedding.Column, embedding.Width)).ToArray());
        CheckHeads(network, spec.Name, spec.Heads.Select(head => (head.Name, head.Hidden.ToArray(), head.Outputs)).ToArray());
    }

    /// <summary>Checks that <paramref name="network"/>'s trunk (widths, activation, dropout, batch normalisation) and
    /// embedded columns are the declared ones (an embedding declared for a column that is not an input is not
    /// embedded).</summary>
    /// <exception cref="InvalidOperationException">They are not: the experiment's generated model cannot mirror it.</exception>
    public static void CheckTrunk(
        MultiHeadNetwork network,
        string experiment,
        IReadOnlyList<int> trunkWidths,
        Activation activation,
        double dropout,
        bool batchNorm,
        IReadOnlyList<(string Column, int Width)> embeddings)
    {
        var trunk = network.Trunk;
        if (!trunk.Select(block => block.Dense.Outputs).SequenceEqual(trunkWidths))
        {
            throw Mismatch(experiment, $"its trunk has widths [{string.Join(", ", trunk.Select(block => block.Dense.Outputs))}], the experiment [{string.Join(", ", trunkWidths)}]");
        }

        if (trunk.Any(block => block.Activation != activation || block.DropoutRate != (float)dropout || block.Norm is not null != batchNorm))
        {
            throw Mismatch(experiment, "its trunk's activation, dropout or batch normalisation is not the experiment's");
        }

        foreach (var column in network.Embedding?.Columns ?? [])
        {
            var name = ColumnOf(column.Table);
            if (!embeddings.Any(embedding => embedding.Column == name && embedding.Width == column.Width))
            {
                throw Mismatch(experiment, $"it embeds column '{name}' in {column.Width} dimensions, which the experiment does not declare");
            }
        }
    }

    /// <summary>Checks that <paramref name="network"/>'s heads are <paramref name="heads"/>: names in order, hidden
    /// widths and outputs.</summary>
    /// <exception cref="InvalidOperationException">They are not: the experiment's generated model cannot mirror it.</exception>
    public static void CheckHeads(MultiHeadNetwork network, string experiment, IReadOnlyList<(string Name, int[] Hidden, int Outputs)> heads)
    {
        if (!network.Heads.Select(head => head.Spec.Name).SequenceEqual(heads.Select(head => head.Name), StringComparer.Ordinal))
        {
            throw Mismatch(experiment, $"its heads are [{string.Join(", ", network.Heads.Select(head => head.Spec.Name))}], the experiment's [{string.Join(", ", heads.Select(head => head.Name))}]");
        }

        for (var h = 0; h < network.Heads.Length; h++)
        {
            var head = network.Heads[h];
            var declared = heads[h];
            if (!head.Hidden.Select(block => block.Dense.Outputs).SequenceEqual(declared.Hidden) || head.Outputs != declared.Outputs)
            {
                throw Mismatch(experiment, $"head '{declared.Name}' has other hidden widths or outputs than declared");
            }
        }
    }

    /// <summary>The names of <paramref name="network"/>'s heads of a family whose number depends on the data (a
    /// comparison's heads per group): the head named <paramref name="name"/> alone when the network has it (an
    /// attribute of two groups has one adversary), else <c>name.0</c>, <c>name.1</c>, ... for as long as the network has
    /// them; in network order.</summary>
    public static string[] Family(MultiHeadNetwork network, string name)
    {
        var names = network.Heads.Select(head => head.Spec.Name).ToArray();
        if (names.Contains(name, StringComparer.Ordinal))
        {
            return [name];
        }

        var family = new List<string>();
        while (names.Contains($"{name}.{family.Count}", StringComparer.Ordinal))
        {
            family.Add($"{name}.{family.Count}");
        }

        return family.ToArray();
    }

    /// <summary>The trunk's inputs per row: the data's inputs, each embedded column's one-hot inputs replaced by its
    /// width.</summary>
    public static int TrunkInputs(MultiHeadNetwork network) => network.Embedding?.Outputs ?? network.Inputs;

    /// <summary>The runs of pass-through inputs and embedded columns of <paramref name="network"/>'s inputs (none
    /// without embeddings).</summary>
    public static EmbeddingSegment[] Segments(MultiHeadNetwork network) =>
        network.Embedding is { } embedding ? EmbeddingSegment.Of(embedding) : [];

    /// <summary>The categories (rows of the table) of embedded column <paramref name="column"/>, or 0 when the network
    /// does not embed it (declared, but not an input: excluded, or a task or sensitive column).</summary>
    public static int Categories(MultiHeadNetwork network, string column) =>
        network.Embedding?.Columns.FirstOrDefault(embedded => ColumnOf(embedded.Table) == column).Categories ?? 0;

    /// <summary>The tables of the embedded columns in the network's order (the columns' input order, the order of its
    /// parameters), the columns it does not embed (null tables) left out.</summary>
    public static TorchParameter[] InInputOrder(MultiHeadNetwork network, params (string Column, TorchParameter? Table)[] tables) =>
        (network.Embedding?.Columns ?? [])
            .Select(embedded => tables.Single(table => table.Column == ColumnOf(embedded.Table)).Table
                ?? throw new InvalidOperationException($"No table for embedded column '{ColumnOf(embedded.Table)}'."))
            .ToArray();

    /// <summary>The column of an embedding table (<c>embedding.&lt;column&gt;</c>).</summary>
    private static string ColumnOf(FairMtl.Nn.Parameter table) => table.Name["embedding.".Length..];

    private static InvalidOperationException Mismatch(string experiment, string what) =>
        new($"The network is not the one experiment '{experiment}' declares ({what}): its generated torch model cannot train it.");
}
