using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FairMtl.Numerics;
using Lanes256 = FairMtl.Numerics.Lanes<System.Runtime.Intrinsics.Vector256<double>>;
using Lanes512 = FairMtl.Numerics.Lanes<System.Runtime.Intrinsics.Vector512<double>>;

namespace FairMtl.Objectives.Fairness;

/// <summary>
/// The squared maximum mean discrepancy between the scores of group 0 and group 1 (MTA-F, Wang et al., KDD 2021), with
/// the Gaussian kernel k(x, y) = exp(-(x - y)² / (2σ²)) and the biased V-statistic over all pairs, i = i' included:
/// MMD² = (1 / n_0²) Σ_{i,i' ∈ g0} k(p_i, p_i') + (1 / n_1²) Σ_{j,j' ∈ g1} k(p_j, p_j') - (2 / (n_0 n_1)) Σ_{i ∈ g0, j ∈ g1} k(p_i, p_j).
/// For row i of group g the gradient is d(MMD²)/d(logit i) = 2 p_i (1 - p_i) [Σ_{j ∈ g} c_ij / n_g² - Σ_{j ∉ g} c_ij / (n_0 n_1)]
/// with c_ij = -(p_i - p_j) k(p_i, p_j) / σ². Defined for two groups only; targets are ignored, so the caller passes
/// the rows of interest (e.g. one task's negatives). With fewer than two groups present the loss is 0 with zero
/// gradient. Costs rows (rows + 1) / 2 kernel evaluations per batch, four or eight at a time, with <see cref="PortableExp"/>.
/// </summary>
public sealed class ScoreMaximumMeanDiscrepancy : IBatchFairnessLoss
{
    private readonly double _inverseTwoVariance;
    private readonly double _inverseVariance;
    private double[] _scores = [];
    private double[] _same = [];
    private double[] _other = [];
    private double[] _sameSlope = [];
    private double[] _otherSlope = [];
    private long[] _groups = [];
    private double[] _firstSame = [];
    private double[] _firstOther = [];
    private double[] _firstSameSlope = [];
    private double[] _firstOtherSlope = [];
    private double[] _secondSame = [];
    private double[] _secondOther = [];
    private double[] _secondSameSlope = [];
    private double[] _secondOtherSlope = [];

