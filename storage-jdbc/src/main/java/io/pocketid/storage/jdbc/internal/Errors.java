package io.pocketid.storage.jdbc.internal;

import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.StorageException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Translates database errors into the SPI's exceptions. Unique violations are recognised by the
 * constraint (PostgreSQL) or by the columns / index SQLite names, and mapped to the SPI key name.
 */
final class Errors {
  private Errors() {}

  /** Constraint names (PostgreSQL) and SQLite's "table.column" / index names → SPI key. */
  private static final Map<String, String> UNIQUE_KEYS =
      Map.ofEntries(
          Map.entry("users_pkey", "id"),
          Map.entry("users.id", "id"),
          Map.entry("users_username_key", "username"),
          Map.entry("users_email_key", "email"),
          Map.entry("users.email", "email"),
          Map.entry("users_email_lower_key", "email"),
          Map.entry("users_ldap_id", "ldapId"),
          Map.entry("users.ldap_id", "ldapId"),
          Map.entry("user_groups_pkey", "id"),
          Map.entry("user_groups.id", "id"),
          Map.entry("user_groups_name_key", "name"),
          Map.entry("user_groups.name", "name"),
          Map.entry("user_groups_ldap_id", "ldapId"),
          Map.entry("user_groups.ldap_id", "ldapId"),
          Map.entry("custom_claims_user_key", "key"),
          Map.entry("custom_claims.user_id, custom_claims.key", "key"),
          Map.entry("custom_claims_group_key", "key"),
          Map.entry("custom_claims.user_group_id, custom_claims.key", "key"),
          Map.entry("oidc_clients_pkey", "id"),
          Map.entry("oidc_clients.id", "id"),
          Map.entry("oidc_authorization_codes_pkey", "id"),
          Map.entry("oidc_authorization_codes.id", "id"),
          Map.entry("oidc_authorization_codes_code_key", "codeHash"),
          Map.entry("oidc_authorization_codes.code", "codeHash"),
          Map.entry("oidc_used_authorization_codes_pkey", "codeHash"),
          Map.entry("oidc_used_authorization_codes.code", "codeHash"),
          Map.entry("oidc_refresh_tokens_pkey", "id"),
          Map.entry("oidc_refresh_tokens.id", "id"),
          Map.entry("oidc_refresh_tokens_token_key", "tokenHash"),
          Map.entry("oidc_refresh_tokens.token", "tokenHash"),
          Map.entry("oidc_device_codes_pkey", "id"),
          Map.entry("oidc_device_codes.id", "id"),
          Map.entry("oidc_device_codes_device_code_key", "deviceCodeHash"),
          Map.entry("oidc_device_codes.device_code", "deviceCodeHash"),
          Map.entry("oidc_device_codes_user_code_key", "userCode"),
          Map.entry("oidc_device_codes.user_code", "userCode"),
          Map.entry("one_time_access_tokens_pkey", "id"),
          Map.entry("one_time_access_tokens.id", "id"),
          Map.entry("one_time_access_tokens_token_key", "codeHash"),
          Map.entry("one_time_access_tokens.token", "codeHash"),
          Map.entry("reauthentication_tokens_pkey", "id"),
          Map.entry("reauthentication_tokens.id", "id"),
          Map.entry("reauthentication_tokens_token_key", "tokenHash"),
          Map.entry("reauthentication_tokens.token", "tokenHash"),
          Map.entry("signup_tokens_pkey", "id"),
          Map.entry("signup_tokens.id", "id"),
          Map.entry("signup_tokens_token_key", "tokenHash"),
          Map.entry("signup_tokens.token", "tokenHash"),
          Map.entry("api_keys_pkey", "id"),
          Map.entry("api_keys.id", "id"),
          Map.entry("api_keys_key_key", "keyHash"),
          Map.entry("api_keys.key", "keyHash"),
          Map.entry("webauthn_credentials_pkey", "id"),
          Map.entry("webauthn_credentials.id", "id"),
          Map.entry("webauthn_credentials_credential_id_key", "credentialId"),
          Map.entry("webauthn_credentials.credential_id", "credentialId"),
          Map.entry("webauthn_sessions_pkey", "id"),
          Map.entry("webauthn_sessions.id", "id"),
          Map.entry("webauthn_sessions_challenge_key", "challenge"),
          Map.entry("webauthn_sessions.challenge", "challenge"),
          Map.entry("sessions_pkey", "id"),
          Map.entry("sessions.id", "id"),
          Map.entry("sessions_id_hash_key", "idHash"),
          Map.entry("sessions.id_hash", "idHash"),
          Map.entry("signing_keys_pkey", "kid"),
          Map.entry("signing_keys.kid", "kid"),
          Map.entry("audit_logs_pkey", "id"),
          Map.entry("audit_logs.id", "id"));

