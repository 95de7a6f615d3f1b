using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using LookoutSim.Cli;
using LookoutSim.Tests.Scenarios;
using static LookoutSim.Tests.Hardening.FuzzMutations;

namespace LookoutSim.Tests.Hardening;

/// <summary>
/// Random, nasty mutations of the shipped samples and of the sample trace, fed to <c>validate</c> and
/// to <c>run</c> with a short horizon, in process. Every case must end with exit code 0 or 2 (never 3,
/// never an escaping exception), print no stack trace and no raw control character, finish within a
/// wall-clock guard without runaway memory, and leave nothing behind: the results folder is absent
/// or complete, no hidden temporary is left beside it, nothing is written outside the case's folder.
/// </summary>
/// <remarks>
/// <para>Seeded: the CI run is the same cases every time. By hand, for many more cases:
/// <c>LOOKOUTSIM_FUZZ_CASES=2000 dotnet test Simulator.Tests --filter Category=Fuzz</c>
/// (<c>run</c> gets a fifth as many unless <c>LOOKOUTSIM_FUZZ_RUN_CASES</c> says otherwise).
/// <c>LOOKOUTSIM_FUZZ_SEED</c> picks another seed, <c>LOOKOUTSIM_FUZZ_ONLY=N</c> replays case N alone,
/// <c>LOOKOUTSIM_FUZZ_FAILURES</c> is where failing cases are saved (default: the temp folder),
/// <c>LOOKOUTSIM_FUZZ_TIMEOUT_S</c> the wall-clock guard per case (default 20).</para>
/// <para>Each failing case is saved as its input files, a <c>case.txt</c> with the mutations, the
/// command, the exit code and stderr, and a line of <c>failures.tsv</c>.</para>
/// </remarks>
[TestFixture]
[Category("Fuzz")]
[NonParallelizable]
public sealed partial class FuzzTests
{
    private const int DefaultSeed = 20261128;
    private const string TraceFolder = "traces";
    private const string TraceName = "line2-day.csv";
    private const long MemoryLimitBytes = 1536L << 20;

    private static readonly string[] SampleNames =
        [.. ScenarioFiles.SampleFiles().Select(Path.GetFileName).OfType<string>()];

    private static readonly string TraceSample = File.ReadAllText(Path.Combine(ScenarioFiles.Samples, TraceFolder, TraceName));

    private static readonly string[] ResultFiles =
    [
        "summary.json", "summary.csv", "replications.csv", "timeseries.csv", "zones.csv", "events.csv",
        "latency_histogram.csv", "scenario.resolved.yaml", "report.html",
    ];

    private string _root = "";
    private int _abandoned;

