// Each test class starts a whole stack; two at once would only compete for the same few cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
