#nullable enable

using System;
using System.Collections.Generic;

namespace FairMtl.Objectives.Weighting;

/// <summary>
/// A weighting expression and its symbolic gradient, flattened for evaluation every training step. Evaluation
/// allocates nothing and is thread-safe (each thread uses its own scratch stack).
/// </summary>
public sealed class CompiledWeighting : ILossWeighting
{
    [ThreadStatic]
    private static double[]? t_stack;

    private readonly WeightingProgram _value;
    private readonly WeightingProgram[] _gradient;
    private readonly int _stackSize;
    private readonly string[] _lossNames;
    private readonly string[] _variableNames;

    internal CompiledWeighting(
        WeightingExpression expression,
        string[] lossNames,
        string[] variableNames,
        WeightingProgram value,
        WeightingProgram[] gradient)
    {
        Expression = expression;
        _lossNames = lossNames;
        _variableNames = variableNames;
        _value = value;
        _gradient = gradient;
        _stackSize = value.StackSize;
        foreach (var program in gradient)
        {
            _stackSize = Math.Max(_stackSize, program.StackSize);
        }
    }

    /// <summary>The compiled expression.</summary>
    public WeightingExpression Expression { get; }

    /// <summary>Loss names in the order of the <c>losses</c> and <c>dLosses</c> arrays.</summary>
    public IReadOnlyList<string> LossNames => _lossNames;

    /// <summary>Sweep variable names in the order of the <c>variables</c> array.</summary>
    public IReadOnlyList<string> VariableNames => _variableNames;

    /// <summary>The weighted total loss.</summary>
    /// <param name="losses">One value per entry of <see cref="LossNames"/>.</param>
    /// <param name="variables">One value per entry of <see cref="VariableNames"/>.</param>
    public double Evaluate(double[] losses, double[] variables)
    {
        Check(losses, variables);
        return _value.Run(Stack(), losses, variables);
    }

    /// <summary>The partial derivatives of the weighted total with respect to each loss.</summary>
    /// <param name="losses">One value per entry of <see cref="LossNames"/>.</param>
    /// <param name="variables">One value per entry of <see cref="VariableNames"/>.</param>
    /// <param name="dLosses">Receives <c>d total / d losses[i]</c>; at least as long as <see cref="LossNames"/>.</param>
    public void Gradient(double[] losses, double[] variables, double[] dLosses)
    {
        Check(losses, variables);
        if (dLosses is null || dLosses.Length < _lossNames.Length)
        {
            throw new ArgumentException($"expected {_lossNames.Length} loss gradient slots", nameof(dLosses));
        }

        var stack = Stack();
        for (var i = 0; i < _gradient.Length; i++)
        {
            dLosses[i] = _gradient[i].Run(stack, losses, variables);
        }
    }

    private void Check(double[] losses, double[] variables)
    {
        if (losses is null || losses.Length < _lossNames.Length)
        {
            throw new ArgumentException($"expected {_lossNames.Length} loss values", nameof(losses));
        }

        if (variables is null || variables.Length < _variableNames.Length)
        {
            throw new ArgumentException($"expected {_variableNames.Length} variable values", nameof(variables));
        }
    }

    private double[] Stack()
    {
        var stack = t_stack;
        if (stack is null || stack.Length < _stackSize)
        {
            t_stack = stack = new double[_stackSize];
        }

        return stack;
    }
}
