using FairMtl.Spec;

namespace FairMtl.Comparisons;

/// <summary>
/// The method a comparison unit trains, as an engine sees it (<see cref="Training.TrainerSettings.Method"/>): the
/// method with the unit's lambda (a front point's, or its own), the multi-task sweep's setting, and the data's sensitive
/// attributes (their group counts size the fairness losses and the heads per group).
/// </summary>
/// <param name="Method">The method, its lambda the unit's.</param>
/// <param name="Setting">The multi-task methods' sweep setting (w_t, lambda_t, r_t); null for the other methods and
/// for the single-task references.</param>
/// <param name="Attributes">The sensitive attributes resolved on the data, in spec order.</param>
public sealed record TrainedMethod(MethodSpec Method, MultiTaskSetting? Setting, IReadOnlyList<SensitiveGroups> Attributes)
{
    /// <summary>The number of groups of sensitive attribute <paramref name="attribute"/>.</summary>
    /// <exception cref="ArgumentException">The data has no such attribute.</exception>
    public int Groups(string attribute)
    {
        foreach (var groups in Attributes)
        {
            if (groups.Name == attribute)
            {
                return groups.Count;
            }
        }

        throw new ArgumentException($"The data has no sensitive attribute '{attribute}'.", nameof(attribute));
    }
}
