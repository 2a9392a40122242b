package io.pocketid.storage.jdbc.internal;

import io.pocketid.storage.jdbc.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.managed.ManagedTransactionFactory;

/** Builds the MyBatis configuration for a dialect: type handlers, SQL variables, mappers. */
public final class Mybatis {
  private static final String[] MAPPERS = {
    "io/pocketid/storage/jdbc/internal/UserMapper.xml",
    "io/pocketid/storage/jdbc/internal/OidcMapper.xml",
    "io/pocketid/storage/jdbc/internal/SignInMapper.xml",
    "io/pocketid/storage/jdbc/internal/MiscMapper.xml",
  };

  /**
   * Built once per dialect and JVM: parsing the mappers is the largest part of opening a storage,
   * and the result is immutable (no connections, no per-storage state).
   */
  private static final Map<Dialect, SqlSessionFactory> FACTORIES = new ConcurrentHashMap<>();

  private Mybatis() {}

  /**
   * A session factory whose sessions are opened on connections {@link Db} manages (MyBatis never
   * commits, rolls back or closes them).
   */
  public static SqlSessionFactory sessionFactory(Dialect dialect) {
    return FACTORIES.computeIfAbsent(dialect, Mybatis::build);
  }

  private static SqlSessionFactory build(Dialect dialect) {
    ManagedTransactionFactory tx = new ManagedTransactionFactory();
    Properties txProps = new Properties();
    txProps.setProperty("closeConnection", "false");
    tx.setProperties(txProps);
    Configuration config = new Configuration(new Environment("pocket-id", tx, new NoDataSource()));
    config.setDatabaseId(dialect == Dialect.POSTGRES ? "postgres" : "sqlite");
    config.setLocalCacheScope(LocalCacheScope.STATEMENT);
    config.setCacheEnabled(false);
    config.setDefaultStatementTimeout(30);
    Properties vars = new Properties();
    vars.setProperty("json", dialect == Dialect.POSTGRES ? "jsonb" : "TEXT");
    vars.setProperty("collate", dialect == Dialect.POSTGRES ? "COLLATE \"C\"" : "");
    vars.setProperty(
        "clientName",
        dialect == Dialect.POSTGRES
            ? "(data ->> 'clientName')"
            : "json_extract(data, '$.clientName')");
    vars.setProperty("forUpdate", dialect == Dialect.POSTGRES ? "FOR NO KEY UPDATE" : "");
    config.setVariables(vars);
    config.addInterceptor(new Tally.Statements());
    config
        .getTypeHandlerRegistry()
        .register(
            Instant.class,
            dialect == Dialect.POSTGRES
                ? new TypeHandlers.TimestampTz()
                : new TypeHandlers.EpochMillis());
    for (String resource : MAPPERS) {
      try (InputStream in = Mybatis.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("mapper resource missing: " + resource);
        }
        new XMLMapperBuilder(in, config, resource, config.getSqlFragments()).parse();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new SqlSessionFactoryBuilder().build(config);
  }

  /** Sessions always get their connection from {@link Db}; this data source is never asked. */
  private static final class NoDataSource implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      throw new SQLFeatureNotSupportedException("connections come from Db");
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("connections come from Db");
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
