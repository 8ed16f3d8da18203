namespace FairMtl.Spec;

/// <summary>Which engine trains the experiment's networks (<c>training.engine</c>).</summary>
public enum TrainingEngine
{
    /// <summary>This project's own float32 engine: hand-written forward and backward passes, SIMD, bit-identical on
    /// every x64 machine (the default).</summary>
    Native,

    /// <summary>libtorch through TorchSharp (the opt-in <c>FairMtl.Torch</c> engine): torch's autograd and optimisers,
    /// one intra-op thread, deterministic algorithms.</summary>
    Torch,
}
