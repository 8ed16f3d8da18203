namespace FairMtl.Evaluation.Statistics;

/// <summary>The outcome of a <see cref="PairedTTest"/> on the differences a - b.</summary>
/// <param name="Count">The number of pairs.</param>
/// <param name="MeanDifference">The mean of a - b; NaN for no pairs.</param>
/// <param name="Low">The lower end of the t confidence interval of the mean difference.</param>
/// <param name="High">The upper end of the t confidence interval of the mean difference.</param>
/// <param name="Statistic">The t statistic: the mean difference over its standard error.</param>
/// <param name="PValue">The two-sided p value of the hypothesis that the mean difference is 0.</param>
public sealed record PairedTestResult(
    int Count, double MeanDifference, double Low, double High, double Statistic, double PValue);
