package io.pocketid.storage.jdbc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** PostgreSQL connection strings: libpq-style URLs and {@code jdbc:postgresql:} URLs. */
final class PostgresConnectionStrings {
  private PostgresConnectionStrings() {}

  static JdbcSettings parse(String cs) {
    if (cs.startsWith("jdbc:postgresql:")) {
      return parseJdbcUrl(cs);
    }
    String lower = cs.toLowerCase(Locale.ROOT);
    String rest;
    if (lower.startsWith("postgres://")) {
      rest = cs.substring("postgres://".length());
    } else if (lower.startsWith("postgresql://")) {
      rest = cs.substring("postgresql://".length());
    } else {
      throw new IllegalArgumentException(
          "PostgreSQL connection string must start with postgres://, postgresql:// or"
              + " jdbc:postgresql: (e.g. postgres://user:password@host:5432/pocketid)");
    }
    // The user info ends at the last '@', so that an unescaped '/', '?' or '@' in a password
    // never ends up in the host, database or parameters (and so never in a message).
    String user = null;
    String password = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user =
          ConnectionStrings.decodeCredential(
              colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
      password =
          colon < 0
              ? null
              : ConnectionStrings.decodeCredential(userInfo.substring(colon + 1), "password");
    }
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    int slash = rest.indexOf('/');
    String hosts = slash < 0 ? rest : rest.substring(0, slash);
    String database =
        slash < 0
            ? ""
            : ConnectionStrings.decode(rest.substring(slash + 1), ConnectionStrings.redact(cs));
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string '" + ConnectionStrings.redact(cs) + "' names no host");
    }
    if (database.isEmpty()) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string '" + ConnectionStrings.redact(cs) + "' names no database");
    }
    if (database.contains("/")) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string '"
              + ConnectionStrings.redact(cs)
              + "': malformed database name");
    }
    StringBuilder url = new StringBuilder("jdbc:postgresql://");
    String sep = "";
    for (String hostPort : hosts.split(",", -1)) {
      url.append(sep).append(hostAndPort(hostPort, cs));
      sep = ",";
    }
    url.append('/').append(URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20"));
    int pool = ConnectionStrings.DEFAULT_POSTGRES_POOL;
    Duration timeout = ConnectionStrings.DEFAULT_TIMEOUT;
    char qsep = '?';
    for (String param : query.split("&")) {
      if (param.isEmpty()) {
        continue;
      }
      int eq = param.indexOf('=');
      String name =
          ConnectionStrings.decode(
              eq < 0 ? param : param.substring(0, eq), ConnectionStrings.redact(cs));
      String raw = eq < 0 ? "" : param.substring(eq + 1);
      switch (name) {
        case "password" -> password = ConnectionStrings.decodeCredential(raw, "password");
        case "user" -> user = ConnectionStrings.decodeCredential(raw, "user name");
        case "pool_max_conns" ->
            pool = positive(name, ConnectionStrings.decode(raw, ConnectionStrings.redact(cs)));
        case "connect_timeout" -> {
          int seconds = positive(name, ConnectionStrings.decode(raw, ConnectionStrings.redact(cs)));
          timeout = Duration.ofSeconds(seconds);
          url.append(qsep).append("connectTimeout=").append(seconds);
          qsep = '&';
        }
        default -> {
          String jdbcName =
              switch (name) {
                case "application_name" -> "ApplicationName";
                case "search_path" -> "currentSchema";
                default -> name;
              };
          String value = ConnectionStrings.decode(raw, ConnectionStrings.redact(cs));
          url.append(qsep)
              .append(URLEncoder.encode(jdbcName, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
          qsep = '&';
        }
      }
    }
    return new JdbcSettings(Dialect.POSTGRES, url.toString(), user, password, pool, timeout);
  }

  private static JdbcSettings parseJdbcUrl(String cs) {
    String rest = cs.substring("jdbc:postgresql:".length());
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("PostgreSQL JDBC URL names no database");
    }
    String base = rest;
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      base = rest.substring(0, q);
      query = rest.substring(q + 1);
    }
    if (base.startsWith("//") && base.substring(2).contains("@")) {
      throw new IllegalArgumentException(
          "PostgreSQL JDBC URL '"
              + ConnectionStrings.redact(cs)
              + "': put the user and password in ?user=…&password=…, not before the host");
    }
    String user = null;
    String password = null;
    StringBuilder url = new StringBuilder("jdbc:postgresql:").append(base);
    char sep = '?';
    for (String param : query.split("&")) {
      if (param.isEmpty()) {
        continue;
      }
      int eq = param.indexOf('=');
      String name = eq < 0 ? param : param.substring(0, eq);
      String raw = eq < 0 ? "" : param.substring(eq + 1);
      if (name.equals("password")) {
        password = ConnectionStrings.decodeCredential(raw, "password");
      } else if (name.equals("user")) {
        user = ConnectionStrings.decodeCredential(raw, "user name");
      } else {
        url.append(sep).append(param);
        sep = '&';
      }
    }
    return new JdbcSettings(
        Dialect.POSTGRES,
        url.toString(),
        user,
        password,
        ConnectionStrings.DEFAULT_POSTGRES_POOL,
        ConnectionStrings.DEFAULT_TIMEOUT);
  }

  private static String hostAndPort(String hostPort, String cs) {
    String host;
    String port = "5432";
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException(
            "PostgreSQL connection string '"
                + ConnectionStrings.redact(cs)
                + "': unclosed [ in IPv6 host");
      }
      host = hostPort.substring(0, close + 1);
      String after = hostPort.substring(close + 1);
      if (after.startsWith(":")) {
        port = after.substring(1);
      } else if (!after.isEmpty()) {
        throw new IllegalArgumentException(
            "PostgreSQL connection string '"
                + ConnectionStrings.redact(cs)
                + "': malformed host '"
                + hostPort
                + "'");
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      if (colon >= 0) {
        port = hostPort.substring(colon + 1);
      }
    }
    if (host.isEmpty() || host.equals("[]")) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string '" + ConnectionStrings.redact(cs) + "' names no host");
    }
    if (!host.startsWith("[") && !host.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string '"
              + ConnectionStrings.redact(cs)
              + "': malformed host '"
              + host
              + "'");
    }
    if (!port.matches("[0-9]{1,5}")
        || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string '"
              + ConnectionStrings.redact(cs)
              + "': port '"
              + port
              + "' must be a number 1..65535");
    }
    return host + ":" + port;
  }

  private static int positive(String name, String value) {
    if (!value.matches("[0-9]{1,6}") || Integer.parseInt(value) < 1) {
      throw new IllegalArgumentException(
          "PostgreSQL connection string: " + name + " '" + value + "' must be a positive number");
    }
    return Integer.parseInt(value);
  }
}
