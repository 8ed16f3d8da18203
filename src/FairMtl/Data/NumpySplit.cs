namespace FairMtl.Data;

/// <summary>
/// Row permutations and train/test splits identical to NumPy's legacy <c>RandomState(seed).permutation(n)</c> and
/// scikit-learn's <c>train_test_split(indices, test_size, random_state=seed)</c>, so that a split can be matched with a
/// Python pipeline.
/// </summary>
public static class NumpySplit
{
    /// <summary><c>numpy.random.RandomState(seed).permutation(n)</c>.</summary>
    public static int[] Permutation(int n, uint seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var items = new int[n];
        for (var i = 0; i < n; i++)
        {
            items[i] = i;
        }

        var random = new Mt19937(seed);
        for (var i = n - 1; i >= 1; i--)
        {
            var j = (int)random.NextInterval((uint)i);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    /// <summary>scikit-learn's number of test rows for a fractional <c>test_size</c>: <c>ceil(testSize * n)</c>.</summary>
    public static int TestCount(int n, double testSize) => (int)Math.Ceiling(testSize * n);

    /// <summary>
    /// <c>train_test_split(indices, test_size=testSize, random_state=seed)</c>: with <c>perm</c> the seeded permutation,
    /// test = <c>indices[perm[:n_test]]</c> and train = <c>indices[perm[n_test:]]</c>, in that order.
    /// </summary>
    public static (int[] Train, int[] Test) TrainTestSplit(IReadOnlyList<int> indices, double testSize, uint seed)
    {
        var n = indices.Count;
        var testCount = Math.Min(TestCount(n, testSize), n);
        var permutation = Permutation(n, seed);
        var test = new int[testCount];
        var train = new int[n - testCount];
        for (var i = 0; i < testCount; i++)
        {
            test[i] = indices[permutation[i]];
        }

        for (var i = testCount; i < n; i++)
        {
            train[i - testCount] = indices[permutation[i]];
        }

        return (train, test);
    }
}
