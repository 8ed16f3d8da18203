using FairMtl.Objectives.Constraints;
using FairMtl.Spec;

namespace FairMtl.Tests.Objectives.Constraints;

/// <summary>One head's batch: outputs in double (perturbed by the finite differences), targets and groups.</summary>
internal sealed record HeadBatch(HeadTask Task, int Classes, double[] Outputs, float[] Targets, int[] Groups)
{
    public int Rows => Groups.Length;

    public int Outputs1 => Task is HeadTask.MultiClass or HeadTask.MultiLabel ? Classes : 1;

    public int Width => Task == HeadTask.MultiLabel ? Classes : 1;

    public float[] FloatOutputs => [.. Outputs.Select(o => (float)o)];
}

/// <summary>Seeded batches of every head type, an independent reference of the harm formulas, and finite differences.</summary>
internal static class ConstraintTestData
{
    /// <summary>Central-difference step on the double outputs.</summary>
    public const double Step = 1e-5;

    /// <summary>Every (task, harm, favourable-negative) combination the harms accept.</summary>
    public static TheoryData<HeadTask, HarmKind, bool> HarmCases => new()
    {
        { HeadTask.Regression, HarmKind.Mse, false },
        { HeadTask.Regression, HarmKind.Mae, false },
        { HeadTask.Binary, HarmKind.Opportunity, false },
        { HeadTask.Binary, HarmKind.Opportunity, true },
        { HeadTask.Binary, HarmKind.Parity, false },
        { HeadTask.Binary, HarmKind.Parity, true },
        { HeadTask.MultiLabel, HarmKind.Opportunity, false },
        { HeadTask.MultiLabel, HarmKind.Opportunity, true },
        { HeadTask.MultiLabel, HarmKind.Parity, false },
        { HeadTask.MultiLabel, HarmKind.Parity, true },
        { HeadTask.MultiClass, HarmKind.Opportunity, false },
    };

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    public static float[] Garbage(int length) => Enumerable.Repeat(float.NaN, length).ToArray();

    /// <summary>
    /// Rows r of group r % groups, except every seventh row (group -1) when <paramref name="holes"/>; then also every
    /// fifth row's target is NaN (multi-label: entry (r, k) when (r + k) % 5 == 3). Groups differ in quality, so their
    /// harms are well apart. Multi-label: the last group has no label for the last label (it is skipped in that group);
    /// multi-class: group 1 has no row of the last class. Regression outputs are at least 0.1 from their targets (no MAE
    /// kink within a step).
    /// </summary>
    public static HeadBatch Make(HeadTask task, int classes, int groups, int rows, int seed, bool holes = true)
    {
        double[] quality = [1.5, 0.4, -0.6, 0.8];
        var random = new Random(seed);
        var k = task is HeadTask.MultiClass or HeadTask.MultiLabel ? classes : 1;
        var width = task == HeadTask.MultiLabel ? classes : 1;
        var outputs = new double[rows * k];
        var targets = new float[rows * width];
        var groupOf = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            var g = r % groups;
            groupOf[r] = holes && r % 7 == 6 ? -1 : g;
            var missing = holes && r % 5 == 3;
            switch (task)
            {
                case HeadTask.Regression:
                {
                    var target = (float)((2 * random.NextDouble()) - 1);
                    var sign = random.Next(2) == 0 ? -1.0 : 1.0;
                    targets[r] = missing ? float.NaN : target;
                    outputs[r] = target + (sign * (0.1 + random.NextDouble() + (0.4 * g)));
                    break;
                }

                case HeadTask.Binary:
                {
                    var label = (r / groups) % 2;
                    targets[r] = missing ? float.NaN : label;
                    outputs[r] = ((2 * label) - 1) * quality[g] + (0.3 * g) - 0.3 + random.NextDouble() - 0.5;
                    break;
                }

                case HeadTask.MultiLabel:
                    for (var j = 0; j < k; j++)
                    {
                        var label = ((r / groups) + j) % 2;
                        var absent = (holes && (r + j) % 5 == 3) || (g == groups - 1 && j == k - 1);
                        targets[(r * k) + j] = absent ? float.NaN : label;
                        outputs[(r * k) + j] = ((2 * label) - 1) * quality[g] + (0.2 * j) + random.NextDouble() - 0.5;
                    }

                    break;
                case HeadTask.MultiClass:
                {
                    var label = (r / groups) % k;
                    if (g == 1 && label == k - 1)
                    {
                        label = 0;
                    }

                    targets[r] = missing ? float.NaN : label;
                    for (var j = 0; j < k; j++)
                    {
                        outputs[(r * k) + j] = (3 * random.NextDouble()) - 1.5 + (j == label ? quality[g] : 0.0);
                    }

                    break;
                }
            }
        }

