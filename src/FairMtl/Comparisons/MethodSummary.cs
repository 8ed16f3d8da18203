namespace FairMtl.Comparisons;

/// <summary>A method's metrics over the repetitions: mean and sample standard deviation per metric.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Lambda">Its lambda (front rows: the swept value).</param>
/// <param name="Succeeded">Repetitions that trained.</param>
/// <param name="Failed">Repetitions that failed.</param>
/// <param name="Means">Per metric, the mean over the successful repetitions (NaN when none, or when a value is NaN).</param>
/// <param name="StandardDeviations">Per metric, the sample standard deviation (n - 1; 0 for one repetition).</param>
public sealed record MethodSummary(string Method, double Lambda, int Succeeded, int Failed, double[] Means, double[] StandardDeviations)
{
    /// <summary>Summarises the runs of one method (and lambda).</summary>
    public static MethodSummary Of(string method, double lambda, IReadOnlyList<ComparisonRun> runs, int metricCount)
    {
        var ok = runs.Where(run => run.Metrics is not null).Select(run => run.Metrics!).ToArray();
        var means = new double[metricCount];
        var sds = new double[metricCount];
        for (var m = 0; m < metricCount; m++)
        {
            if (ok.Length == 0)
            {
                means[m] = sds[m] = double.NaN;
                continue;
            }

            var sum = 0.0;
            foreach (var values in ok)
            {
                sum += values[m];
            }

            var mean = sum / ok.Length;
            var squares = 0.0;
            foreach (var values in ok)
            {
                squares += (values[m] - mean) * (values[m] - mean);
            }

            means[m] = mean;
            sds[m] = ok.Length > 1 ? Math.Sqrt(squares / (ok.Length - 1)) : 0d;
        }

        return new MethodSummary(method, lambda, ok.Length, runs.Count - ok.Length, means, sds);
    }
}
