using FairMtl.Spec;
using FairMtl.Store;
using FairMtl.Training;

namespace FairMtl.Torch.Tests;

/// <summary>A unit trained on the torch engine is stored under a numerics version that names this engine's build and
/// TorchSharp's version, so another build of the engine does not reuse it.</summary>
public class StoreIdentityTests
{
    [Fact]
    public void The_torch_engines_units_carry_its_build_and_torchsharps_version()
    {
        var engine = new TorchEngine();
        TrainingEngines.Register(engine);

        var version = NumericsVersion.For(TrainingEngine.Torch);

        version.ShouldBe($"{NumericsVersion.Current}+torch:{engine.Version}");
        engine.Version.ShouldContain("/TorchSharp 0.107.0");
        engine.Version.ShouldBe(new TorchEngine().Version);
    }
}
