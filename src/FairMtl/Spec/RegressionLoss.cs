namespace FairMtl.Spec;

/// <summary>The loss of a regression task (and its harm in a fairness constraint).</summary>
public enum RegressionLoss
{
    /// <summary>Mean squared error.</summary>
    Mse,

    /// <summary>Mean absolute error.</summary>
    Mae,
}
