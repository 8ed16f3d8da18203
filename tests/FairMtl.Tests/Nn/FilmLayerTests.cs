using FairMtl.Nn;
using FairMtl.Numerics;

namespace FairMtl.Tests.Nn;

/// <summary>
/// FiLM's vectorised passes (two vectors of columns at a time, one vector, a scalar tail; sums over rows held in
/// registers) against the formula written out one output at a time, in the order the layer documents: every value must
/// be the same bits, for every width and number of conditions, so that no result depends on the vector width.
/// </summary>
public class FilmLayerTests
{
    [Theory]
    [InlineData(5, 1)]
    [InlineData(8, 1)]
    [InlineData(13, 2)]
    [InlineData(16, 1)]
    [InlineData(24, 3)]
    [InlineData(40, 2)]
    [InlineData(64, 1)]
    public void Forward_and_backward_are_the_written_out_formula_bit_for_bit(int width, int conditions)
    {
        const int rows = 7;
        const int inputWidth = 4;
        const float parameterScale = 0.75f;
        var film = new FilmLayer("film", conditions, width, rows);
        var random = new DeterministicRandom((ulong)((width * 10) + conditions));
        Fill(film.Scale.Value, random);
        Fill(film.Shift.Value, random);
        var columns = inputWidth + conditions;
        var input = new float[rows * columns];
        var hidden = new float[rows * width];
        var grad = new float[rows * width];
        Fill(input, random);
        Fill(hidden, random);
        Fill(grad, random);
        var originalGrad = grad.ToArray();

        film.Forward(hidden, input, columns, rows);
        film.Backward(hidden, grad, input, columns, parameterScale);

        float Condition(int r, int i) => input[(r * columns) + inputWidth + i];
        float Gamma(int r, int j)
        {
            var gamma = 1f;
            for (var i = 0; i < conditions; i++)
            {
                gamma = MathF.FusedMultiplyAdd(Condition(r, i), film.Scale.Value[(i * width) + j], gamma);
            }

            return gamma;
        }

        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < width; j++)
            {
                var beta = 0f;
                for (var i = 0; i < conditions; i++)
                {
                    beta = MathF.FusedMultiplyAdd(Condition(r, i), film.Shift.Value[(i * width) + j], beta);
                }

                var at = (r * width) + j;
                BitConverter.SingleToInt32Bits(film.Output[at]).ShouldBe(
                    BitConverter.SingleToInt32Bits(MathF.FusedMultiplyAdd(Gamma(r, j), hidden[at], beta)), $"output [{r}, {j}]");
                BitConverter.SingleToInt32Bits(grad[at]).ShouldBe(BitConverter.SingleToInt32Bits(originalGrad[at] * Gamma(r, j)), $"input gradient [{r}, {j}]");
            }
        }

        for (var i = 0; i < conditions; i++)
        {
            for (var j = 0; j < width; j++)
            {
                var (scale, shift) = (0f, 0f);
                for (var r = 0; r < rows; r++)
                {
                    var factor = Condition(r, i) * parameterScale;
                    var g = originalGrad[(r * width) + j];
                    scale = MathF.FusedMultiplyAdd(factor, g * hidden[(r * width) + j], scale);
                    shift = MathF.FusedMultiplyAdd(factor, g, shift);
                }

                BitConverter.SingleToInt32Bits(film.Scale.Gradient[(i * width) + j]).ShouldBe(BitConverter.SingleToInt32Bits(scale), $"dS [{i}, {j}]");
                BitConverter.SingleToInt32Bits(film.Shift.Gradient[(i * width) + j]).ShouldBe(BitConverter.SingleToInt32Bits(shift), $"dB [{i}, {j}]");
            }
        }
    }

    [Fact]
    public void Shapes_that_do_not_fit_are_refused_before_any_memory_is_touched()
    {
        var film = new FilmLayer("film", 1, 8, 4);
        Should.Throw<ArgumentException>(() => film.Forward(new float[3 * 8], new float[4 * 3], 3, 4));
        Should.Throw<ArgumentException>(() => film.Forward(new float[5 * 8], new float[5 * 3], 3, 5));
    }

    private static void Fill(float[] values, DeterministicRandom random)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((2 * random.NextDouble()) - 1);
        }
    }
}
