// Each test class starts a whole stack; two at once would only compete for the same few cores and ports.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// The tests read /proc and use POSIX file modes and signals.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
