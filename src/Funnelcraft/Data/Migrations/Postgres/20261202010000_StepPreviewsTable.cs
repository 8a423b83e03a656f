using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Funnelcraft.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StepPreviewsTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The latest preview of each step being written (Live/PreviewBoard): drafts shared between nodes, never content.
            // UNLOGGED: no WAL per preview update, and a crash empties it, which loses nothing anyone needs (the next
            // preview of a resumed step fills it again). Not in the EF model: only PreviewBoard reads and writes it.
            migrationBuilder.Sql("""
                CREATE UNLOGGED TABLE step_previews (
                    project_id uuid NOT NULL,
                    step integer NOT NULL,
                    run_id uuid NOT NULL,
                    attempt integer NOT NULL,
                    seq bigint NOT NULL,
                    content text NOT NULL,
                    updated_at timestamptz NOT NULL,
                    PRIMARY KEY (project_id, step)
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE step_previews;");
        }
    }
}
