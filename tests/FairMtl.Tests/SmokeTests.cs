namespace FairMtl.Tests;

public class SmokeTests
{
    [Fact]
    public void Suggestion_finds_nearest_name() =>
        FairMtl.Diagnostics.NameSuggestions.Nearest("MEDVV", ["CRIM", "MEDV", "B"]).ShouldBe("MEDV");
}
