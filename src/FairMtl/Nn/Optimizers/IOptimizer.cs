namespace FairMtl.Nn.Optimizers;

/// <summary>Updates parameters from their gradients.</summary>
public interface IOptimizer
{
    /// <summary>Applies one update from the current gradients.</summary>
    void Step();

    /// <summary>Forgets all state (moments, step count), as a freshly constructed optimiser.</summary>
    void Reset();
}
