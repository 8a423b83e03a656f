using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Funnelcraft.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConcurrencyTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The status version and the lease owner became concurrency tokens: checked by every update, no schema change.
            // One node: nobody to announce changes to (PostgreSQL's migration adds the announcing trigger).
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
