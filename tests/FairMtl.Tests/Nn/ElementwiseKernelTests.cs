using FairMtl.Nn;
using FairMtl.Nn.Optimizers;
using FairMtl.Numerics;

namespace FairMtl.Tests.Nn;

/// <summary>The vectorised element-wise kernels agree bit for bit with their scalar definitions, edge values included.</summary>
public class ElementwiseKernelTests
{
    private static readonly float[] EdgeValues = [0f, -0f, 1e-40f, -1e-40f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3.5f, -2.25f];

    [Fact]
    public void Relu_matches_its_scalar_definition()
    {
        var values = Values(37);
        var expected = values.Select(v => v > 0f ? v : 0f).ToArray();
        ActivationFunctions.Relu(values);
        values.Select(BitConverter.SingleToInt32Bits).ShouldBe(expected.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Relu_backward_matches_its_scalar_definition()
    {
        var outputs = Values(41);
        var grad = Values(41).Reverse().ToArray();
        var expected = grad.Select((g, i) => outputs[i] <= 0f ? 0f : g).ToArray();
        ActivationFunctions.ReluBackward(outputs, grad);
        grad.Select(BitConverter.SingleToInt32Bits).ShouldBe(expected.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(19)]
    [InlineData(40)]
    public void Scale_add_matches_its_scalar_definition(int length)
    {
        var source = Values(length + 9).Skip(9).Concat(Values(9)).ToArray(); // edge values at the end: in the tail
        var target = Values(length + 3).Reverse().Take(length).ToArray();
        var expected = target.Select((t, i) => MathF.FusedMultiplyAdd(-1.5f, source[i], t)).ToArray();

        MatrixKernels.ScaleAdd(-1.5f, source, target);

        target.Select(BitConverter.SingleToInt32Bits).ShouldBe(expected.Select(BitConverter.SingleToInt32Bits));
        Should.Throw<ArgumentException>(() => MatrixKernels.ScaleAdd(1f, new float[2], new float[3]));
    }

    [Fact]
    public void Adam_vector_update_matches_the_scalar_formula()
    {
        var parameter = new Parameter("w", "trunk", 29);
        var random = new DeterministicRandom(4);
        for (var i = 0; i < 29; i++)
        {
            parameter.Value[i] = (float)(random.NextDouble() - 0.5);
        }

        var adam = new Adam([parameter], 0.01, 0.9, 0.999, 1e-7);
        var m = new float[29];
        var v = new float[29];
        var expected = (float[])parameter.Value.Clone();
        for (var step = 1; step <= 3; step++)
        {
            for (var i = 0; i < 29; i++)
            {
                parameter.Gradient[i] = (float)(random.NextDouble() - 0.5) * step;
            }

            var stepSize = (float)(0.01 / (1.0 - Math.Pow(0.9f, step)));
            var sqrtCorrection = (float)Math.Sqrt(1.0 - Math.Pow(0.999f, step));
            for (var i = 0; i < 29; i++)
            {
                var g = parameter.Gradient[i];
                m[i] = 0.9f * m[i] + (1f - 0.9f) * g;
                v[i] = 0.999f * v[i] + (1f - 0.999f) * g * g;
                expected[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) / sqrtCorrection + 1e-7f);
            }

            adam.Step();
            parameter.Value.Select(BitConverter.SingleToInt32Bits).ShouldBe(expected.Select(BitConverter.SingleToInt32Bits), $"step {step}");
        }
    }

    [Fact]
    public void Adagrad_vector_update_matches_the_scalar_formula()
    {
        var parameter = new Parameter("w", "trunk", 29);
        var random = new DeterministicRandom(5);
        for (var i = 0; i < 29; i++)
        {
            parameter.Value[i] = (float)(random.NextDouble() - 0.5);
        }

        var adagrad = new Adagrad([parameter], 0.05, 0.1, 1e-7);
        var accumulator = Enumerable.Repeat(0.1f, 29).ToArray();
        var expected = (float[])parameter.Value.Clone();
        for (var step = 1; step <= 3; step++)
        {
            for (var i = 0; i < 29; i++)
            {
                parameter.Gradient[i] = (float)(random.NextDouble() - 0.5) * step;
                var g = parameter.Gradient[i];
                accumulator[i] += g * g;
                expected[i] -= 0.05f * g / (MathF.Sqrt(accumulator[i]) + 1e-7f);
            }

            adagrad.Step();
            parameter.Value.Select(BitConverter.SingleToInt32Bits).ShouldBe(expected.Select(BitConverter.SingleToInt32Bits), $"step {step}");
        }
    }

    private static float[] Values(int count)
    {
        var random = new DeterministicRandom((ulong)count);
        return Enumerable.Range(0, count).Select(i => i < EdgeValues.Length ? EdgeValues[i] : (float)(random.NextDouble() - 0.5)).ToArray();
    }
}
