using FairMtl.Spec;

namespace FairMtl.Evaluation;

/// <summary>MSE, RMSE and MAE of one set of predictions.</summary>
public readonly record struct ErrorMetrics(double Mse, double Rmse, double Mae)
{
    /// <summary>The value of one metric.</summary>
    public double Get(ErrorMetric metric) => metric switch
    {
        ErrorMetric.Mse => Mse,
        ErrorMetric.Rmse => Rmse,
        ErrorMetric.Mae => Mae,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>True when every metric is a finite number.</summary>
    public bool IsFinite => double.IsFinite(Mse) && double.IsFinite(Rmse) && double.IsFinite(Mae);

    /// <summary>Metrics of <c>predictions - targets</c> over the rows where <paramref name="include"/> holds (all when null).</summary>
    public static ErrorMetrics Compute(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets, Func<int, bool>? include = null)
    {
        var count = 0;
        var squares = 0.0;
        var absolutes = 0.0;
        for (var i = 0; i < predictions.Length; i++)
        {
            if (include is not null && !include(i))
            {
                continue;
            }

            var error = predictions[i] - targets[i];
            squares += error * error;
            absolutes += Math.Abs(error);
            count++;
        }

        if (count == 0)
        {
            return new ErrorMetrics(double.NaN, double.NaN, double.NaN);
        }

        var mse = squares / count;
        return new ErrorMetrics(mse, Math.Sqrt(mse), absolutes / count);
    }
}
