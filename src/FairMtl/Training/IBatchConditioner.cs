namespace FairMtl.Training;

/// <summary>Writes the conditioning inputs of a loss-conditional network into each mini-batch, after the rows are
/// gathered and before the forward pass.</summary>
public interface IBatchConditioner
{
    /// <summary>Fills the conditioning columns (the last ones) of the <paramref name="rows"/> rows of
    /// <paramref name="inputs"/>, <paramref name="features"/> values per row.</summary>
    void Condition(Span<float> inputs, int rows, int features);
}
