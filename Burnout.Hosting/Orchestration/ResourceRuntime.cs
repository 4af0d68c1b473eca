using Burnout.Hosting.ApplicationModel;
using Burnout.Hosting.Logs;

namespace Burnout.Hosting.Orchestration;

/// <summary>
/// The live, thread-safe state of one resource: written by its supervisor, health probe and OTLP receiver,
/// read by the dashboard and by resources that wait for it. Every change wakes whoever is waiting.
/// </summary>
public sealed class ResourceRuntime
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private TaskCompletionSource _changed = NewSignal();
    private IReadOnlyList<ResourceEndpoint> _endpoints;
    private ResourceState _state = ResourceState.NotStarted;
    private HealthStatus _health = HealthStatus.Unknown;
    private int? _processId;
    private DateTimeOffset? _startedAt;
    private int _restarts;
    private int? _lastExitCode;
    private string? _message;
    private string? _connectionString;
    private long _spans;
    private long _metricPoints;
    private long _logRecords;

    public ResourceRuntime(IResource resource, IReadOnlyList<ResourceEndpoint> endpoints, int logCapacity, TimeProvider? time = null)
    {
        Resource = resource;
        _endpoints = endpoints;
        _time = time ?? TimeProvider.System;
        Logs = new LogBuffer(logCapacity, _time);
    }

    public IResource Resource { get; }

    public string Name => Resource.Name;

    /// <summary>Fixed before anything starts (ports are chosen up front); external resources learn theirs when prepared.</summary>
    public IReadOnlyList<ResourceEndpoint> Endpoints { get { lock (_gate) { return _endpoints; } } }

    public LogBuffer Logs { get; }

    public ResourceState State { get { lock (_gate) { return _state; } } }

    public HealthStatus Health { get { lock (_gate) { return _health; } } }

    /// <summary>For servers and databases: how to connect, once known (after the first start).</summary>
    public string? ConnectionString { get { lock (_gate) { return _connectionString; } } }

    /// <summary>Healthy and running, or permanently unavailable: either way, nothing more to wait for.</summary>
    public bool IsSettledForDependents
    {
        get { lock (_gate) { return (_state == ResourceState.Running && _health == HealthStatus.Healthy) || _state == ResourceState.Unavailable; } }
    }

    public void SetState(ResourceState state, string? message = null) => Change(() =>
    {
        _state = state;
        _message = message;
        if (state != ResourceState.Running)
        {
            _health = HealthStatus.Unknown;
            _processId = null;
            _startedAt = null;
        }
    });

    public void SetRunning(int? processId) => Change(() =>
    {
        _state = ResourceState.Running;
        _health = HealthStatus.Unknown;
        _processId = processId;
        _startedAt = _time.GetUtcNow();
        _message = null;
    });

    public void SetExited(int? exitCode, string message) => Change(() =>
    {
        _lastExitCode = exitCode;
        _state = ResourceState.Restarting;
        _health = HealthStatus.Unknown;
        _processId = null;
        _startedAt = null;
        _message = message;
    });

    public void SetEndpoints(IReadOnlyList<ResourceEndpoint> endpoints) => Change(() => _endpoints = endpoints);

    public void CountRestart() => Change(() => _restarts++);

    public void SetHealth(HealthStatus health) => Change(() =>
    {
        // A probe that finishes just after the process stopped must not paint a stopped resource healthy.
        if (_state == ResourceState.Running)
        {
            _health = health;
        }
    });

    public void SetConnectionString(string connectionString) => Change(() => _connectionString = connectionString);

    public void CountTelemetry(long spans, long metricPoints, long logRecords)
    {
        Interlocked.Add(ref _spans, spans);
        Interlocked.Add(ref _metricPoints, metricPoints);
        Interlocked.Add(ref _logRecords, logRecords);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking after every change.</summary>
    public async Task WaitUntilAsync(Func<ResourceRuntime, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }
            if (condition(this))
            {
                return;
            }
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public ResourceSnapshot Snapshot()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            return new ResourceSnapshot(
                Name,
                Resource.Kind,
                (Resource as Resource)?.Parent?.Name,
                _state,
                _health,
                _processId,
                _endpoints,
                _restarts,
                _startedAt,
                _startedAt is { } started ? Math.Round((now - started).TotalSeconds, 1) : null,
                _lastExitCode,
                _message,
                new TelemetryCounts(Interlocked.Read(ref _spans), Interlocked.Read(ref _metricPoints), Interlocked.Read(ref _logRecords)));
        }
    }

    private void Change(Action change)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            change();
            changed = _changed;
            _changed = NewSignal();
        }
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
