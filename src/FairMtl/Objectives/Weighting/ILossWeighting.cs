namespace FairMtl.Objectives.Weighting;

/// <summary>
/// A loss weighting: the training objective as a function of the heads' losses and the sweep variables, and its
/// partial derivatives with respect to each loss (the factors the backward pass applies to each head's gradient).
/// Implemented by <see cref="CompiledWeighting"/> (interpreted at run time) and by the C# the source generator emits
/// for compiled experiments; both evaluate the same expression tree in the same order, so they agree bit for bit.
/// Implementations must be thread-safe and must not allocate.
/// </summary>
public interface ILossWeighting
{
    /// <summary>The weighted total loss.</summary>
    /// <param name="losses">One value per head, in the spec's head order.</param>
    /// <param name="variables">One value per sweep variable, in the spec's variable order.</param>
    double Evaluate(double[] losses, double[] variables);

    /// <summary>Writes d(total)/d(losses[i]) into <paramref name="dLosses"/>.</summary>
    void Gradient(double[] losses, double[] variables, double[] dLosses);
}
