using Burnout.Testing;

namespace Burnout.Trainer.Tests.Tracking.Outbox;

/// <summary>One PostgreSQL server for the outbox test classes; each test still gets its own database.</summary>
[CollectionDefinition(Name)]
public sealed class OutboxPostgres : ICollectionFixture<PostgresFixture>
{
    public const string Name = "Outbox PostgreSQL";
}
