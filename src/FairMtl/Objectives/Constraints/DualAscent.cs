namespace FairMtl.Objectives.Constraints;

/// <summary>
/// The multiplier of a primal-dual method (this project's design after the FairMT abstract): mu starts at 0 and after
/// every batch becomes max(0, mu + step (F_avg - epsilon)), F_avg the constraint value of the batch or, with averaging
/// a &gt; 0, its running average F_avg = a F_avg + (1 - a) F (started at the first batch's F). The batch's gradient uses
/// the multiplier before its update.
/// </summary>
public sealed class DualAscent
{
    private bool _started;
    private double _average;

    /// <param name="epsilon">The bound the constraint should meet.</param>
    /// <param name="step">The step size (&gt; 0).</param>
    /// <param name="averaging">The running average's decay in [0, 1).</param>
    public DualAscent(double epsilon, double step, double averaging)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epsilon);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        if (!(averaging >= 0d && averaging < 1d))
        {
            throw new ArgumentOutOfRangeException(nameof(averaging), averaging, "The averaging decay must lie in [0, 1).");
        }

        Epsilon = epsilon;
        Step = step;
        Averaging = averaging;
    }

    /// <summary>The bound epsilon.</summary>
    public double Epsilon { get; }

    /// <summary>The step size.</summary>
    public double Step { get; }

    /// <summary>The running average's decay.</summary>
    public double Averaging { get; }

    /// <summary>The current multiplier mu (&gt;= 0).</summary>
    public double Multiplier { get; private set; }

    /// <summary>Ascends on the batch's constraint value <paramref name="constraint"/>.</summary>
    public void Update(double constraint)
    {
        _average = _started ? (Averaging * _average) + ((1d - Averaging) * constraint) : constraint;
        _started = true;
        Multiplier = Math.Max(0d, Multiplier + (Step * (_average - Epsilon)));
    }
}
