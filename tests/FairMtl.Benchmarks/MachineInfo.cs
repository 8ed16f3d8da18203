using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FairMtl.Benchmarks;

/// <summary>What the benchmark ran on, and the float32 peak it is compared with.</summary>
internal sealed record MachineInfo(string Cpu, double MegaHertz, int Cores)
{
    /// <summary>
    /// fp32 FLOP per cycle per core assumed for the peak: two 256-bit FMA pipes (8 lanes x 2 FLOP x 2), as on Zen 3/4
    /// and recent Intel cores; AVX-512 on Zen 4 is double-pumped and adds no width. An estimate: the VM hides the SKU.
    /// </summary>
    public const double FlopsPerCycle = 32;

    public double PeakGflopsPerCore => MegaHertz * 1e6 * FlopsPerCycle / 1e9;

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

        return new MachineInfo(cpu, megaHertz, Environment.ProcessorCount);
    }

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Cpu}, {Cores} cores, {MegaHertz:F0} MHz; {RuntimeInformation.FrameworkDescription}; Vector256 {Vector256.IsHardwareAccelerated}, "
        + $"Vector512 {Vector512.IsHardwareAccelerated}, FMA {Fma.IsSupported}; assumed fp32 peak {PeakGflopsPerCore:F0} GFLOP/s per core");
}
