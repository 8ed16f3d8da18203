using FairMtl.Numerics;
using FairMtl.Spec;

namespace FairMtl.Nn;

/// <summary>A head: optional hidden blocks, then <see cref="HeadSpec.Outputs"/> linear output units per row (a value, a
/// logit, or one logit per class or label).</summary>
public sealed class OutputHead
{
    private readonly float[] _gradHidden;
    private readonly float[] _gradHiddenInput;

    public OutputHead(HeadSpec spec, int inputs, Activation activation, int maxRows)
    {
        if (spec.Outputs < 1)
        {
            throw new ArgumentException($"Head '{spec.Name}' has {spec.Outputs} outputs ({spec.Task} heads need Classes of at least 1).", nameof(spec));
        }

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
        Output = new DenseLayer($"{spec.Name}.out", group, width, spec.Outputs);
        Prediction = UnitBuffers.Rent<float>(maxRows * spec.Outputs);
        _gradHidden = UnitBuffers.Rent<float>(maxRows * maxWidth);
        _gradHiddenInput = UnitBuffers.Rent<float>(maxRows * maxWidth);
        InputGradient = UnitBuffers.Rent<float>(maxRows * inputs);
    }

    public HeadSpec Spec { get; }

    public HiddenBlock[] Hidden { get; }

    public DenseLayer Output { get; }

    /// <summary>The head's output units per row (<see cref="HeadSpec.Outputs"/>).</summary>
    public int Outputs => Output.Outputs;

    /// <summary>The head's outputs for the last forward pass, row-major: row r's units at
    /// <c>r * Outputs .. r * Outputs + Outputs - 1</c>.</summary>
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
    /// Recomputes only <see cref="InputGradient"/> for another gradient with respect to the outputs (rows x
    /// <see cref="Outputs"/>, row-major: a loss routed to the trunk but not to this head's parameters), after
    /// <see cref="Backward"/>; the parameter gradients stay those of <see cref="Backward"/>.
    /// </summary>
    public void BackwardInput(float[] trunkOutput, ReadOnlySpan<float> gradPrediction, int rows, Span<float> scratch)
    {
        gradPrediction = gradPrediction[..(rows * Outputs)];
        if (Hidden.Length == 0)
        {
            Output.BackwardInput(gradPrediction, InputGradient, scratch, rows);
            return;
        }

        Output.BackwardInput(gradPrediction, _gradHidden, scratch, rows);
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

    /// <summary>Back-propagates the gradient of the loss with respect to the outputs (rows x <see cref="Outputs"/>,
    /// row-major, as <see cref="Prediction"/>).</summary>
    public void Backward(float[] trunkOutput, ReadOnlySpan<float> gradPrediction, int rows, float parameterScale, Span<float> scratch)
    {
        var lastInput = Hidden.Length == 0 ? trunkOutput : Hidden[^1].Output;
        var gradLast = Hidden.Length == 0 ? InputGradient : _gradHidden;
        Output.Backward(lastInput, gradPrediction[..(rows * Outputs)], gradLast, scratch, rows, parameterScale);
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
