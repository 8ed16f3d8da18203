namespace FairMtl.Objectives;

/// <summary>Combines the heads' losses into the training objective.</summary>
public interface ILossCombiner
{
    /// <summary>
    /// The objective for the heads' <paramref name="losses"/>, writing d(objective)/d(loss h) into
    /// <paramref name="coefficients"/>: the factors the backward pass applies to each head's gradient.
    /// </summary>
    double Combine(double[] losses, double[] coefficients);
}
