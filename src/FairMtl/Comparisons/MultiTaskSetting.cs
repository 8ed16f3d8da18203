namespace FairMtl.Comparisons;

/// <summary>One setting of the multi-task sweep: per task its weight w_t, fairness weight lambda_t and MTA-F ratio r_t.</summary>
/// <param name="Index">0-based run of the sweep (the same run of every method shares the setting).</param>
/// <param name="Weights">w_t (they sum to 1).</param>
/// <param name="Lambdas">lambda_t.</param>
/// <param name="Ratios">r_t.</param>
public sealed record MultiTaskSetting(int Index, double[] Weights, double[] Lambdas, double[] Ratios);
