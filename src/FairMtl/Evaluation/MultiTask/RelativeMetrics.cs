namespace FairMtl.Evaluation.MultiTask;

/// <summary>
/// The relative multi-task metrics of Wang et al. (KDD 2021, "Understanding and Improving Fairness-Accuracy Trade-offs in
/// Multi-Task Learning"): each task's value divided by that of the task's single-task (STL) model, averaged over tasks,
/// so that 1 means "as the single-task models" and tasks of different scales weigh the same.
/// </summary>
public static class RelativeMetrics
{
    /// <summary>
    /// Average relative fairness gap: the mean over tasks t of <c>fprGaps[t] / stlFprGaps[t]</c>. NaN when any STL gap
    /// is zero or NaN (the ratio is undefined), when any gap is NaN, or when there are no tasks.
    /// </summary>
    /// <param name="fprGaps">Per task, the model's false positive rate gap.</param>
    /// <param name="stlFprGaps">Per task, the gap of that task's single-task model.</param>
    /// <exception cref="ArgumentException">The two spans differ in length.</exception>
    public static double Arfg(ReadOnlySpan<double> fprGaps, ReadOnlySpan<double> stlFprGaps) =>
        MeanRatio(fprGaps, stlFprGaps, "FPR gaps", nameof(stlFprGaps));

    /// <summary>
    /// Average relative error: the mean over tasks t of <c>errors[t] / stlErrors[t]</c>. NaN when any STL error is
    /// zero or NaN (the ratio is undefined), when any error is NaN, or when there are no tasks.
    /// </summary>
    /// <param name="errors">Per task, the model's error.</param>
    /// <param name="stlErrors">Per task, the error of that task's single-task model.</param>
    /// <exception cref="ArgumentException">The two spans differ in length.</exception>
    public static double Are(ReadOnlySpan<double> errors, ReadOnlySpan<double> stlErrors) =>
        MeanRatio(errors, stlErrors, "errors", nameof(stlErrors));

    private static double MeanRatio(ReadOnlySpan<double> values, ReadOnlySpan<double> stlValues, string what, string stlName)
    {
        if (values.Length != stlValues.Length)
        {
            throw new ArgumentException($"{values.Length} {what} but {stlValues.Length} STL {what}.", stlName);
        }

        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sum = 0d;
        for (var t = 0; t < values.Length; t++)
        {
            // x / 0 would be an infinity, not NaN; a zero STL value leaves the ratio undefined whatever x is.
            if (stlValues[t] == 0 || double.IsNaN(stlValues[t]))
            {
                return double.NaN;
            }

            sum += values[t] / stlValues[t];
        }

        return sum / values.Length;
    }
}
