using System.CommandLine;
using System.Text.RegularExpressions;
using LookoutSim.Cli;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// One rule for the placeholders of every verb's help: arguments and option values are named in
/// capitals (<c>SCENARIO</c>, <c>DIR</c>, <c>FILE</c>, <c>N</c>, <c>DURATION</c>, <c>PATH=VALUE</c>),
/// a scenario file is always <c>SCENARIO</c>, an output is a <c>…DIR</c> or <c>…FILE</c>, a horizon a <c>DURATION</c>.
/// </summary>
public sealed partial class HelpPlaceholderTests
{
    [GeneratedRegex(@"^[A-Z][A-Z0-9_]*$")]
    private static partial Regex ArgumentName();

    [GeneratedRegex(@"^[\[A-Z][A-Z0-9_=,./\[\]]*$")]
    private static partial Regex Placeholder();

    /// <summary>Every (command path, argument) and (command path, option taking a value) of the tree.</summary>
    private static List<(string Path, Symbol Symbol)> Symbols()
    {
        var found = new List<(string, Symbol)>();
        void Walk(Command c, string path)
        {
            found.AddRange(c.Arguments.Select(a => (path, (Symbol)a)));
            found.AddRange(c.Options.Where(o => o.ValueType != typeof(bool) && o.ValueType != typeof(void) && !o.Hidden).Select(o => (path, (Symbol)o)));
            foreach (Command s in c.Subcommands)
            {
                Walk(s, path + " " + s.Name);
            }
        }

        Walk(CommandLine.Build(), "lookoutsim");
        return found;
    }

    [Test]
    public void EveryArgumentAndOptionValue_HasACapitalPlaceholder()
    {
        var bad = new List<string>();
        foreach ((string path, Symbol symbol) in Symbols())
        {
            string? name = symbol switch
            {
                Argument a => a.Name,
                Option o => o.HelpName,
                _ => null,
            };
            bool ok = symbol is Argument ? name is not null && ArgumentName().IsMatch(name) : name is not null && Placeholder().IsMatch(name);
            if (!ok)
            {
                bad.Add($"{path} {symbol.Name}: '{name}'");
            }
        }

        Assert.That(bad, Is.Empty, "placeholders not in capitals:\n" + string.Join("\n", bad));
    }

    [Test]
    public void SameKindOfValue_SamePlaceholderInEveryVerb()
    {
        var bad = new List<string>();
        foreach ((string path, Symbol symbol) in Symbols())
        {
            string name = symbol is Argument a ? a.Name : ((Option)symbol).HelpName ?? "";
            string? expected = symbol.Name switch
            {
                "--scenario" => "SCENARIO",
                "--horizon" or "--long-horizon" => "DURATION",
                "--set" => "PATH=VALUE",
                "--seed" or "--replications" or "--parallel" => "N",
                "--observed" => "DIR",
                _ when symbol is Argument && (symbol.Description ?? "").Contains("cenario file", StringComparison.Ordinal) => "SCENARIO",
                _ => null,
            };
            if (expected is not null && name != expected)
            {
                bad.Add($"{path} {symbol.Name}: '{name}', expected '{expected}'");
            }

            if (symbol.Name == "--out" && !(name.EndsWith("DIR", StringComparison.Ordinal) || name.EndsWith("FILE", StringComparison.Ordinal)))
            {
                bad.Add($"{path} --out: '{name}', expected …DIR or …FILE");
            }
        }

        Assert.That(bad, Is.Empty, string.Join("\n", bad));
    }

    [Test]
    public void RunHelp_ShowsThePlaceholders()
    {
        // When
        var r = Support.CliRun.Run("run", "--help");

        // Then
        Assert.That(r.Out, Does.Contain("<SCENARIO>").And.Contain("--horizon <DURATION>").And.Contain("--set <PATH=VALUE>").And.Contain("--out <DIR>"));
    }
}
