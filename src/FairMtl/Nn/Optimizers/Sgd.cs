namespace FairMtl.Nn.Optimizers;

/// <summary>Stochastic gradient descent with optional (PyTorch-style) momentum: b = mu * b + g; p -= lr * b.</summary>
public sealed class Sgd : IOptimizer
{
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly float[][] _velocity;
    private readonly float _learningRate;
    private readonly float _momentum;

    public Sgd(IReadOnlyList<Parameter> parameters, double learningRate, double momentum)
    {
        _parameters = parameters;
        _velocity = Parameter.StateFor(parameters);
        _learningRate = (float)learningRate;
        _momentum = (float)momentum;
    }

    public void Step()
    {
        for (var p = 0; p < _parameters.Count; p++)
        {
            var value = _parameters[p].Value;
            var grad = _parameters[p].Gradient;
            var velocity = _velocity[p];
            for (var i = 0; i < value.Length; i++)
            {
                velocity[i] = _momentum * velocity[i] + grad[i];
                value[i] -= _learningRate * velocity[i];
            }
        }
    }

    public void Reset()
    {
        foreach (var velocity in _velocity)
        {
            Array.Clear(velocity);
        }
    }
}
