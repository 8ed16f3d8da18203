using FairMtl.Nn;
using FairMtl.Nn.Optimizers;

namespace FairMtl.Tests.Nn;

public class OptimizerTests
{
    [Fact]
    public void Adam_follows_the_bias_corrected_update()
    {
        var parameter = new Parameter("w", "trunk", 2);
        parameter.Value[0] = 1f;
        parameter.Value[1] = -2f;
        var adam = new Adam([parameter], 0.1, 0.9, 0.999, 1e-7);
        parameter.Gradient[0] = 0.5f;
        parameter.Gradient[1] = -3f;
        adam.Step();

        // After one step m_hat = g and v_hat = g^2, so the update is lr * g / (|g| + eps) = lr * sign(g) (almost).
        parameter.Value[0].ShouldBe(1f - 0.1f * 0.5f / (0.5f + 1e-7f), 1e-6f);
        parameter.Value[1].ShouldBe(-2f + 0.1f, 1e-6f);

        parameter.Gradient[0] = 0.25f;
        parameter.Gradient[1] = 0f;
        adam.Step();
        double m = 0.9 * 0.05 + 0.1 * 0.25, v = 0.999 * 0.00025 + 0.001 * 0.0625;
        var expected = (1 - 0.1 * 0.5 / (0.5 + 1e-7)) - 0.1 * (m / (1 - 0.81)) / (Math.Sqrt(v / (1 - 0.999 * 0.999)) + 1e-7);
        parameter.Value[0].ShouldBe((float)expected, 1e-6f);
    }

    public static TheoryData<string> Optimizers => new() { "adam", "adagrad", "sgd" };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Reset_makes_an_optimizer_behave_like_a_fresh_one(string name)
    {
        var a = new Parameter("a", "trunk", 1);
        var b = new Parameter("b", "trunk", 1);
        var used = Make(name, a);
        var fresh = Make(name, b);
        a.Gradient[0] = 3f;
        used.Step();
        used.Reset();
        a.Value[0] = b.Value[0] = 0.5f;
        a.Gradient[0] = b.Gradient[0] = 0.3f;
        used.Step();
        fresh.Step();
        a.Value[0].ShouldBe(b.Value[0]);
        a.Value[0].ShouldNotBe(0.5f, "the step moved the weight");
    }

    [Fact]
    public void Sgd_with_momentum_accumulates_velocity()
    {
        var parameter = new Parameter("w", "trunk", 1);
        var sgd = new Sgd([parameter], 0.1, 0.9);
        parameter.Gradient[0] = 1f;
        sgd.Step();
        parameter.Value[0].ShouldBe(-0.1f, 1e-7f);
        sgd.Step();
        parameter.Value[0].ShouldBe(-0.1f - 0.1f * 1.9f, 1e-6f);
    }

    [Fact]
    public void Adagrad_follows_tensorflows_update_from_its_initial_accumulator()
    {
        var parameter = new Parameter("w", "trunk", 2);
        parameter.Value[0] = 1f;
        parameter.Value[1] = -2f;
        var adagrad = new Adagrad([parameter], 0.1, 0.1, 0d);
        parameter.Gradient[0] = 0.5f;
        parameter.Gradient[1] = 0f;
        adagrad.Step();

        // a = 0.1 + g^2; p -= lr * g / sqrt(a): the accumulator starts at 0.1, so a zero gradient moves nothing.
        parameter.Value[0].ShouldBe((float)(1 - 0.1 * 0.5 / Math.Sqrt(0.1 + 0.25)), 1e-6f);
        parameter.Value[1].ShouldBe(-2f);

        parameter.Gradient[0] = -0.25f;
        adagrad.Step();
        parameter.Value[0].ShouldBe((float)(1 - 0.1 * 0.5 / Math.Sqrt(0.35) + 0.1 * 0.25 / Math.Sqrt(0.35 + 0.0625)), 1e-6f);
    }

    private static IOptimizer Make(string name, Parameter parameter) => name switch
    {
        "adam" => new Adam([parameter], 0.01, 0.9, 0.999, 1e-7),
        "adagrad" => new Adagrad([parameter], 0.02, 0.1, 1e-10),
        _ => new Sgd([parameter], 0.1, 0.9),
    };
}
