// Language features the shared sources use that netstandard2.0 lacks the types for.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
