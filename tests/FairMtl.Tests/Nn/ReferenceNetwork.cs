using FairMtl.Nn;
using FairMtl.Spec;

namespace FairMtl.Tests.Nn;

/// <summary>
/// A plain double-precision re-implementation of <see cref="MultiHeadNetwork"/>'s training-mode forward pass and
/// losses (of any head task, with missing labels), used as the ground truth for finite-difference gradient checks.
/// </summary>
internal sealed class ReferenceNetwork(MultiHeadNetwork network, Activation activation, double[][] dropoutMasks)
{
    /// <summary>Per-head losses for the parameter values in <paramref name="parameters"/> (aligned with network.Parameters);
    /// <paramref name="targets"/>[h] holds the head's target width per row, NaN for a missing label.</summary>
    public double[] Losses(double[][] parameters, double[] inputs, int rows, double[][] targets)
    {
        var byName = network.Parameters.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => parameters[x.i]);
        var current = inputs;
        var width = network.Inputs;
        for (var l = 0; l < network.Trunk.Length; l++)
        {
            var block = network.Trunk[l];
            var name = $"trunk.{l}";
            var z = Dense(current, rows, width, block.Dense.Outputs, byName[name + ".weight"], byName[name + ".bias"]);
            width = block.Dense.Outputs;
            if (block.Norm is not null)
            {
                z = BatchNorm(z, rows, width, byName[name + ".bn.gamma"], byName[name + ".bn.beta"]);
            }

            z = z.Select(Activate).ToArray();
            if (dropoutMasks[l].Length > 0)
            {
                z = z.Select((v, i) => v * dropoutMasks[l][i]).ToArray();
            }

            current = z;
        }

        var trunkOut = current;
        var trunkWidth = width;
        var losses = new double[network.Heads.Length];
        for (var h = 0; h < network.Heads.Length; h++)
        {
            var head = network.Heads[h];
            var x = trunkOut;
            var w = trunkWidth;
            for (var i = 0; i < head.Hidden.Length; i++)
            {
                var name = $"{head.Spec.Name}.{i}";
                x = Dense(x, rows, w, head.Hidden[i].Dense.Outputs, byName[name + ".weight"], byName[name + ".bias"]).Select(Activate).ToArray();
                w = head.Hidden[i].Dense.Outputs;
            }

            var output = Dense(x, rows, w, head.Outputs, byName[head.Spec.Name + ".out.weight"], byName[head.Spec.Name + ".out.bias"]);
            losses[h] = Loss(head.Spec, output, targets[h], rows);
        }

        return losses;
    }

    /// <summary>The head's task loss (MSE for regression heads): the mean over the labelled entries (NaN: missing).</summary>
    private static double Loss(HeadSpec head, double[] output, double[] targets, int rows)
    {
        var sum = 0.0;
        var count = 0;
        var entries = head.Task == HeadTask.MultiLabel ? rows * head.Classes : rows;
        for (var i = 0; i < entries; i++)
        {
            var t = targets[i];
            if (double.IsNaN(t))
            {
                continue;
            }

            count++;
            if (head.Task == HeadTask.MultiClass)
            {
                var logits = output.AsSpan(i * head.Classes, head.Classes).ToArray();
                var max = logits.Max();
                var total = logits.Sum(l => Math.Exp(l - max));
                sum += max + Math.Log(total) - logits[(int)t];
                continue;
            }

            var s = output[i];
            sum += head.Task == HeadTask.Regression
                ? (s - t) * (s - t)
                : Math.Max(s, 0) - s * t + Math.Log(1 + Math.Exp(-Math.Abs(s)));
        }

        return count == 0 ? 0 : sum / count;
    }

    private double Activate(double v) => activation switch
    {
        Activation.Relu => Math.Max(v, 0),
        Activation.Tanh => Math.Tanh(v),
        _ => v,
    };

    private static double[] Dense(double[] x, int rows, int inputs, int outputs, double[] w, double[] b)
    {
        var y = new double[rows * outputs];
        for (var r = 0; r < rows; r++)
        {
            for (var o = 0; o < outputs; o++)
            {
                var acc = b[o];
                for (var i = 0; i < inputs; i++)
                {
                    acc += x[r * inputs + i] * w[i * outputs + o];
                }

                y[r * outputs + o] = acc;
            }
        }

        return y;
    }

    private static double[] BatchNorm(double[] z, int rows, int width, double[] gamma, double[] beta)
    {
        var y = new double[z.Length];
        for (var j = 0; j < width; j++)
        {
            var mean = 0.0;
            for (var r = 0; r < rows; r++)
            {
                mean += z[r * width + j];
            }

            mean /= rows;
            var variance = 0.0;
            for (var r = 0; r < rows; r++)
            {
                variance += (z[r * width + j] - mean) * (z[r * width + j] - mean);
            }

            variance /= rows;
            for (var r = 0; r < rows; r++)
            {
                y[r * width + j] = gamma[j] * (z[r * width + j] - mean) / Math.Sqrt(variance + 1e-3) + beta[j];
            }
        }

        return y;
    }
}