  /** SPI entity names of the tables a foreign key can point to. */
  private static final Map<String, String> ENTITIES =
      Map.of("users", "user", "user_groups", "group", "oidc_clients", "client");

  private static final Pattern SQLITE_UNIQUE =
      Pattern.compile("UNIQUE constraint failed: (?:index '([^']+)'|([^)\\]]+))");
  private static final Pattern PG_FK_DETAIL =
      Pattern.compile("Key \\(([^)]+)\\)=\\((.*)\\) is not present in table \"([^\"]+)\"");

  /** A parent row a write refers to: checked when a foreign key fails. */
  record Parent(String entity, String table, String id) {}

  static Optional<SQLException> sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The SPI key of a unique violation, if {@code e} is one. */
  static Optional<String> uniqueKey(Throwable e) {
    Optional<SQLException> sql = sqlCause(e);
    if (sql.isEmpty()) {
      return Optional.empty();
    }
    SQLException s = sql.get();
    if ("23505".equals(s.getSQLState())) {
      String constraint = null;
      if (s instanceof PSQLException p && p.getServerErrorMessage() != null) {
        constraint = p.getServerErrorMessage().getConstraint();
      }
      return Optional.of(
          constraint == null ? "unknown" : UNIQUE_KEYS.getOrDefault(constraint, constraint));
    }
    String msg = String.valueOf(s.getMessage());
    Matcher m = SQLITE_UNIQUE.matcher(msg);
    if (msg.contains("SQLITE_CONSTRAINT") && m.find()) {
      String token = (m.group(1) != null ? m.group(1) : m.group(2)).trim();
      return Optional.of(UNIQUE_KEYS.getOrDefault(token, token));
    }
    return Optional.empty();
  }

  static boolean isForeignKey(Throwable e) {
    Optional<SQLException> sql = sqlCause(e);
    if (sql.isEmpty()) {
      return false;
    }
    SQLException s = sql.get();
    return "23503".equals(s.getSQLState())
        || String.valueOf(s.getMessage()).contains("FOREIGN KEY constraint failed");
  }

  /**
   * The exception to throw for a failed write: {@link DuplicateKeyException} naming the key and its
   * value (values are ids, names or hashes, never secrets), else a {@link StorageException}.
   */
  static RuntimeException onWrite(RuntimeException e, String entity, Map<String, String> values) {
    if (e instanceof StorageException) {
      return e;
    }
    Optional<String> key = uniqueKey(e);
    if (key.isPresent()) {
      return new DuplicateKeyException(entity, key.get(), values.getOrDefault(key.get(), "?"));
    }
    return wrap(e);
  }

  /**
   * The exception for a write whose foreign key failed: {@link NotFoundException} naming the first
   * missing parent. PostgreSQL says which one in the error detail; otherwise {@code exists} is
   * asked.
   */
  static RuntimeException onMissingParent(
      RuntimeException e, List<Parent> parents, Predicate<Parent> exists) {
    Optional<SQLException> sql = sqlCause(e);
    if (sql.isPresent() && sql.get() instanceof PSQLException p) {
      ServerErrorMessage m = p.getServerErrorMessage();
      Matcher matcher =
          PG_FK_DETAIL.matcher(m == null || m.getDetail() == null ? "" : m.getDetail());
      if (matcher.find()) {
        String entity = ENTITIES.getOrDefault(matcher.group(3), matcher.group(3));
        return new NotFoundException(entity, matcher.group(2));
      }
    }
    for (Parent parent : parents) {
      try {
        if (!exists.test(parent)) {
          return new NotFoundException(parent.entity(), parent.id());
        }
      } catch (RuntimeException ignored) {
        break;
      }
    }
    Parent first = parents.get(0);
    return new NotFoundException(first.entity(), first.id());
  }

  static StorageException wrap(RuntimeException e) {
    if (e instanceof StorageException s) {
      return s;
    }
    String reason = sqlCause(e).map(SQLException::getMessage).orElse(e.getMessage());
    return new StorageException("database error: " + reason, e);
  }
}
