using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Funnelcraft.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RunStepInstruction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "instruction",
                table: "run_steps",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "instruction",
                table: "run_steps");
        }
    }
}
