using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FairMtl.Benchmarks;

/// <summary>What the benchmark ran on, and the float32 peak it is compared with.</summary>
/// <param name="Cpu">The model name /proc/cpuinfo gives.</param>
/// <param name="MegaHertz">The clock /proc/cpuinfo gives (on this VM the nominal 2.6 GHz, not the clock the core runs at).</param>
/// <param name="Cores">The cores the runtime sees.</param>
/// <param name="PeakGflopsPerCore">One core's fp32 peak, measured: independent 256-bit fused multiply-adds.</param>
internal sealed record MachineInfo(string Cpu, double MegaHertz, int Cores, double PeakGflopsPerCore)
{
    /// <summary>fp32 FLOP per cycle per core of two 256-bit FMA pipes (8 lanes x 2 FLOP x 2), as on Zen 3/4 and recent
    /// Intel cores (AVX-512 on Zen 4 is double-pumped and adds no width): what the measured peak is divided by to give
    /// the clock it implies.</summary>
    public const double FlopsPerCycle = 32;

    /// <summary>The clock the measured peak implies at <see cref="FlopsPerCycle"/>.</summary>
    public double ImpliedMegaHertz => PeakGflopsPerCore * 1e3 / FlopsPerCycle;

    public static MachineInfo Read()
    {
        var cpu = "unknown CPU";
        var megaHertz = 0.0;
        if (File.Exists("/proc/cpuinfo"))
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                var colon = line.IndexOf(':');
                if (colon < 0)
                {
                    continue;
                }

                var key = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (key == "model name" && cpu == "unknown CPU")
                {
                    cpu = value;
                }
                else if (key == "cpu MHz" && megaHertz == 0)
                {
                    megaHertz = double.Parse(value, CultureInfo.InvariantCulture);
                }
            }
        }

        return new MachineInfo(cpu, megaHertz, Environment.ProcessorCount, MeasurePeak());
    }

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Cpu}, {Cores} cores, {MegaHertz:F0} MHz (/proc/cpuinfo); {RuntimeInformation.FrameworkDescription}; Vector256 {Vector256.IsHardwareAccelerated}, "
        + $"Vector512 {Vector512.IsHardwareAccelerated}, FMA {Fma.IsSupported}; fp32 peak measured {PeakGflopsPerCore:F1} GFLOP/s per core "
        + $"(independent 256-bit FMAs; {ImpliedMegaHertz:F0} MHz at {FlopsPerCycle:F0} FLOP per cycle)");

    /// <summary>The best of five runs of ten independent chains of 256-bit fused multiply-adds (enough to fill two FMA
    /// pipes of 4-5 cycles' latency), in GFLOP/s.</summary>
    private static double MeasurePeak()
    {
        const long iterations = 20_000_000;
        Chains(1_000);
        var best = 0.0;
        for (var run = 0; run < 5; run++)
        {
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var sink = Chains(iterations);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            GC.KeepAlive(sink);
            best = Math.Max(best, iterations * 10 * Vector256<float>.Count * 2 / seconds / 1e9);
        }

        return best;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static float Chains(long iterations)
    {
        var b = Vector256.Create(0.999999f);
        var c = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0;
        for (var i = 0L; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, b, c);
            a1 = Vector256.FusedMultiplyAdd(a1, b, c);
            a2 = Vector256.FusedMultiplyAdd(a2, b, c);
            a3 = Vector256.FusedMultiplyAdd(a3, b, c);
            a4 = Vector256.FusedMultiplyAdd(a4, b, c);
            a5 = Vector256.FusedMultiplyAdd(a5, b, c);
            a6 = Vector256.FusedMultiplyAdd(a6, b, c);
            a7 = Vector256.FusedMultiplyAdd(a7, b, c);
            a8 = Vector256.FusedMultiplyAdd(a8, b, c);
            a9 = Vector256.FusedMultiplyAdd(a9, b, c);
        }

        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9);
    }
}