        return new HeadBatch(task, classes, outputs, targets, groupOf);
    }

    /// <summary>The harm by the formulas written out directly: of <paramref name="group"/>, or of the population (null).</summary>
    public static (double Harm, bool Present) Reference(HeadBatch batch, HarmKind kind, bool favourableNegative, int? group)
    {
        var k = batch.Outputs1;
        var rate = batch.Task != HeadTask.Regression;
        var cells = new List<double>();
        for (var slot = 0; slot < k; slot++)
        {
            var values = new List<double>();
            for (var r = 0; r < batch.Rows; r++)
            {
                if (batch.Groups[r] < 0 || (group is { } g && batch.Groups[r] != g))
                {
                    continue;
                }

                var target = batch.Targets[(r * batch.Width) + (batch.Task == HeadTask.MultiLabel ? slot : 0)];
                if (float.IsNaN(target))
                {
                    continue;
                }

                var output = batch.Outputs[(r * k) + slot];
                switch (batch.Task)
                {
                    case HeadTask.Regression:
                        values.Add(kind == HarmKind.Mse ? (output - target) * (output - target) : Math.Abs(output - target));
                        break;
                    case HeadTask.MultiClass:
                        if ((int)target == slot)
                        {
                            var row = batch.Outputs.AsSpan(r * k, k).ToArray();
                            values.Add(Math.Exp(row[slot]) / row.Sum(Math.Exp));
                        }

                        break;
                    default:
                        var positive = target >= 0.5f;
                        if (kind == HarmKind.Opportunity && positive == favourableNegative)
                        {
                            break;
                        }

                        values.Add(favourableNegative ? 1 - Sigmoid(output) : Sigmoid(output));
                        break;
                }
            }

            if (values.Count > 0)
            {
                cells.Add(rate ? 1 - values.Average() : values.Average());
            }
        }

        return cells.Count == 0 ? (0.0, false) : (cells.Average(), true);
    }

    /// <summary>
    /// The analytic float derivative against a central difference in double with step 1e-5: the float rounding of the
    /// analytic value is at most 2^-24 relative (6e-8), the difference's truncation error h² |f'''| / 6 is below 1e-10
    /// for these sigmoid, softmax and polynomial harms (third derivatives of order one, divided by the counts), and its
    /// rounding error about 1e-16 / h = 1e-11; so 1e-9 absolute plus 1e-6 relative has room to spare and would still
    /// catch any missing factor or term.
    /// </summary>
    public static void ShouldMatch(double analytic, double numeric, string because) =>
        Math.Abs(analytic - numeric).ShouldBeLessThanOrEqualTo(1e-9 + (1e-6 * Math.Abs(numeric)), because);

    /// <summary>(f(x + h e_i) - f(x - h e_i)) / 2h, restoring x[i].</summary>
    public static double Central(double[] x, int i, Func<double> f)
    {
        var saved = x[i];
        x[i] = saved + Step;
        var up = f();
        x[i] = saved - Step;
        var down = f();
        x[i] = saved;
        return (up - down) / (2 * Step);
    }
}
