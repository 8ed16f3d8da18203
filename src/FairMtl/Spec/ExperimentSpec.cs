namespace FairMtl.Spec;

/// <summary>
/// The resolved, validated description of one experiment. Every front end (YAML today, attributes through the
/// source generator) lowers to this model; nothing downstream reads YAML.
/// </summary>
/// <param name="Name">Experiment name; also the default results folder name.</param>
/// <param name="Description">Free text shown in reports.</param>
/// <param name="Data">Where the rows come from and how they are split.</param>
/// <param name="Model">The shared trunk.</param>
/// <param name="Heads">Task and protected-attribute heads, in declaration order.</param>
/// <param name="Loss">Weighting expression over head names and sweep variables, e.g. <c>alpha * y + (5 - alpha) * z</c>.</param>
/// <param name="Sweep">Sweep variables and seeds.</param>
/// <param name="Baseline">The single-task reference model.</param>
/// <param name="Training">Optimiser, batches, epochs, regime and early stopping.</param>
/// <param name="Evaluation">Which head is scored and which metric pair spans the Pareto front.</param>
public sealed record ExperimentSpec(
    string Name,
    string Description,
    DataSpec Data,
    ModelSpec Model,
    EquatableArray<HeadSpec> Heads,
    string Loss,
    SweepSpec Sweep,
    BaselineSpec Baseline,
    TrainingSpec Training,
    EvaluationSpec Evaluation)
{
    /// <summary>The head with the given name, or null.</summary>
    public HeadSpec? FindHead(string name)
    {
        foreach (var head in Heads)
        {
            if (head.Name == name)
            {
                return head;
            }
        }

        return null;
    }
}
