namespace FairMtl.Objectives;

/// <summary>The plain sum of the heads' losses (the single-task baseline's objective).</summary>
public sealed class SumOfLosses : ILossCombiner
{
    public double Combine(double[] losses, double[] coefficients)
    {
        var total = 0.0;
        for (var i = 0; i < losses.Length; i++)
        {
            total += losses[i];
            coefficients[i] = 1.0;
        }

        return total;
    }
}
