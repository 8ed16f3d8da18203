using FairMtl.Data;

namespace FairMtl.Tests.Data;

public class NumpySplitTests
{
    [Fact]
    public void Permutation_matches_numpy_random_state_42() =>
        NumpySplit.Permutation(10, 42).ShouldBe([8, 1, 5, 0, 7, 2, 9, 4, 3, 6]);

    [Theory]
    [InlineData(8u, 42u, new[] { 1, 5, 0, 7, 2, 4, 3, 6 })]
    [InlineData(20u, 7u, new[] { 1, 17, 2, 5, 11, 0, 18, 6, 13, 19, 10, 14, 8, 16, 9, 12, 7, 3, 4, 15 })]
    [InlineData(6u, 4294967295u, new[] { 1, 4, 5, 0, 2, 3 })]
    public void Permutation_matches_numpy_for_other_sizes_and_seeds(uint n, uint seed, int[] expected) =>
        NumpySplit.Permutation((int)n, seed).ShouldBe(expected);

    [Fact]
    public void Permutation_of_zero_and_one_items()
    {
        NumpySplit.Permutation(0, 42).ShouldBeEmpty();
        NumpySplit.Permutation(1, 42).ShouldBe([0]);
    }

    [Theory]
    [InlineData(506, 0.2, 102)]
    [InlineData(404, 0.2, 81)]
    [InlineData(5875, 0.2, 1175)]
    [InlineData(10, 0.25, 3)]
    public void Test_count_is_the_ceiling_as_in_scikit_learn(int n, double fraction, int expected) =>
        NumpySplit.TestCount(n, fraction).ShouldBe(expected);

    [Fact]
    public void Train_test_split_takes_the_test_rows_first()
    {
        // sklearn: train_test_split(np.arange(12), test_size=0.25, random_state=3)
        var (train, test) = NumpySplit.TrainTestSplit(Enumerable.Range(0, 12).ToArray(), 0.25, 3);

        test.ShouldBe([5, 4, 1]);
        train.ShouldBe([2, 11, 6, 7, 0, 3, 9, 8, 10]);
    }

    [Fact]
    public void Split_of_a_subset_indexes_into_the_given_indices()
    {
        // sklearn: train_test_split([5, 0, 7, 2, 9, 4, 3, 6], test_size=0.25, random_state=42)
        var (train, test) = NumpySplit.TrainTestSplit([5, 0, 7, 2, 9, 4, 3, 6], 0.25, 42);

        test.ShouldBe([0, 4]);
        train.ShouldBe([5, 6, 7, 9, 2, 3]);
    }

    [Fact]
    public void Boston_indices_match_scikit_learn()
    {
        // Printed with scikit-learn 1.2.1 / NumPy 1.24.2: train_test_split(np.arange(506), test_size=0.2, random_state=42)
        var (train, test) = NumpySplit.TrainTestSplit(Enumerable.Range(0, 506).ToArray(), 0.2, 42);

        test.Length.ShouldBe(102);
        test.Take(5).ShouldBe([173, 274, 491, 72, 452]);
        test.TakeLast(3).ShouldBe([411, 86, 75]);
        train.Take(5).ShouldBe([477, 15, 332, 423, 19]);
    }

    [Fact]
    public void Parkinson_indices_match_scikit_learn()
    {
        // Printed with scikit-learn 1.2.1: train_test_split(np.arange(5875), test_size=0.2, random_state=42)
        var (train, test) = NumpySplit.TrainTestSplit(Enumerable.Range(0, 5875).ToArray(), 0.2, 42);

        test.Length.ShouldBe(1175);
        test.Take(5).ShouldBe([5366, 4326, 199, 3260, 4955]);
        test.TakeLast(3).ShouldBe([2559, 2029, 287]);
        train.Take(5).ShouldBe([3268, 4619, 5681, 3349, 4035]);
    }
}