    [SetUp]
    public void CreateRoot()
    {
        _root = Path.Combine(Path.GetTempPath(), "lookoutsim-fuzz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        _abandoned = 0;
    }

    [TearDown]
    public void RemoveRoot()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [Test]
    public void Validate_MutatedSamplesAndTraces_ExitCleanly()
    {
        int cases = EnvInt("LOOKOUTSIM_FUZZ_CASES") ?? 400;
        Fuzz("validate", cases);
    }

    [Test]
    public void Run_MutatedSamplesAndTraces_ExitCleanlyAndLeaveNothingBehind()
    {
        int cases = EnvInt("LOOKOUTSIM_FUZZ_RUN_CASES") ?? (EnvInt("LOOKOUTSIM_FUZZ_CASES") is int n ? Math.Max(1, n / 5) : 40);
        Fuzz("run", cases);
    }

    // The judge's own checks must be able to fail.
    [TestCase("time,zone\n0,\"=HYPERLINK(\"\"http://x\"\")\"\n", "=HYPERLINK(\"http://x\")")]
    [TestCase("a,b\n1,+cmd\n", "+cmd")]
    [TestCase("a,b\n1,@SUM(1)\n", "@SUM(1)")]
    [TestCase("a,b\n-1.5,+2e3\n-x,2\n", "-x")]
    [TestCase("a,b\n-1.5,+2e3\n'=1,2\n", null)]
    public void FormulaCell_FindsWhatASpreadsheetWouldRun(string csv, string? expected)
    {
        Assert.That(FormulaCell(csv.Split('\n')), Is.EqualTo(expected));
    }

    [TestCase("internal error: X\n   at LookoutSim.Cli.RunCommand.Execute(ParseResult parsed) in /x.cs:line 3\n", true)]
    [TestCase("--- End of stack trace from previous location ---", true)]
    [TestCase("steady.yaml:3:1: error: at least one zone is needed (at 2d)\n", false)]
    public void StackTrace_IsRecognised(string stderr, bool expected)
    {
        Assert.That(StackTrace().IsMatch(stderr), Is.EqualTo(expected));
    }

    // ---- the cases -------------------------------------------------------------------------------

    /// <summary>What FsCheck draws for one case; <see cref="Detail"/> seeds the mutations' own choices.</summary>
    internal sealed record CasePlan(int Sample, bool Trace, YamlOp[] YamlOps, CsvOp[] CsvOps, bool DefaultOut, bool TraceRequests, int Detail);

    private static Gen<CasePlan> Plans()
    {
        YamlOp[] yamlOps = Enum.GetValues<YamlOp>();
        CsvOp[] csvOps = Enum.GetValues<CsvOp>();
        int traceSample = Array.IndexOf(SampleNames, "trace-replay.yaml");
        return
            from trace in Gen.Choose(0, 3)
            from sample in Gen.Choose(0, SampleNames.Length - 1)
            from yamlCount in Gen.Choose(1, 3)
            from y1 in Gen.Elements(yamlOps)
            from y2 in Gen.Elements(yamlOps)
            from y3 in Gen.Elements(yamlOps)
            from csvCount in Gen.Choose(1, 3)
            from c1 in Gen.Elements(csvOps)
            from c2 in Gen.Elements(csvOps)
            from c3 in Gen.Elements(csvOps)
            from yamlToo in Gen.Choose(0, 3)
            from defaultOut in Gen.Choose(0, 3)
            from traceRequests in Gen.Choose(0, 1)
            from detail in Gen.Choose(0, int.MaxValue)
            let isTrace = trace == 0 && traceSample >= 0
            select new CasePlan(
                isTrace ? traceSample : sample,
                isTrace,
                isTrace && yamlToo != 0 ? [] : [.. new[] { y1, y2, y3 }.Take(yamlCount)],
                isTrace ? [.. new[] { c1, c2, c3 }.Take(csvCount)] : [],
                defaultOut == 0,
                traceRequests == 0,
                detail);
    }

    private static CasePlan PlanOf(string verb, int seed, int index)
    {
        ulong salt = verb == "run" ? 0x5EEDUL << 32 : 0;
        var rnd = new Rnd(((ulong)(uint)seed * 1_000_003UL) + salt + (ulong)index);
        return Plans().Sample(30, rnd, 1)[0];
    }

    /// <summary>The input files of a case: the mutated scenario and the (maybe mutated) trace.</summary>
    internal static (byte[] Scenario, byte[] Trace, List<string> Log) Inputs(CasePlan plan)
    {
        var r = new System.Random(plan.Detail);
        var log = new List<string>();
        string sample = File.ReadAllText(Path.Combine(ScenarioFiles.Samples, SampleNames[plan.Sample]));
        byte[] scenario = plan.YamlOps.Length == 0 ? Encoding.UTF8.GetBytes(sample) : MutateYaml(sample, plan.YamlOps, r, log);
        byte[] trace = plan.CsvOps.Length == 0 ? Encoding.UTF8.GetBytes(TraceSample) : MutateCsv(TraceSample, plan.CsvOps, r, log);
        return (scenario, trace, log);
    }

    // ---- the driver ------------------------------------------------------------------------------

    private sealed record Failure(string Verb, int Index, string Kind, string Detail, int? Code, string FirstStderrLine, string SavedAt);

    private void Fuzz(string verb, int cases)
    {
        int seed = EnvInt("LOOKOUTSIM_FUZZ_SEED") ?? DefaultSeed;
        int? only = EnvInt("LOOKOUTSIM_FUZZ_ONLY");
        string failuresDir = Environment.GetEnvironmentVariable("LOOKOUTSIM_FUZZ_FAILURES") is { Length: > 0 } f
            ? f
            : Path.Combine(Path.GetTempPath(), "lookoutsim-fuzz-failures", $"seed-{seed}");
        var failures = new List<Failure>();
        int ran = 0;
        foreach (int index in only is int o ? [o] : Enumerable.Range(0, cases))
        {
            if (_abandoned >= 3)
            {
                TestContext.Progress.WriteLine($"fuzz {verb}: stopped after case {index - 1}: 3 cases did not stop when cancelled");
                break;
            }

            failures.AddRange(OneCase(verb, seed, index, failuresDir));
            ran++;
            if (ran % 100 == 0)
            {
                TestContext.Progress.WriteLine($"fuzz {verb}: {ran} cases, {failures.Count} problems");
            }
        }

        if (failures.Count == 0)
        {
            return;
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{failures.Select(x => x.Index).Distinct().Count()} of {ran} {verb} cases failed (seed {seed}); cases saved under {failuresDir}");
        report.AppendLine(CultureInfo.InvariantCulture, $"replay one: LOOKOUTSIM_FUZZ_SEED={seed} LOOKOUTSIM_FUZZ_ONLY=N dotnet test Simulator.Tests --filter \"Category=Fuzz&Name~{(verb == "run" ? "Run_" : "Validate_")}\"");
        foreach (IGrouping<string, Failure> kind in failures.GroupBy(x => x.Kind).OrderByDescending(g => g.Count()))
        {
            Failure first = kind.First();
            report.AppendLine(CultureInfo.InvariantCulture, $"- {kind.Key}: {kind.Count()} cases, e.g. case {first.Index} (exit {first.Code?.ToString(CultureInfo.InvariantCulture) ?? "-"}): {first.FirstStderrLine}");
            report.AppendLine(CultureInfo.InvariantCulture, $"    {Escape(first.Detail)}  [{first.SavedAt}]");
        }

        Assert.Fail(report.ToString());
    }

    private List<Failure> OneCase(string verb, int seed, int index, string failuresDir)
    {
        CasePlan plan = PlanOf(verb, seed, index);
        (byte[] scenario, byte[] trace, List<string> log) = Inputs(plan);

        // The case's sandbox: nothing may appear in it but the work folder.
        string sandbox = Path.Combine(_root, $"{verb}-{index}");
        string work = Path.Combine(sandbox, "work");
        Directory.CreateDirectory(Path.Combine(work, TraceFolder));
        string name = SampleNames[plan.Sample];
        File.WriteAllBytes(Path.Combine(work, name), scenario);
        File.WriteAllBytes(Path.Combine(work, TraceFolder, TraceName), trace);

        string outDir = Path.Combine(work, "out");
        bool defaultOut = verb == "run" && plan.DefaultOut;
        string[] args = verb == "run"
            ? ["run", name, "--horizon", "10m", "--replications", "1", "--parallel", "1", "--quiet", "--set", "warmup=0s", .. plan.TraceRequests ? ["--trace-requests", "20%"] : Array.Empty<string>(), .. defaultOut ? Array.Empty<string>() : ["--out", "out"]]
            : ["validate", name];

        Outcome outcome = Execute(args, work);
        var problems = new List<(string Kind, string Detail)>();
        Judge(outcome, problems);
        if (verb == "run" && !outcome.StillRunning)
        {
            JudgeFolders(outcome, sandbox, work, defaultOut ? Path.Combine(work, "results") : outDir, defaultOut, problems);
        }

        if (problems.Count == 0)
        {
            TryDelete(sandbox);
            return [];
        }

        string saved = Save(failuresDir, verb, seed, index, plan, name, scenario, trace, log, args, outcome, problems);
        if (!outcome.StillRunning)
        {
            TryDelete(sandbox);
        }

        string firstLine = FirstLine(outcome.Stderr);
        return [.. problems.Select(p => new Failure(verb, index, p.Kind, p.Detail, outcome.Code, firstLine, saved))];
    }

    private sealed record Outcome(int? Code, string Stdout, string Stderr, Exception? Escaped, TimeSpan Elapsed, string? Guard, bool StillRunning);

    /// <summary>Runs the command in process under a wall-clock and memory guard; cancels it (as Ctrl+C does) past either.</summary>
    private Outcome Execute(string[] args, string workDir)
    {
        if (Environment.GetEnvironmentVariable("LOOKOUTSIM_FUZZ_ISOLATE") == "1")
        {
            return ExecuteIsolated(args, workDir);
        }

        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        TimeSpan limit = TimeSpan.FromSeconds(EnvInt("LOOKOUTSIM_FUZZ_TIMEOUT_S") ?? 20);
        string previousDir = Environment.CurrentDirectory;
        using var cancel = new CancellationTokenSource();
        long baseline = GC.GetTotalMemory(forceFullCollection: false);
        var clock = Stopwatch.StartNew();
        string? guard = null;
        Environment.CurrentDirectory = workDir;
        Task<int> task;
        try
        {
            task = Task.Factory.StartNew(
                () => CommandLine.Run(args, stdout, stderr, cancel.Token),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            while (!task.Wait(TimeSpan.FromMilliseconds(50)))
            {
                long grown = GC.GetTotalMemory(forceFullCollection: false) - baseline;
                if (clock.Elapsed > limit || grown > MemoryLimitBytes)
                {
                    guard = clock.Elapsed > limit
                        ? $"still running after {limit.TotalSeconds:0} s"
                        : $"managed memory grew by {grown >> 20} MB";
                    cancel.Cancel();
                    break;
                }
            }

            if (guard is not null && !SpinUntil(task, TimeSpan.FromSeconds(10)))
            {
                _abandoned++;
                return new Outcome(null, Snapshot(stdout), Snapshot(stderr), null, clock.Elapsed, guard + "; did not stop within 10 s of being cancelled", StillRunning: true);
            }
        }
        finally
        {
            Environment.CurrentDirectory = previousDir;
        }

        if (task.IsFaulted)
        {
            Exception ex = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
            return new Outcome(null, Snapshot(stdout), Snapshot(stderr), ex, clock.Elapsed, guard, false);
        }

        return new Outcome(task.Result, stdout.ToString(), stderr.ToString(), null, clock.Elapsed, guard, false);
    }

    /// <summary>
    /// Runs the command as a child process (for long runs by hand: a runaway case is killed rather than
    /// left burning a core); the memory guard is on the child's working set.
    /// </summary>
    private static Outcome ExecuteIsolated(string[] args, string workDir)
    {
        string dll = typeof(CommandLine).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        TimeSpan limit = TimeSpan.FromSeconds(EnvInt("LOOKOUTSIM_FUZZ_TIMEOUT_S") ?? 20);
        var clock = Stopwatch.StartNew();
        using Process child = Process.Start(start)!;
        Task<string> stdout = child.StandardOutput.ReadToEndAsync();
        Task<string> stderr = child.StandardError.ReadToEndAsync();
        string? guard = null;
        while (!child.WaitForExit(50))
        {
            long memory;
            try
            {
                child.Refresh();
                memory = child.WorkingSet64;
            }
            catch (InvalidOperationException)
            {
                continue; // it has just exited
            }

            if (clock.Elapsed > limit || memory > 2 * MemoryLimitBytes)
            {
                guard = clock.Elapsed > limit ? $"still running after {limit.TotalSeconds:0} s" : $"working set reached {memory >> 20} MB";
                child.Kill(entireProcessTree: true);
                child.WaitForExit();
                break;
            }
        }

        child.WaitForExit();
        return new Outcome(guard is null ? child.ExitCode : null, stdout.Result, stderr.Result, null, clock.Elapsed, guard, false);
    }

    private static bool SpinUntil(Task task, TimeSpan wait)
    {
        try
        {
            return task.Wait(wait);
        }
        catch (AggregateException)
        {
            return true;
        }
    }

    private static string Snapshot(StringWriter writer)
    {
        try
        {
            return writer.ToString();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            return "(output could not be read)";
        }
    }

    // ---- the judgement ---------------------------------------------------------------------------

    private static void Judge(Outcome o, List<(string Kind, string Detail)> problems)
    {
        if (o.Guard is not null)
        {
            problems.Add((o.Guard.Contains("memory", StringComparison.Ordinal) ? "runaway memory" : "runaway time", o.Guard));
        }

        if (o.Escaped is not null)
        {
            problems.Add(($"exception escaped CommandLine.Run ({o.Escaped.GetType().Name})", FirstLine(o.Escaped.Message)));
        }
        else if (o.Code is int code and not (ExitCodes.Ok or ExitCodes.BadInput) && o.Guard is null)
        {
            Match internalError = InternalError().Match(o.Stderr);
            string what = internalError.Success ? internalError.Groups[1].Value : FirstLine(o.Stderr);
            problems.Add(($"exit {code} ({what})", LastLine(o.Stderr)));
        }

        if (StackTrace().IsMatch(o.Stderr))
        {
            problems.Add(("stack trace on stderr", StackTrace().Match(o.Stderr).Value.Trim()));
        }

        foreach ((string stream, string text) in new[] { ("stderr", o.Stderr), ("stdout", o.Stdout) })
        {
            int bad = text.Count(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
            if (bad > 0)
            {
                char first = text.First(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
                problems.Add(($"raw control characters on {stream}", $"{bad} of them, first U+{(int)first:X4}"));
            }
        }
    }

    private static void JudgeFolders(Outcome o, string sandbox, string work, string results, bool defaultOut, List<(string Kind, string Detail)> problems)
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(sandbox, "*", SearchOption.AllDirectories))
        {
            string leaf = Path.GetFileName(entry);
            if (leaf.StartsWith('.') && (leaf.Contains(".writing-", StringComparison.Ordinal) || leaf.Contains(".tmp-", StringComparison.Ordinal)))
            {
                problems.Add(("temporary left behind", Path.GetRelativePath(sandbox, entry)));
            }
        }

        foreach (string entry in Directory.EnumerateFileSystemEntries(sandbox))
        {
            if (entry != work)
            {
                problems.Add(("wrote outside its folder", Path.GetRelativePath(sandbox, entry)));
            }
        }

        // Every folder holding a results file is a whole results folder.
        var folders = Directory.Exists(results)
            ? Directory.EnumerateFiles(results, "*", SearchOption.AllDirectories)
                .Where(file => ResultFiles.Contains(Path.GetFileName(file)))
                .Select(file => Path.GetDirectoryName(file)!)
                .Distinct()
                .ToList()
            : [];
        if (!defaultOut && Directory.Exists(results) && folders.Count == 0)
        {
            folders.Add(results);
        }

        foreach (string folder in folders)
        {
            string[] missing = [.. ResultFiles.Where(file => !File.Exists(Path.Combine(folder, file)))];
            if (missing.Length > 0)
            {
                problems.Add(("incomplete results folder", $"{Path.GetRelativePath(work, folder)} lacks {string.Join(", ", missing)}"));
            }

            foreach (string csv in Directory.EnumerateFiles(folder, "*.csv"))
            {
                if (FormulaCell(File.ReadLines(csv)) is { } cell)
                {
                    problems.Add(("spreadsheet formula in a CSV cell", $"{Path.GetFileName(csv)}: {cell}"));
                }
            }

            string report = Path.Combine(folder, "report.html");
            if (File.Exists(report) && File.ReadAllText(report).Contains("<script>alert(1)</script>", StringComparison.Ordinal))
            {
                problems.Add(("unescaped scenario text in report.html", "<script>alert(1)</script>"));
            }
        }

        if (o.Code == ExitCodes.Ok && folders.Count == 0)
        {
            problems.Add(("exit 0 without a results folder", Path.GetRelativePath(work, results)));
        }
    }

    /// <summary>
    /// The first cell a spreadsheet would take as a formula (OWASP: it begins with =, +, -, @, a tab or a
    /// carriage return and is not a number), or null.
    /// </summary>
    internal static string? FormulaCell(IEnumerable<string> lines)
    {
        foreach (string line in lines)
        {
            var cell = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i <= line.Length; i++)
            {
                char c = i < line.Length ? line[i] : ',';
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        cell.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    string v = cell.ToString();
                    if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r' &&
                        !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    {
                        return Escape(v);
                    }

                    cell.Clear();
                }
                else
                {
                    cell.Append(c);
                }
            }
        }

        return null;
    }

    // ---- keeping a failing case ------------------------------------------------------------------

    private static string Save(
        string failuresDir, string verb, int seed, int index, CasePlan plan, string name, byte[] scenario, byte[] trace,
        List<string> log, string[] args, Outcome o, List<(string Kind, string Detail)> problems)
    {
        string dir = Path.Combine(failuresDir, $"{verb}-{index:D5}");
        Directory.CreateDirectory(Path.Combine(dir, TraceFolder));
        File.WriteAllBytes(Path.Combine(dir, name), scenario);
        File.WriteAllBytes(Path.Combine(dir, TraceFolder, TraceName), trace);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"seed {seed}, {verb} case {index}: {name}, yaml [{string.Join(", ", plan.YamlOps)}], csv [{string.Join(", ", plan.CsvOps)}], default out {plan.DefaultOut}, trace requests {plan.TraceRequests}, detail {plan.Detail}");
        text.AppendLine("mutations:");
        foreach (string step in log)
        {
            text.AppendLine("  " + step);
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"command (in this folder): lookoutsim {string.Join(' ', args)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"exit: {o.Code?.ToString(CultureInfo.InvariantCulture) ?? "none"} after {o.Elapsed.TotalSeconds:0.0} s");
        foreach ((string kind, string detail) in problems)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"problem: {kind}: {Show(detail)}");
        }

