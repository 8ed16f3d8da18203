namespace FairMtl.Objectives;

/// <summary>The loss of a regression head's value against its target.</summary>
public enum RegressionLoss
{
    /// <summary>Squared error (o - t)^2.</summary>
    Mse,

    /// <summary>Absolute error |o - t|, with derivative sign(o - t) (0 where o = t).</summary>
    Mae,
}
