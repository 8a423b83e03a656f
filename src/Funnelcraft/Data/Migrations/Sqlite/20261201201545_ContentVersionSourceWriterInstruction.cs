using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Funnelcraft.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContentVersionSourceWriterInstruction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "instruction",
                table: "content_versions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "content_versions",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "generated");

            migrationBuilder.AddColumn<string>(
                name: "writer",
                table: "content_versions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            // Versions written before these columns: a copy of an earlier version was restored, the rest generated, each
            // by its run's writer.
            migrationBuilder.Sql("UPDATE content_versions SET source = 'restored' WHERE restored_from IS NOT NULL;");
            migrationBuilder.Sql(
                "UPDATE content_versions SET writer = (SELECT r.writer_model FROM generation_runs r WHERE r.id = content_versions.run_id) WHERE run_id IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "instruction",
                table: "content_versions");

            migrationBuilder.DropColumn(
                name: "source",
                table: "content_versions");

            migrationBuilder.DropColumn(
                name: "writer",
                table: "content_versions");
        }
    }
}
