using FairMtl.Numerics;
using FairMtl.Spec;

namespace FairMtl.Nn;

/// <summary>A head: optional hidden blocks, then one linear output unit per row (a value or a logit).</summary>
public sealed class OutputHead
{
    private readonly float[] _gradHidden;
    private readonly float[] _gradHiddenInput;

    public OutputHead(HeadSpec spec, int inputs, Activation activation, int maxRows)
    {
        Spec = spec;
        var group = "head:" + spec.Name;
        var hidden = new List<HiddenBlock>();
        var width = inputs;
        var maxWidth = inputs;
        for (var i = 0; i < spec.Hidden.Count; i++)
        {
            hidden.Add(new HiddenBlock($"{spec.Name}.{i}", group, width, spec.Hidden[i], activation, false, 0, maxRows));
            width = spec.Hidden[i];
            maxWidth = Math.Max(maxWidth, width);
        }

        Hidden = hidden.ToArray();
        Output = new DenseLayer($"{spec.Name}.out", group, width, 1);
        Prediction = UnitBuffers.Rent<float>(maxRows);
        _gradHidden = UnitBuffers.Rent<float>(maxRows * maxWidth);
        _gradHiddenInput = UnitBuffers.Rent<float>(maxRows * maxWidth);
        InputGradient = UnitBuffers.Rent<float>(maxRows * inputs);
    }

    public HeadSpec Spec { get; }

    public HiddenBlock[] Hidden { get; }

    public DenseLayer Output { get; }

    /// <summary>The head's outputs for the last forward pass (one per row).</summary>
    public float[] Prediction { get; }

    /// <summary>After <see cref="Backward"/>: the gradient with respect to the trunk output (unscaled).</summary>
    public float[] InputGradient { get; }

    public IEnumerable<Parameter> Parameters =>
        Hidden.SelectMany(block => block.Parameters).Append(Output.Weight).Append(Output.Bias);

    public void Initialize(Initializer initializer, DeterministicRandom random)
    {
        foreach (var block in Hidden)
        {
            block.Initialize(initializer, random);
        }

        Output.Initialize(initializer, random);
    }

    public void Forward(float[] trunkOutput, int rows, bool training)
    {
        var input = trunkOutput;
        foreach (var block in Hidden)
        {
            block.Forward(input, rows, training, null);
            input = block.Output;
        }

        Output.Forward(input, Prediction, rows);
    }

    /// <summary>
    /// Recomputes only <see cref="InputGradient"/> for another per-row gradient (a loss routed to the trunk but not to
    /// this head's parameters), after <see cref="Backward"/>; the parameter gradients stay those of
    /// <see cref="Backward"/>.
    /// </summary>
    public void BackwardInput(float[] trunkOutput, ReadOnlySpan<float> gradPrediction, int rows, Span<float> scratch)
    {
        if (Hidden.Length == 0)
        {
            Output.BackwardInput(gradPrediction[..rows], InputGradient, scratch, rows);
            return;
        }

        Output.BackwardInput(gradPrediction[..rows], _gradHidden, scratch, rows);
        for (var i = Hidden.Length - 1; i >= 0; i--)
        {
            var target = i == 0 ? InputGradient : _gradHiddenInput;
            Hidden[i].BackwardInput(_gradHidden, target, scratch);
            if (i > 0)
            {
                _gradHiddenInput.AsSpan().CopyTo(_gradHidden);
            }
        }
    }

    /// <summary>Back-propagates the per-row gradient of the loss with respect to the prediction.</summary>
    public void Backward(float[] trunkOutput, ReadOnlySpan<float> gradPrediction, int rows, float parameterScale, Span<float> scratch)
    {
        var lastInput = Hidden.Length == 0 ? trunkOutput : Hidden[^1].Output;
        var gradLast = Hidden.Length == 0 ? InputGradient : _gradHidden;
        Output.Backward(lastInput, gradPrediction[..rows], gradLast, scratch, rows, parameterScale);
        for (var i = Hidden.Length - 1; i >= 0; i--)
        {
            var input = i == 0 ? trunkOutput : Hidden[i - 1].Output;
            var target = i == 0 ? InputGradient : _gradHiddenInput;
            Hidden[i].Backward(input, _gradHidden, target, scratch, parameterScale);
            if (i > 0)
            {
                _gradHiddenInput.AsSpan().CopyTo(_gradHidden);
            }
        }
    }
}
