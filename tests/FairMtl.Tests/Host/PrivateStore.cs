namespace FairMtl.Tests.Host;

/// <summary>
/// A run store of its own for one host invocation: a <c>run</c> without <c>--store</c> or <c>--no-store</c> would use
/// <c>results/runs.db</c> under the test's folder, shared by every test, so that a later test would read the models an
/// earlier one trained and test nothing. Tests of the store pass <c>--store</c> themselves.
/// </summary>
internal sealed class PrivateStore : IDisposable
{
    private static readonly string[] NotRuns = ["list", "report", "runs", "--help", "-h", "--version"];
    private readonly string? _folder;

    private PrivateStore(string[] arguments, string? folder)
    {
        Arguments = arguments;
        _folder = folder;
    }

    /// <summary>The arguments to pass.</summary>
    public string[] Arguments { get; }

    /// <summary><paramref name="arguments"/> with <c>--store</c> pointing at a new temporary store when they start a run
    /// that names no store.</summary>
    public static PrivateStore For(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0 || NotRuns.Contains(arguments[0]) || arguments.Contains("--store") || arguments.Contains("--no-store"))
        {
            return new PrivateStore(arguments.ToArray(), null);
        }

        var folder = Path.Combine(Path.GetTempPath(), "fairmtl-test-store-" + Guid.NewGuid().ToString("N"));
        return new PrivateStore([.. arguments, "--store", Path.Combine(folder, "runs.db")], folder);
    }

    public void Dispose()
    {
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
