namespace FairMtl.Data;

/// <summary>One field of a data line: its text (quotes removed) and the 1-based character column where it starts.</summary>
internal readonly record struct TextField(string Value, int Column);
