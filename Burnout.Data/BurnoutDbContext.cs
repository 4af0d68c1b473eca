using System.Text;
using Burnout.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace Burnout.Data;

/// <summary>
/// EF Core's view of the schema. The schema itself is owned by the versioned SQL scripts in
/// <c>Migrations/</c> (EF's scaffolding cannot run here), so this model only maps onto it: tables and
/// columns are the snake_case forms of the entity and property names.
/// </summary>
public sealed class BurnoutDbContext(DbContextOptions<BurnoutDbContext> options) : DbContext(options)
{
    public DbSet<StudentEntity> Students => Set<StudentEntity>();

    public DbSet<DailyActivityEntity> DailyActivity => Set<DailyActivityEntity>();

    public DbSet<AssessmentEntity> Assessments => Set<AssessmentEntity>();

    public DbSet<OutcomeEntity> Outcomes => Set<OutcomeEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StudentEntity>().ToTable("students").HasKey(s => s.StudentId);
        modelBuilder.Entity<DailyActivityEntity>().ToTable("daily_activity").HasKey(a => new { a.StudentId, a.Day });
        modelBuilder.Entity<AssessmentEntity>().ToTable("assessments").HasKey(a => new { a.StudentId, a.AssessmentId });
        modelBuilder.Entity<OutcomeEntity>().ToTable("outcomes").HasKey(o => o.StudentId);

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