        if (o.Escaped is not null)
        {
            text.AppendLine("exception: " + o.Escaped);
        }

        text.AppendLine("stderr (escaped, first 40 lines):");
        foreach (string line in o.Stderr.Split('\n').Take(40))
        {
            text.AppendLine("  " + Escape(line));
        }

        File.WriteAllText(Path.Combine(dir, "case.txt"), text.ToString());
        string tsv = string.Join('\t', verb, index.ToString(CultureInfo.InvariantCulture), string.Join(" | ", problems.Select(p => p.Kind)),
            o.Code?.ToString(CultureInfo.InvariantCulture) ?? "-", Escape(FirstLine(o.Stderr)));
        File.AppendAllText(Path.Combine(failuresDir, "failures.tsv"), tsv + "\n");
        return dir;
    }

    /// <summary>
    /// Control characters as <c>&lt;U+001B&gt;</c>: the test console turns a <c>\u001b</c> in a
    /// failure message back into the character.
    /// </summary>
    private static string Escape(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s.Length > 300 ? s[..300] : s)
        {
            sb.Append(char.IsControl(c) ? "<U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ">" : c.ToString());
        }

        return s.Length > 300 ? sb + $"…({s.Length} chars)" : sb.ToString();
    }

    private static string FirstLine(string s) => Escape(s.Split('\n', 2)[0].TrimEnd('\r'));

    private static string LastLine(string s) => Escape(s.TrimEnd().Split('\n')[^1].TrimEnd('\r'));

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int? EnvInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null;

    [GeneratedRegex(@"internal error: (\w+)")]
    private static partial Regex InternalError();

    [GeneratedRegex(@"(?m)^\s+at [\w.`<>$|+\[\]]+\(.*$|--- End of (?:inner exception )?stack trace")]
    private static partial Regex StackTrace();
}
