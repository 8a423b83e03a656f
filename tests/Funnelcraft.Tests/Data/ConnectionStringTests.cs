using Funnelcraft.Data;
using Npgsql;

namespace Funnelcraft.Tests.Data;

/// <summary>The PostgreSQL settings the app adds to a connection string, and leaves alone when the string sets them.</summary>
public sealed class ConnectionStringTests
{
    [Fact]
    public void A_plain_PostgreSQL_string_gets_statement_preparation_and_no_reset_on_close()
    {
        var csb = new NpgsqlConnectionStringBuilder(DataServiceCollectionExtensions.PostgresConnectionString("Host=db;Database=funnelcraft;Username=app"));

        Assert.Equal(64, csb.MaxAutoPrepare);
        Assert.Equal(2, csb.AutoPrepareMinUsages);
        Assert.True(csb.NoResetOnClose);
        Assert.Equal("db", csb.Host);
        Assert.Equal("funnelcraft", csb.Database);
    }

    [Fact]
    public void Settings_the_string_makes_itself_are_kept()
    {
        var csb = new NpgsqlConnectionStringBuilder(DataServiceCollectionExtensions.PostgresConnectionString(
            "Host=db;Database=funnelcraft;Max Auto Prepare=0;No Reset On Close=false"));

        Assert.Equal(0, csb.MaxAutoPrepare);
        Assert.False(csb.NoResetOnClose);
    }
}
