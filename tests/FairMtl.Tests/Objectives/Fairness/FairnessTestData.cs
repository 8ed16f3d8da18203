using FairMtl.Spec;
using FairMtl.Objectives.Fairness;

namespace FairMtl.Tests.Objectives.Fairness;

/// <summary>Small hand-checkable batches and seeded random ones; BCE(x, 1) = log(1 + e^-x), BCE(x, 0) = log(1 + e^x).</summary>
internal static class FairnessTestData
{
    public static readonly float[] Logits = [0.5f, -1f, 2f, 0f, 1.5f, -0.5f];
    public static readonly float[] Targets = [1f, 0f, 1f, 1f, 0f, 0f];
    public static readonly int[] Groups = [0, 0, 0, 1, 1, 1];

    /// <summary>L_0 of the two-group batch: rows (0.5, 1), (-1, 0), (2, 1).</summary>
    public static readonly double L0 = (Math.Log(1 + Math.Exp(-0.5)) + Math.Log(1 + Math.Exp(-1)) + Math.Log(1 + Math.Exp(-2))) / 3;

    /// <summary>L_1 of the two-group batch: rows (0, 1), (1.5, 0), (-0.5, 0).</summary>
    public static readonly double L1 = (Math.Log(2) + Math.Log(1 + Math.Exp(1.5)) + Math.Log(1 + Math.Exp(-0.5))) / 3;

    public static readonly float[] Logits3 = [1f, -1f, 0.5f, 2f, -2f, 0f];
    public static readonly float[] Targets3 = [1f, 0f, 1f, 0f, 1f, 0f];
    public static readonly int[] Groups3 = [0, 0, 1, 1, 2, 2];

    /// <summary>L_0 of the three-group batch: rows (1, 1), (-1, 0).</summary>
    public static readonly double L3_0 = (Math.Log(1 + Math.Exp(-1)) + Math.Log(1 + Math.Exp(-1))) / 2;

    /// <summary>L_1 of the three-group batch: rows (0.5, 1), (2, 0).</summary>
    public static readonly double L3_1 = (Math.Log(1 + Math.Exp(-0.5)) + Math.Log(1 + Math.Exp(2))) / 2;

    /// <summary>L_2 of the three-group batch: rows (-2, 1), (0, 0).</summary>
    public static readonly double L3_2 = (Math.Log(1 + Math.Exp(2)) + Math.Log(2)) / 2;

    /// <summary>The losses defined for any number of groups (correlation and MMD compare two groups; own tests).</summary>
    public static readonly FairnessLossKind[] GroupCountAgnostic =
        [FairnessLossKind.Glf, FairnessLossKind.Gld, FairnessLossKind.Bgl, FairnessLossKind.Dpl, FairnessLossKind.Fprl, FairnessLossKind.Tprl];

    public static TheoryData<FairnessLossKind> Penalties => new(GroupCountAgnostic);

    /// <summary>Every loss: the group-count-agnostic ones and the two-group ones (correlation, MMD).</summary>
    public static TheoryData<FairnessLossKind> AllPenalties => new([.. GroupCountAgnostic, FairnessLossKind.Corr, FairnessLossKind.Mmd]);

    /// <summary>Every loss with the batch it is checked on: three groups where it takes any number, else two.</summary>
    public static TheoryData<FairnessLossKind, int> PenaltiesWithGroupCount
    {
        get
        {
            var data = new TheoryData<FairnessLossKind, int>();
            foreach (var penalty in GroupCountAgnostic)
            {
                data.Add(penalty, 3);
            }

            data.Add(FairnessLossKind.Corr, 2);
            data.Add(FairnessLossKind.Mmd, 2);
            return data;
        }
    }

    /// <summary>The two-group or the three-group hand batch.</summary>
    public static (float[] Logits, float[] Targets, int[] Groups) HandBatch(int groupCount) =>
        groupCount == 2 ? (Logits, Targets, Groups) : (Logits3, Targets3, Groups3);

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>A gradient buffer full of NaN, to show that every row gets overwritten.</summary>
    public static float[] Garbage(int length) => Enumerable.Repeat(float.NaN, length).ToArray();

    /// <summary>
    /// Rows interleaved over the groups, each group with both labels. Group g's logits are shifted by g - 1 and pushed
    /// towards the right label by 2, 0.5 and -1 (groups 0, 1, 2), so the group losses and the mean probabilities (over
    /// all, negative and positive rows) are well apart and small perturbations cross no kink.
    /// </summary>
    public static (float[] Logits, float[] Targets, int[] Groups) RandomBatch(int seed, int groupCount, int rowsPerGroup)
    {
        double[] quality = [2.0, 0.5, -1.0];
        var random = new Random(seed);
        var rows = groupCount * rowsPerGroup;
        var logits = new float[rows];
        var targets = new float[rows];
        var groups = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var group = i % groupCount;
            var target = (i / groupCount) % 2;
            groups[i] = group;
            targets[i] = target;
            logits[i] = (float)(group - 1 + ((2 * target - 1) * quality[group]) + random.NextDouble() - 0.5);
        }

        return (logits, targets, groups);
    }

    /// <summary>A batch of two rows per group in which every group has the same loss (groups 0 .. groupCount-1).</summary>
    public static (float[] Logits, float[] Targets, int[] Groups, int Rows) EqualLosses(int groupCount)
    {
        var rows = 2 * groupCount;
        var logits = Enumerable.Range(0, rows).Select(i => i % 2 == 0 ? 0.3f : -0.7f).ToArray();
        var targets = Enumerable.Range(0, rows).Select(i => i % 2 == 0 ? 1f : 0f).ToArray();
        var groups = Enumerable.Range(0, rows).Select(i => i / 2).ToArray();
        return (logits, targets, groups, rows);
    }

    /// <summary>Random groups (rows 0 and 1 fixed to groups 0 and 1) and logits in [-2, 2), shifted by <paramref name="shift"/> in group 1.</summary>
    public static (float[] Logits, int[] Groups) RandomTwoGroupBatch(int seed, int rows, double shift)
    {
        var random = new Random(seed);
        var logits = new float[rows];
        var groups = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            groups[i] = i < 2 ? i : random.Next(2);
            logits[i] = (float)((4 * random.NextDouble()) - 2 + (shift * groups[i]));
        }

        return (logits, groups);
    }

    /// <summary>The loss's gradient against central finite differences on the logits (see
    /// <see cref="FiniteDifferences.ShouldMatch"/>).</summary>
    public static void ShouldMatchFiniteDifferences(IBatchFairnessLoss loss, float[] logits, float[] targets, int[] groups) =>
        FiniteDifferences.ShouldMatch((outputs, gradient) => loss.Compute(outputs, targets, groups, outputs.Length, gradient), logits);
}
