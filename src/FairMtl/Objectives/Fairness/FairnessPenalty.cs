namespace FairMtl.Objectives.Fairness;

/// <summary>The batch fairness losses <see cref="FairnessLosses.Create"/> builds.</summary>
public enum FairnessPenalty
{
    /// <summary>Group loss fairness: |L_a - L_b| for two groups, 1 - Jain's fairness index of the L_g for more.</summary>
    Glf,

    /// <summary>Group loss divergence: exp(KL(softmax(-L) || uniform)) - 1.</summary>
    Gld,

    /// <summary>Bounded group loss: the sum over groups of max(0, L_g - epsilon).</summary>
    Bgl,

    /// <summary>Demographic parity: the spread of the groups' mean predicted probabilities.</summary>
    Dpl,

    /// <summary>False positive rate parity: the spread of the groups' mean probabilities on their negative rows.</summary>
    Fprl,

    /// <summary>True positive rate parity: the spread of the groups' mean probabilities on their positive rows.</summary>
    Tprl,
}
