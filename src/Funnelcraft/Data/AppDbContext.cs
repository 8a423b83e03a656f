using Funnelcraft.Generation.Runs;
using Funnelcraft.Intakes;
using Funnelcraft.Projects;
using Funnelcraft.Steps;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Funnelcraft.Data;

/// <summary>
/// The one model of the app. Each database provider has a subclass so that each keeps its own
/// migrations (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>).
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<FunnelProject> Projects => Set<FunnelProject>();
    public DbSet<Intake> Intakes => Set<Intake>();
    public DbSet<GenerationRun> Runs => Set<GenerationRun>();
    public DbSet<RunStep> RunSteps => Set<RunStep>();
    public DbSet<ContentVersion> ContentVersions => Set<ContentVersion>();
    public DbSet<StepDuration> StepDurations => Set<StepDuration>();

    /// <summary>The data-protection key ring (cookies, bearer tokens, antiforgery), shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Column type for JSON documents: <c>jsonb</c> on PostgreSQL, text on SQLite.</summary>
    protected abstract string JsonColumnType { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<FunnelProject>(e =>
        {
            e.ToTable("funnel_projects");
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.Description).HasMaxLength(2000);
            e.Property(p => p.OwnerId).HasMaxLength(450);
            e.Property(p => p.AutoGenerationStatus).HasColumnType(JsonColumnType);
            e.Property(p => p.StatusVersion).IsConcurrencyToken(); // a change saves against the version it loaded
            e.HasIndex(p => new { p.OwnerId, p.CreatedAt });
            e.HasOne<IdentityUser>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Intake>(e =>
        {
            e.ToTable("intakes");
            e.Property(i => i.Method).HasMaxLength(20);
            e.HasIndex(i => new { i.ProjectId, i.CreatedAt });
            e.HasOne<FunnelProject>().WithMany().HasForeignKey(i => i.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<GenerationRun>(e =>
        {
            e.ToTable("generation_runs");
            e.Property(r => r.Status).HasMaxLength(32);
            e.Property(r => r.IdempotencyKey).HasMaxLength(200);
            e.Property(r => r.WriterModel).HasMaxLength(200);
            e.Property(r => r.LeaseOwner).HasMaxLength(200).IsConcurrencyToken(); // a worker whose claim was replaced cannot write
            // At most one active run per project, enforced by the database.
            e.HasIndex(r => r.ProjectId).IsUnique().HasFilter(RunStatus.ActiveFilterSql).HasDatabaseName("ux_generation_runs_one_active");
            e.HasIndex(r => new { r.ProjectId, r.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
            e.HasIndex(r => new { r.ProjectId, r.CreatedAt });
            e.HasIndex(r => new { r.Status, r.LeaseExpiresAt });
            e.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<FunnelProject>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RunStep>(e =>
        {
            e.ToTable("run_steps");
            e.HasKey(s => new { s.RunId, s.Step });
            e.Property(s => s.Status).HasMaxLength(32);
            e.Property(s => s.Error).HasMaxLength(2000);
            e.Property(s => s.Detail).HasMaxLength(200);
            e.Property(s => s.Instruction).HasMaxLength(VersionSource.MaxInstructionLength);
        });

        builder.Entity<ContentVersion>(e =>
        {
            e.ToTable("content_versions");
            e.Property(c => c.Content).HasColumnType(JsonColumnType);
            e.Property(c => c.Source).HasMaxLength(16).HasDefaultValue(VersionSource.Generated);
            e.Property(c => c.Writer).HasMaxLength(VersionSource.MaxWriterLength);
            e.Property(c => c.Instruction).HasMaxLength(VersionSource.MaxInstructionLength);
            e.HasIndex(c => new { c.ProjectId, c.Step, c.Version }).IsUnique();
            e.HasOne<FunnelProject>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<StepDuration>(e =>
        {
            e.ToTable("step_durations");
            e.Property(d => d.WriterModel).HasMaxLength(200);
            e.HasIndex(d => new { d.Step, d.WriterModel, d.RecordedAt });
        });

        builder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override string JsonColumnType => "TEXT";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no native date-time-offset ordering; store as ticks so ORDER BY and comparisons are exact.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override string JsonColumnType => "jsonb";
}
