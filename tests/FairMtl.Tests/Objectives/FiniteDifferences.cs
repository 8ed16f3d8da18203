namespace FairMtl.Tests.Objectives;

/// <summary>A loss of float outputs that writes its gradient with respect to them unless the span is empty.</summary>
internal delegate double OutputLoss(float[] outputs, Span<float> gradient);

/// <summary>Finite-difference checks of losses on float outputs (logits or values).</summary>
internal static class FiniteDifferences
{
    /// <summary>Central differences on the float outputs (step 1e-3), divided by the float step actually taken; rel
    /// 1e-3, abs 1e-5. The analytic gradient is written over NaN (every entry must be overwritten) and must not be all
    /// zero; it is returned.</summary>
    public static float[] ShouldMatch(OutputLoss loss, float[] outputs)
    {
        const float Step = 1e-3f;
        var gradient = Enumerable.Repeat(float.NaN, outputs.Length).ToArray();
        loss(outputs, gradient);

        gradient.ShouldContain(g => g != 0f);
        var perturbed = (float[])outputs.Clone();
        for (var i = 0; i < outputs.Length; i++)
        {
            var up = outputs[i] + Step;
            var down = outputs[i] - Step;
            perturbed[i] = up;
            var lossUp = loss(perturbed, Span<float>.Empty);
            perturbed[i] = down;
            var lossDown = loss(perturbed, Span<float>.Empty);
            perturbed[i] = outputs[i];

            // The float step actually taken, not the nominal one.
            var numeric = (lossUp - lossDown) / ((double)up - down);
            Math.Abs(gradient[i] - numeric).ShouldBeLessThanOrEqualTo(1e-5 + (1e-3 * Math.Abs(numeric)), $"entry {i}");
        }

        return gradient;
    }
}
