using System.Runtime.Intrinsics;
using FairMtl.Numerics;

namespace FairMtl.Tests.Numerics;

public class PortableExpTests
{
    [Theory]
    [InlineData(-745.0, 0.0)]
    [InlineData(-50.0, 0.0)]
    [InlineData(-1.0, 0.0)]
    [InlineData(0.0, 1e-12)]
    [InlineData(0.0, 709.0)]
    public void Agrees_with_Math_Exp_within_about_one_unit_in_the_last_place(double from, double to)
    {
        var random = new DeterministicRandom(7);
        var worst = 0.0;
        for (var i = 0; i < 200_000; i++)
        {
            var x = from + ((to - from) * random.NextDouble());
            var expected = Math.Exp(x);
            var actual = PortableExp.Exp(x);
            if (expected < double.Epsilon * (1L << 53))
            {
                // Subnormal results keep fewer bits: compare absolutely, to their spacing.
                Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(2 * double.Epsilon, $"x = {x:R}");
                continue;
            }

            worst = Math.Max(worst, Math.Abs(actual - expected) / expected);
        }

        worst.ShouldBeLessThan(3.5e-16); // 1.5 units in the last place at most (the spacing of doubles is 2.2e-16 relative)
    }

    [Fact]
    public void Is_exact_where_the_exponential_is_and_saturates_like_the_definition()
    {
        PortableExp.Exp(0.0).ShouldBe(1.0);
        PortableExp.Exp(-0.0).ShouldBe(1.0);
        PortableExp.Exp(Math.Log(2) * 10).ShouldBe(1024.0, 1e-12);
        PortableExp.Exp(1.0).ShouldBe(Math.E, 1e-15);
        PortableExp.Exp(-746.0).ShouldBe(0.0);
        PortableExp.Exp(double.NegativeInfinity).ShouldBe(0.0);
        PortableExp.Exp(710.0).ShouldBe(double.PositiveInfinity);
        PortableExp.Exp(double.PositiveInfinity).ShouldBe(double.PositiveInfinity);
        double.IsNaN(PortableExp.Exp(double.NaN)).ShouldBeTrue();
        PortableExp.Exp(-708.5).ShouldBeGreaterThan(0.0); // below the smallest normal's exponent: subnormal, not 0
    }

    [Fact]
    public void Every_lane_and_the_span_form_give_the_scalar_bits()
    {
        var random = new DeterministicRandom(11);
        var x = Enumerable.Range(0, 1_003).Select(_ => -60 * random.NextDouble()).ToArray();
        var target = new double[x.Length];
        PortableExp.Exp(x, target);
        for (var i = 0; i + 4 <= x.Length; i += 4)
        {
            var lanes = PortableExp.Exp(Vector256.Create(x[i], x[i + 1], x[i + 2], x[i + 3]));
            for (var lane = 0; lane < 4; lane++)
            {
                BitConverter.DoubleToInt64Bits(lanes.GetElement(lane)).ShouldBe(BitConverter.DoubleToInt64Bits(PortableExp.Exp(x[i + lane])));
            }
        }

        for (var i = 0; i < x.Length; i++)
        {
            BitConverter.DoubleToInt64Bits(target[i]).ShouldBe(BitConverter.DoubleToInt64Bits(PortableExp.Exp(x[i])), $"element {i}");
        }
    }

    [Fact]
    public void Eight_lanes_give_the_bits_of_four_over_the_whole_range()
    {
        // Whatever the processor: with AVX-512 the eight-lane form runs as such, without it on the runtime's software
        // vectors; either way it must give each lane's four-lane bits, out-of-range, NaN and subnormal lanes included.
        var random = new DeterministicRandom(13);
        var x = Enumerable.Range(0, 4_000).Select(_ => -800 + (1_520 * random.NextDouble()))
            .Concat([0.0, -0.0, double.NaN, double.NegativeInfinity, double.PositiveInfinity, -745.1, -745.3, 709.7, 709.9, -708.5, -720.0, 1e-300])
            .ToArray();
        x = [.. x, .. Enumerable.Repeat(1.0, (8 - (x.Length % 8)) % 8)];
        for (var i = 0; i < x.Length; i += 8)
        {
            var wide = PortableExp.Exp(Vector512.Create(x.AsSpan(i, 8)));
            var low = PortableExp.Exp(Vector256.Create(x.AsSpan(i, 4)));
            var high = PortableExp.Exp(Vector256.Create(x.AsSpan(i + 4, 4)));
            for (var lane = 0; lane < 8; lane++)
            {
                var narrow = lane < 4 ? low.GetElement(lane) : high.GetElement(lane - 4);
                BitConverter.DoubleToInt64Bits(wide.GetElement(lane)).ShouldBe(BitConverter.DoubleToInt64Bits(narrow), $"x = {x[i + lane]:R}");
            }
        }
    }
}
