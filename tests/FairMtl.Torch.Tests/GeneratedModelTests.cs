using FairMtl.Data;
using FairMtl.Generated.Experiments;
using FairMtl.Nn;
using FairMtl.Spec;
using FairMtl.Torch.Modules;
using FairMtl.Torch.Training;
using static TorchSharp.torch;

namespace FairMtl.Torch.Tests;

/// <summary>
/// The TorchSharp modules the source generator wrote for compiled torch experiments against the run-time model of the
/// same network (what runs a YAML file from outside the build): from the same weights they give the same outputs, losses,
/// gradients and moving statistics bit for bit, in a training pass (batch statistics, dropout masks from equally seeded
/// generators) and an evaluation pass; and they are what the engine builds for the experiment's multi-head network only.
/// </summary>
public class GeneratedModelTests
{
    public static TheoryData<string> Experiments => new() { "parkinson-torch", "boston-torch", "every-layer" };

    [Theory]
    [MemberData(nameof(Experiments))]
    public void The_generated_module_gives_the_run_time_models_outputs_and_gradients_bit_for_bit(string name)
    {
        var network = CompiledTorchExperiments.Network(name, seed: 3);
        var data = CompiledTorchExperiments.Data(name);
        using var generated = TorchModels.Create(name, network).ShouldNotBeNull();
        using var runtime = new RuntimeModel(network);
        WeightTransfer.ToTorch(network, generated);
        WeightTransfer.ToTorch(network, runtime);

        generated.ShouldNotBeOfType<RuntimeModel>();
        (network.Embedding is not null).ShouldBe(name == "every-layer", "every-layer embeds subject#, the others embed nothing");
        generated.HeadCount.ShouldBe(runtime.HeadCount);
        generated.Weights.Select(weight => weight.shape).ShouldBe(runtime.Weights.Select(weight => weight.shape));
        generated.Norms.Count.ShouldBe(runtime.Norms.Count);
        foreach (var training in new[] { true, false })
        {
            using var scope = NewDisposeScope();
            using var generatedDropout = new Generator(17);
            using var runtimeDropout = new Generator(17);
            var a = Step(generated, network, data.Train, new TorchPass(training, generatedDropout));
            var b = Step(runtime, network, data.Train, new TorchPass(training, runtimeDropout));

            for (var i = 0; i < a.Length; i++)
            {
                Bits(a[i]).ShouldBe(Bits(b[i]), $"{name}, {(training ? "training" : "evaluation")} pass, tensor {i} (outputs, losses, gradients, moving statistics)");
            }
        }
    }

    [Fact]
    public void Forward_returns_every_head_by_name_as_the_heads_give_them()
    {
        var network = CompiledTorchExperiments.Network("parkinson-torch", seed: 3);
        var data = CompiledTorchExperiments.Data("parkinson-torch");
        using var model = new ParkinsonTorchTorchModel(network);
        WeightTransfer.ToTorch(network, model);
        using var scope = NewDisposeScope();
        var x = Inputs(data.Train, 8);

        var outputs = model.Forward(x, TorchPass.Evaluation);

        outputs.Y.shape.ShouldBe([8L, 1L]);
        Bits(outputs.Y).ShouldBe(Bits(model.YHead(model.Trunk(x, TorchPass.Evaluation), TorchPass.Evaluation)));
        Bits(outputs.Z).ShouldBe(Bits(model.Head(1, model.Trunk(x, TorchPass.Evaluation), TorchPass.Evaluation)));
        model.Trunk0Weight.shape.ShouldBe([(long)network.Inputs, 64L]);
        model.ZOutputBias.shape.ShouldBe([1L]);
    }

    [Fact]
    public void The_engine_builds_the_generated_module_only_for_the_experiments_multi_head_network()
    {
        var spec = CompiledTorchExperiments.Find("parkinson-torch").Spec;
        var full = CompiledTorchExperiments.Network("parkinson-torch", seed: 3);
        var baseline = CompiledTorchExperiments.Network("parkinson-torch", seed: 3, [spec.FindHead("y")!]);

        using var model = TorchModels.Create("parkinson-torch", full);

        model.ShouldBeOfType<ParkinsonTorchTorchModel>();
        TorchModels.Create("parkinson-torch", baseline).ShouldBeNull("the single-task baseline trains the run-time model");
        TorchModels.Create(null, full).ShouldBeNull("a spec read at run time trains the run-time model");
        TorchModels.Create("parkinson", full).ShouldBeNull("a native experiment has no generated module");
    }

    [Fact]
    public void A_network_that_is_not_the_declared_one_is_refused_with_a_clear_message()
    {
        var spec = CompiledTorchExperiments.Find("parkinson-torch").Spec;
        var data = CompiledTorchExperiments.Data("parkinson-torch");
        var wider = MultiHeadNetwork.For(data.FeatureColumns, [], spec.Model with { Trunk = new[] { 64, 16 } }, spec.Heads, 32);
        var normalised = MultiHeadNetwork.For(data.FeatureColumns, [], spec.Model with { BatchNorm = true }, spec.Heads, 32);

        Should.Throw<InvalidOperationException>(() => new ParkinsonTorchTorchModel(wider)).Message
            .ShouldBe("The network is not the one experiment 'parkinson-torch' declares (its trunk has widths [64, 16], the experiment [64, 32]): its generated torch model cannot train it.");
        Should.Throw<InvalidOperationException>(() => new ParkinsonTorchTorchModel(normalised)).Message
            .ShouldContain("its trunk's activation, dropout or batch normalisation is not the experiment's");
    }

    /// <summary>One pass over the first 64 training rows: each head's outputs and task loss, the gradients of a weighted
    /// sum of the losses, and the moving statistics after the pass.</summary>
    private static Tensor[] Step(TorchModel model, MultiHeadNetwork network, DataPart part, TorchPass pass)
    {
        const int Rows = 64;
        foreach (var weight in model.Weights)
        {
            weight.grad?.zero_();
        }

        var x = Inputs(part, Rows);
        var features = model.Trunk(x, pass);
        var result = new List<Tensor>();
        Tensor? total = null;
        for (var h = 0; h < model.HeadCount; h++)
        {
            var head = network.Heads[h].Spec;
            var outputs = model.Head(h, features, pass);
            var targets = tensor(part.Targets[head.Name][..(Rows * head.TargetWidth)], [Rows, head.TargetWidth]);
            var loss = TorchTaskLoss.Compute(head, outputs, targets);
            result.Add(outputs.detach().clone());
            result.Add(loss.detach().clone());
            total = total is null ? loss.mul(1.5) : total.add(loss.mul(0.5 / h));
        }

        total!.backward();
        result.AddRange(model.Weights.Select(weight => weight.grad!.clone()));
        result.AddRange(model.Norms.SelectMany(norm => new[] { norm.Mean.clone(), norm.Variance.clone() }));
        return result.ToArray();
    }

    private static Tensor Inputs(DataPart part, int rows) => tensor(part.X[..(rows * part.Features)], [rows, part.Features]);

    private static int[] Bits(Tensor tensor) =>
        tensor.contiguous().data<float>().ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
}
