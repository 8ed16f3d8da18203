using FairMtl.Numerics;
using FairMtl.Spec;

namespace FairMtl.Nn;

/// <summary>Dense -> optional batch normalisation -> activation -> optional dropout, with its batch buffers.</summary>
public sealed class HiddenBlock
{
    private readonly Activation _activation;
    private readonly float _dropout;
    private readonly float[] _activated;
    private readonly float[] _mask;
    private int _rows;
    private bool _dropoutApplied;

    public HiddenBlock(string name, string group, int inputs, int outputs, Activation activation, bool batchNorm, double dropout, int maxRows)
    {
        Dense = new DenseLayer(name, group, inputs, outputs);
        Norm = batchNorm ? new BatchNormalization(name + ".bn", group, outputs, maxRows) : null;
        _activation = activation;
        _dropout = (float)dropout;
        _activated = UnitBuffers.Rent<float>(maxRows * outputs);
        _mask = dropout > 0 ? UnitBuffers.Rent<float>(maxRows * outputs) : [];
        Output = dropout > 0 ? UnitBuffers.Rent<float>(maxRows * outputs) : _activated;
    }

    public DenseLayer Dense { get; }

    /// <summary>The activation after the dense layer (and batch normalisation).</summary>
    public Activation Activation => _activation;

    /// <summary>The inverted-dropout rate of the block's outputs while training (0: none).</summary>
    public float DropoutRate => _dropout;

    public BatchNormalization? Norm { get; }

    /// <summary>The block's output for the last forward pass ([rows x outputs]).</summary>
    public float[] Output { get; }

    /// <summary>The inverted-dropout factors of the last training pass (0 or 1 / keep), or empty.</summary>
    internal ReadOnlySpan<float> DropoutMask => _dropoutApplied ? _mask.AsSpan(0, _rows * Dense.Outputs) : [];

    public IEnumerable<Parameter> Parameters
    {
        get
        {
            yield return Dense.Weight;
            yield return Dense.Bias;
            if (Norm is not null)
            {
                yield return Norm.Gamma;
                yield return Norm.Beta;
            }
        }
    }

    public void Initialize(Initializer initializer, DeterministicRandom random)
    {
        Dense.Initialize(initializer, random);
        Norm?.Initialize();
    }

    public void Forward(ReadOnlySpan<float> input, int rows, bool training, DeterministicRandom? dropoutRandom)
    {
        _rows = rows;
        var activated = _activated.AsSpan(0, rows * Dense.Outputs);
        Dense.Forward(input, activated, rows);
        Norm?.Forward(activated, rows, training);
        ActivationFunctions.Apply(_activation, activated);
        if (_mask.Length == 0)
        {
            return;
        }

        var output = Output.AsSpan(0, activated.Length);
        _dropoutApplied = training && dropoutRandom is not null;
        if (!_dropoutApplied)
        {
            activated.CopyTo(output);
            return;
        }

        var keep = 1f - _dropout;
        var mask = _mask.AsSpan(0, output.Length);
        dropoutRandom!.FillDropoutMask(mask, keep, 1f / keep);
        MatrixKernels.Multiply(activated, mask, output);
    }

    /// <summary>
    /// Back-propagates <paramref name="gradOutput"/> (overwritten as scratch) through the block, writing parameter
    /// gradients times <paramref name="parameterScale"/> and, unless empty, the input gradient.
    /// </summary>
    public void Backward(
        ReadOnlySpan<float> input, Span<float> gradOutput, Span<float> gradInput, Span<float> scratch, float parameterScale)
    {
        var rows = _rows;
        var activated = _activated.AsSpan(0, rows * Dense.Outputs);
        var grad = gradOutput[..activated.Length];
        MaskGradient(grad);

        ActivationFunctions.Backward(_activation, activated, grad);
        Norm?.Backward(grad, rows, parameterScale);
        Dense.Backward(input, grad, gradInput, scratch, rows, parameterScale);
    }

    /// <summary>
    /// Only the input gradient for <paramref name="gradOutput"/> (overwritten as scratch), leaving the parameter
    /// gradients of the last <see cref="Backward"/> as they are. Blocks with batch normalisation do not support it (their
    /// input gradient depends on the batch statistics' gradients; heads never normalise).
    /// </summary>
    public void BackwardInput(Span<float> gradOutput, Span<float> gradInput, Span<float> scratch)
    {
        if (Norm is not null)
        {
            throw new InvalidOperationException("An input-only backward pass through batch normalisation is not supported.");
        }

        var activated = _activated.AsSpan(0, _rows * Dense.Outputs);
        var grad = gradOutput[..activated.Length];
        MaskGradient(grad);

        ActivationFunctions.Backward(_activation, activated, grad);
        Dense.BackwardInput(grad, gradInput, scratch, _rows);
    }

    /// <summary>grad *= the last training pass's dropout factors (nothing when no dropout was applied).</summary>
    private void MaskGradient(Span<float> grad)
    {
        if (_dropoutApplied)
        {
            MatrixKernels.Multiply(grad, _mask.AsSpan(0, grad.Length), grad);
        }
    }
}
