using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Funnelcraft.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AnnounceStatusChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every change of a project's generation state moves its status version; this trigger announces each move to
            // the other nodes (payload 'projectId:version', delivered when the change commits), so no code path announces
            // a change itself. The channel is Live/StatusAnnouncement.Channel.
            migrationBuilder.Sql("""
                CREATE FUNCTION announce_status_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('funnelcraft_status', NEW.id::text || ':' || NEW.status_version::text);
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER announce_status_change AFTER UPDATE OF status_version ON funnel_projects
                    FOR EACH ROW WHEN (NEW.status_version IS DISTINCT FROM OLD.status_version)
                    EXECUTE FUNCTION announce_status_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER announce_status_change ON funnel_projects;
                DROP FUNCTION announce_status_change();
                """);
        }
    }
}
