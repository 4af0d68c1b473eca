using System.Diagnostics;
using Burnout.Hosting.Processes;

namespace Burnout.Hosting.Tests;

/// <summary>
/// The watchdog's promise: when its pipe closes (which is what our death does to it), every guarded
/// process group is signalled. A private watchdog instance stands in for the shared one.
/// </summary>
public sealed class OrphanReaperTests
{
    [Fact]
    public void Guarded_process_groups_are_stopped_when_the_host_goes_away()
    {
        using var child = Process.Start(new ProcessStartInfo("setsid", ["sleep", "600"]) { UseShellExecute = false })!;
        var reaper = new OrphanReaper();
        reaper.Guard(child.Id, isGroupLeader: true, "TERM");

        reaper.CloseAndWait();

        Assert.True(child.WaitForExit(TimeSpan.FromSeconds(30)), "the guarded process outlived the closed pipe");
    }

    [Fact]
    public void A_released_process_is_left_alone()
    {
        using var child = Process.Start(new ProcessStartInfo("setsid", ["sleep", "600"]) { UseShellExecute = false })!;
        try
        {
            var reaper = new OrphanReaper();
            reaper.Guard(child.Id, isGroupLeader: true, "TERM").Dispose();

            reaper.CloseAndWait();

            Assert.False(child.HasExited);
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }
}
