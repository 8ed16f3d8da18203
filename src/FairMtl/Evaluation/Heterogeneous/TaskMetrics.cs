namespace FairMtl.Evaluation.Heterogeneous;

/// <summary>A task's test metrics, over the rows labelled for it (the FairMT kind).</summary>
/// <param name="Error">Classification: 1 - accuracy (multi-label: averaged over labels); regression: RMSE.</param>
/// <param name="Secondary">Binary: AUC; multi-class: macro-F1; multi-label: mean AUC over labels; regression: MAE.</param>
/// <param name="Harms">Per group, the task's harm measured with hard predictions (1 - TPR, or the FPR when the negative
/// class is favourable; 1 - positive rate, or the positive rate; MSE or MAE; NaN for a group without labelled rows).</param>
/// <param name="TprGap">Classification: the largest minus the smallest group TPR (multi-class: the mean over classes, the
/// macro TPR gap; multi-label: over labels); regression: NaN.</param>
/// <param name="DpGaps">The demographic-parity gap (largest minus smallest group positive rate) of each output: binary one,
/// multi-class one per class, multi-label one per label; regression: the gap of the group MAEs, one value.</param>
public sealed record TaskMetrics(double Error, double Secondary, double[] Harms, double TprGap, double[] DpGaps);