    /// <param name="groupCount">The number of groups; must be 2.</param>
    /// <param name="bandwidth">The kernel bandwidth σ; finite and positive.</param>
    /// <param name="maxRows">The largest batch expected (its buffers are made at once; a larger batch makes them again).</param>
    public ScoreMaximumMeanDiscrepancy(int groupCount, double bandwidth, int maxRows = 0)
    {
        if (groupCount != 2)
        {
            throw new ArgumentOutOfRangeException(nameof(groupCount), groupCount, "The score MMD is defined for two groups.");
        }

        if (!double.IsFinite(bandwidth) || bandwidth <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bandwidth), bandwidth, "The bandwidth must be finite and positive.");
        }

        _inverseVariance = 1.0 / (bandwidth * bandwidth);
        _inverseTwoVariance = 0.5 * _inverseVariance;
        EnsureCapacity(maxRows);
    }

    /// <summary>The last batch's per-row sums (kernels and slopes; the row's own group and the other), for the tests of
    /// their order; only the first rows of the last batch are meaningful.</summary>
    internal (double[] Same, double[] Other, double[] SameSlope, double[] OtherSlope) RowSums => (_same, _other, _sameSlope, _otherSlope);

    public double Compute(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int rows, Span<float> gradient)
    {
        FairnessBatch.Check(logits, targets, groups, rows, gradient);
        int count0 = 0, count1 = 0;
        for (var i = 0; i < rows; i++)
        {
            if (FairnessBatch.Group(groups, i, 2) == 0)
            {
                count0++;
            }
            else
            {
                count1++;
            }
        }

        if (count0 == 0 || count1 == 0)
        {
            return FairnessBatch.Zero(gradient, rows);
        }

        double n0 = count0, n1 = count1;
        EnsureCapacity(rows);
        var scores = _scores.AsSpan(0, rows);
        var rowGroups = _groups.AsSpan(0, rows);
        for (var i = 0; i < rows; i++)
        {
            scores[i] = TaskLoss.Sigmoid(logits[i]);
            rowGroups[i] = groups[i];
        }

        var same = _same.AsSpan(0, rows);
        var other = _other.AsSpan(0, rows);
        var sameSlope = _sameSlope.AsSpan(0, rows);
        var otherSlope = _otherSlope.AsSpan(0, rows);
        same.Clear();
        other.Clear();
        sameSlope.Clear();
        otherSlope.Clear();

        // Every unordered pair once (k(p_i, p_j) = k(p_j, p_i) bit for bit: the difference only changes sign), added to
        // both rows' sums, the row's own group and the other kept apart. Row i receives its terms in ascending j: those
        // with j < i while the earlier rows are visited, then its own from j = i on, so every sum is the same chain as
        // over all ordered pairs row by row. A pair's term goes to the sum of the other group as +0, which leaves a sum
        // unchanged (no sum here is ever -0). The kernel sums stay integers when every score is equal, so MMD² is then
        // exactly 0. Rows go two at a time: the second row's sums are complete up to j = i + 1 once the first row's
        // pairs are made, so both rows' remaining chains run in one loop of their own (measured at 780 rows: the
        // chains' loop written inside this method took half the loss's time; in a method of its own the loss takes
        // 0.53x, with both rows' eight chains in it 0.49x).
        for (var row = 0; row < rows; row += 2)
        {
            AddDiagonal(row);
            if (row + 1 == rows)
            {
                break;
            }

            PairsOf(row, row + 1, rows, _firstSame, _firstOther, _firstSameSlope, _firstOtherSlope);
            AddDiagonal(row + 1);
            PairsOf(row + 1, row + 2, rows, _secondSame, _secondOther, _secondSameSlope, _secondOtherSlope);
            AddPairsOfTwoRows(row, rows);
        }

        double within0 = 0.0, within1 = 0.0, between = 0.0;
        for (var i = 0; i < rows; i++)
        {
            var group = groups[i];
            if (group == 0)
            {
                within0 += same[i];
            }
            else
            {
                within1 += same[i];
            }

            between += other[i];
            if (!gradient.IsEmpty)
            {
                var ownCount = group == 0 ? n0 : n1;
                var dp = 2.0 * _inverseVariance * ((sameSlope[i] / (ownCount * ownCount)) - (otherSlope[i] / (n0 * n1)));
                gradient[i] = (float)(dp * FairnessBatch.SigmoidDerivative(logits[i]));
            }
        }

        // Each cross pair was counted from both ends.
        return (within0 / (n0 * n0)) + (within1 / (n1 * n1)) - (between / (n0 * n1));
    }

    /// <summary>Row <paramref name="row"/>'s own term k_ii = 1 (and its slope, 0), the first of its chain from j = i on.</summary>
    private void AddDiagonal(int row)
    {
        var p = _scores[row];
        var diagonal = PortableExp.Exp(-(p - p) * (p - p) * _inverseTwoVariance);
        _same[row] += diagonal;
        _sameSlope[row] -= (p - p) * diagonal;
    }

    /// <summary>Row <paramref name="row"/>'s pairs with the rows from <paramref name="first"/> on (see
    /// <see cref="Pairs{TLanes}"/>), at the widest lanes the processor runs fast.</summary>
    private void PairsOf(int row, int first, int rows, double[] pairSame, double[] pairOther, double[] pairSameSlope, double[] pairOtherSlope)
    {
        if (DoubleLanes.Wide)
        {
            Pairs<Lanes512>(_scores[row], _groups[row], first, rows, pairSame, pairOther, pairSameSlope, pairOtherSlope);
        }
        else
        {
            Pairs<Lanes256>(_scores[row], _groups[row], first, rows, pairSame, pairOther, pairSameSlope, pairOtherSlope);
        }
    }

    /// <summary>
    /// Completes the sums of rows <paramref name="row"/> and <paramref name="row"/> + 1 from their pair buffers: row i
    /// takes j = i + 1, then both take j = i + 2, i + 3, ... in ascending order, each of the eight sums its own chain.
    /// </summary>
    private void AddPairsOfTwoRows(int row, int rows)
    {
        ref var same = ref MemoryMarshal.GetArrayDataReference(_same);
        ref var other = ref MemoryMarshal.GetArrayDataReference(_other);
        ref var sameSlope = ref MemoryMarshal.GetArrayDataReference(_sameSlope);
        ref var otherSlope = ref MemoryMarshal.GetArrayDataReference(_otherSlope);
        ref var firstSame = ref MemoryMarshal.GetArrayDataReference(_firstSame);
        ref var firstOther = ref MemoryMarshal.GetArrayDataReference(_firstOther);
        ref var firstSameSlope = ref MemoryMarshal.GetArrayDataReference(_firstSameSlope);
        ref var firstOtherSlope = ref MemoryMarshal.GetArrayDataReference(_firstOtherSlope);
        ref var secondSame = ref MemoryMarshal.GetArrayDataReference(_secondSame);
        ref var secondOther = ref MemoryMarshal.GetArrayDataReference(_secondOther);
        ref var secondSameSlope = ref MemoryMarshal.GetArrayDataReference(_secondSameSlope);
        ref var secondOtherSlope = ref MemoryMarshal.GetArrayDataReference(_secondOtherSlope);
        var next = row + 1;
        var ownSum = Unsafe.Add(ref same, row) + Unsafe.Add(ref firstSame, next);
        var otherSum = Unsafe.Add(ref other, row) + Unsafe.Add(ref firstOther, next);
        var ownSlope = Unsafe.Add(ref sameSlope, row) - Unsafe.Add(ref firstSameSlope, next);
        var otherSlopeSum = Unsafe.Add(ref otherSlope, row) - Unsafe.Add(ref firstOtherSlope, next);
        var nextOwnSum = Unsafe.Add(ref same, next);
        var nextOtherSum = Unsafe.Add(ref other, next);
        var nextOwnSlope = Unsafe.Add(ref sameSlope, next);
        var nextOtherSlopeSum = Unsafe.Add(ref otherSlope, next);
        for (var j = row + 2; j < rows; j++)
        {
            ownSum += Unsafe.Add(ref firstSame, j);
            otherSum += Unsafe.Add(ref firstOther, j);
            ownSlope -= Unsafe.Add(ref firstSameSlope, j);
            otherSlopeSum -= Unsafe.Add(ref firstOtherSlope, j);
            nextOwnSum += Unsafe.Add(ref secondSame, j);
            nextOtherSum += Unsafe.Add(ref secondOther, j);
            nextOwnSlope -= Unsafe.Add(ref secondSameSlope, j);
            nextOtherSlopeSum -= Unsafe.Add(ref secondOtherSlope, j);
        }

        (Unsafe.Add(ref same, row), Unsafe.Add(ref other, row), Unsafe.Add(ref sameSlope, row), Unsafe.Add(ref otherSlope, row)) =
            (ownSum, otherSum, ownSlope, otherSlopeSum);
        (Unsafe.Add(ref same, next), Unsafe.Add(ref other, next), Unsafe.Add(ref sameSlope, next), Unsafe.Add(ref otherSlope, next)) =
            (nextOwnSum, nextOtherSum, nextOwnSlope, nextOtherSlopeSum);
    }

    /// <summary>
    /// For row i (score <paramref name="p"/>, group <paramref name="group"/>) and each later row j from
    /// <paramref name="first"/> to <paramref name="rows"/>: the kernel k_ij = e^(-(p - p_j)² / (2σ²)) and the slope
    /// (p - p_j) k_ij, a vector of rows at a time (<see cref="PortableExp"/>; four or eight, the same bits), split by
    /// whether j is in row i's group (+0 in the other half) into the pair buffers, and added to row j's sums
    /// (p_j - p = -(p - p_j), so row j's slope sum takes +slope where row i's takes -slope). Never inlined: inlined into
    /// its caller, the lanes' operations were no longer inlined into it (measured: three times slower).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Pairs<TLanes>(double p, long group, int first, int rows, double[] pairSameBuffer, double[] pairOtherBuffer, double[] pairSameSlopeBuffer, double[] pairOtherSlopeBuffer)
        where TLanes : struct, IDoubleLanes<TLanes>
    {
        ref var s0 = ref MemoryMarshal.GetArrayDataReference(_scores);
        ref var g0 = ref MemoryMarshal.GetArrayDataReference(_groups);
        ref var same = ref MemoryMarshal.GetArrayDataReference(_same);
        ref var other = ref MemoryMarshal.GetArrayDataReference(_other);
        ref var sameSlope = ref MemoryMarshal.GetArrayDataReference(_sameSlope);
        ref var otherSlope = ref MemoryMarshal.GetArrayDataReference(_otherSlope);
        ref var pairSame = ref MemoryMarshal.GetArrayDataReference(pairSameBuffer);
        ref var pairOther = ref MemoryMarshal.GetArrayDataReference(pairOtherBuffer);
        ref var pairSameSlope = ref MemoryMarshal.GetArrayDataReference(pairSameSlopeBuffer);
        ref var pairOtherSlope = ref MemoryMarshal.GetArrayDataReference(pairOtherSlopeBuffer);
        var pv = TLanes.Create(p);
        var scale = TLanes.Create(_inverseTwoVariance);
        for (var j = first; j < rows; j += TLanes.Count)
        {
            // The buffers hold whole vectors past the batch's end (their padding rows are never read back).
            var at = (nuint)j;
            var difference = pv - TLanes.Load(ref s0, at);
            var kernel = PortableExp.Exp(-difference * difference * scale);
            var slope = difference * kernel;
            var inGroup = TLanes.EqualsAt(ref g0, at, group);
            var kernelSame = kernel & inGroup;
            var kernelOther = TLanes.AndNot(kernel, inGroup);
            var slopeSame = slope & inGroup;
            var slopeOther = TLanes.AndNot(slope, inGroup);
            kernelSame.Store(ref pairSame, at);
            kernelOther.Store(ref pairOther, at);
            slopeSame.Store(ref pairSameSlope, at);
            slopeOther.Store(ref pairOtherSlope, at);
            (TLanes.Load(ref same, at) + kernelSame).Store(ref same, at);
            (TLanes.Load(ref other, at) + kernelOther).Store(ref other, at);
            (TLanes.Load(ref sameSlope, at) + slopeSame).Store(ref sameSlope, at);
            (TLanes.Load(ref otherSlope, at) + slopeOther).Store(ref otherSlope, at);
        }
    }

    /// <summary>Per-row buffers for batches of <paramref name="rows"/> rows (made once for the largest batch).</summary>
    private void EnsureCapacity(int rows)
    {
        if (_scores.Length >= rows + Vector512<double>.Count)
        {
            return;
        }

        // Padded to whole vectors of the widest lanes: the pair loop reads and writes the last vector past the batch's end.
        var length = rows + Vector512<double>.Count;
        _scores = UnitBuffers.Rent<double>(length);
        _groups = UnitBuffers.Rent<long>(length);
        _same = UnitBuffers.Rent<double>(length);
        _other = UnitBuffers.Rent<double>(length);
        _sameSlope = UnitBuffers.Rent<double>(length);
        _otherSlope = UnitBuffers.Rent<double>(length);
        _firstSame = UnitBuffers.Rent<double>(length);
        _firstOther = UnitBuffers.Rent<double>(length);
        _firstSameSlope = UnitBuffers.Rent<double>(length);
        _firstOtherSlope = UnitBuffers.Rent<double>(length);
        _secondSame = UnitBuffers.Rent<double>(length);
        _secondOther = UnitBuffers.Rent<double>(length);
        _secondSameSlope = UnitBuffers.Rent<double>(length);
        _secondOtherSlope = UnitBuffers.Rent<double>(length);
    }
}
