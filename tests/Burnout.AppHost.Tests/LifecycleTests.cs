using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Burnout.AppHost.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Burnout.AppHost.Tests;

/// <summary>Starting and stopping the stack, and starting it again on the same data.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task The_run_command_leaves_nothing_after_sigterm_and_a_second_run_finds_the_same_data()
    {
        using var temp = new Burnout.Testing.TempDirectory();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var student = "lifecycle-" + Guid.NewGuid().ToString("N")[..8];
        var before = ProcessTable.StackProcesses();

        await using (var first = RunCommand.Start(temp.Path))
        {
            await first.WaitUntilServingAsync(http);
            using var ingest = new HttpRequestMessage(HttpMethod.Post, new Uri(RunCommand.FrontDoor, "/api/activity"))
            {
                Content = JsonContent.Create(new
                {
                    auto_create_students = true,
                    cohort = "lifecycle",
                    rows = new[] { new { student_id = student, day = "2026-11-02", logins = 3, session_minutes = 74, resources_accessed = 6, forum_posts = 1, clicks = 120, assignments_due = 1, assignments_submitted = 1, submission_delay_hours = 0, late_night_share = 0.1, weekend_share = 0 } },
                }),
            };
            ingest.Headers.Add("X-Api-Key", "dev-ingestion-key");
            using var stored = await http.SendAsync(ingest);
            Assert.True(stored.IsSuccessStatusCode, await stored.Content.ReadAsStringAsync());

            await AssertSigtermLeavesNothingAsync(first, before);
        }

        await using (var second = RunCommand.Start(temp.Path))
        {
            await second.WaitUntilServingAsync(http);
            var activity = await http.GetStringAsync(new Uri(RunCommand.FrontDoor, $"/api/students/{student}/activity"));

            Assert.Contains("2026-11-02", activity);
            await AssertSigtermLeavesNothingAsync(second, before);
        }
    }

    [Fact]
    public async Task A_clone_in_a_folder_others_cannot_enter_still_gets_a_database_and_disposal_leaves_nothing()
    {
        using var temp = new Burnout.Testing.TempDirectory();
        var clone = Path.Combine(temp.Path, "private-clone");
        Directory.CreateDirectory(clone);
        File.SetUnixFileMode(clone, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var wanted = Path.Combine(clone, ".burnout");
        var before = ProcessTable.StackProcesses();
        string dataPath;

        await using (var app = await Stack.StartAsync(wanted))
        {
            await Stack.WaitUntilHealthyAsync(app, "postgres", "burnoutdb", "api");
            var postgres = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<LocalPostgresServerResource>().Single();
            dataPath = postgres.WorkingDirectory;

            if (Environment.UserName == "root")
            {
                // PostgreSQL runs as another account, which cannot enter the clone: the data lives where it can.
                Assert.StartsWith(PostgresDataDirectory.SharedRoot + "/", dataPath);
            }
            else
            {
                Assert.Equal(Path.Combine(wanted, "postgres"), dataPath);
            }
            Assert.True(File.Exists(Path.Combine(dataPath, "PG_VERSION")));
        }

        try
        {
            await AssertNothingLeftAsync(before);
        }
        finally
        {
            if (dataPath.StartsWith(PostgresDataDirectory.SharedRoot + "/", StringComparison.Ordinal))
            {
                Directory.Delete(Path.GetDirectoryName(dataPath)!, recursive: true);
            }
        }
    }

    private static async Task AssertSigtermLeavesNothingAsync(RunCommand run, IReadOnlyList<ProcessTable.ProcessIdentity> before)
    {
        var started = NewSince(before);
        Assert.Contains(started, p => p.Command.Contains("bin/postgres", StringComparison.Ordinal));
        Assert.Contains(started, p => p.Command.Contains("Burnout.Api", StringComparison.Ordinal));

        await run.TerminateAsync();

        await AssertNothingLeftAsync(before);
    }

    /// <summary>Waits a bounded while for the kernel to tidy up, then names any process of the stack still alive.</summary>
    private static async Task AssertNothingLeftAsync(IReadOnlyList<ProcessTable.ProcessIdentity> before)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (NewSince(before).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.Empty(NewSince(before).Select(p => $"{p.Pid} {p.Command}"));
    }

    private static List<ProcessTable.ProcessIdentity> NewSince(IReadOnlyList<ProcessTable.ProcessIdentity> before) =>
        ProcessTable.StackProcesses().Where(p => !before.Contains(p) && !p.Command.Contains("testhost", StringComparison.Ordinal)).ToList();
}
