using System.Security.Cryptography;
using System.Text;

namespace FairMtl.Store;

/// <summary>
/// The identities the run store keys on. A unit's identity hashes everything its numbers depend on: the numerics
/// version of the code, the kind, the experiment's <see cref="StoredExperiment.Basis"/>, the data files' sha256 and
/// the unit's key. So changing an experiment's description reuses every unit, and changing a seed retrains only that
/// seed's units. A result's identity hashes the whole spec instead (a changed description is a new entry in the
/// history, made of the same units).
/// </summary>
public static class UnitIdentity
{
    /// <summary>
    /// What every unit of <paramref name="experiment"/> shares in its identity, hashed once (the basis is kilobytes of
    /// JSON): the numerics version, the kind, the basis and the data files' sha256.
    /// </summary>
    public static string OfBasis(StoredExperiment experiment, string numericsVersion) =>
        Hash(numericsVersion, experiment.Kind, experiment.Basis, string.Join(",", experiment.DataSha256));

    /// <summary>The identity of the unit with key <paramref name="unitKey"/> of the experiment whose
    /// <see cref="OfBasis"/> is <paramref name="basis"/>.</summary>
    public static string Of(string basis, string unitKey) => Hash(basis, unitKey);

    /// <summary>The identity of a result of <paramref name="experiment"/>.</summary>
    public static string OfResult(StoredExperiment experiment, string numericsVersion) =>
        Hash(numericsVersion, experiment.Kind, experiment.Spec, string.Join(",", experiment.DataSha256));

    private static string Hash(params string[] parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            // Length-prefixed, so that no two different part lists give the same text.
            builder.Append(part.Length).Append(':').Append(part).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }
}
