package io.pocketid.storage.jdbc.internal.adopt;

import static io.pocketid.storage.jdbc.internal.adopt.TableMove.Kind.BOOL;
import static io.pocketid.storage.jdbc.internal.adopt.TableMove.Kind.BYTES;
import static io.pocketid.storage.jdbc.internal.adopt.TableMove.Kind.INT;
import static io.pocketid.storage.jdbc.internal.adopt.TableMove.Kind.JSON;
import static io.pocketid.storage.jdbc.internal.adopt.TableMove.Kind.SHA256;
import static io.pocketid.storage.jdbc.internal.adopt.TableMove.Kind.TEXT;
import static io.pocketid.storage.jdbc.internal.adopt.TableMove.Kind.TS;

import io.pocketid.storage.jdbc.Dialect;
import io.pocketid.storage.jdbc.internal.adopt.TableMove.Col;
import java.util.List;
import java.util.Set;

/**
 * Pocket ID v1.15's schema as far as adoption needs it: the migration versions this server knows,
 * its tables, and how each table's rows map onto ours (in parent-first order).
 *
 * <p>Not moved, because they live minutes and carry data our rows need but Pocket ID never kept
 * (redirect URI, authentication time): {@code oidc_authorization_codes} (15 min), {@code
 * oidc_device_codes} (15 min) and {@code webauthn_sessions} (60 s). A sign-in in progress during
 * the switch starts again.
 */
public final class PocketIdSchema {
  private PocketIdSchema() {}

  /** golang-migrate's bookkeeping table. */
  public static final String MIGRATIONS_TABLE = "schema_migrations";

  /** The Pocket ID release whose schema is adopted. */
  public static final String RELEASE = "v1.15";

  /** v1.15's last SQLite migration (41 up migrations). */
  public static final long SQLITE_VERSION = 20251024000000L;

  /** v1.15's last PostgreSQL migration (33 up migrations). */
  public static final long POSTGRES_VERSION = 20251106144600L;

  /** Pocket ID's key for the instance id in {@code app_config_variables}. */
  static final String INSTANCE_ID_CONFIG_KEY = "instanceId";

  /** Our kv key for the instance id (what the signing-key encryption reads). */
  static final String INSTANCE_ID_KV_KEY = "instance_id";

  /** Pocket ID v1.15's tables, besides {@value #MIGRATIONS_TABLE}. */
  public static final Set<String> TABLES =
      Set.of(
          "users",
          "user_groups",
          "user_groups_users",
          "custom_claims",
          "oidc_clients",
          "oidc_clients_allowed_user_groups",
          "oidc_authorization_codes",
          "oidc_refresh_tokens",
          "oidc_device_codes",
          "user_authorized_oidc_clients",
          "one_time_access_tokens",
          "reauthentication_tokens",
          "signup_tokens",
          "api_keys",
          "webauthn_credentials",
          "webauthn_sessions",
          "audit_logs",
          "app_config_variables",
          "kv");

  /** The version v1.15 ends at on {@code dialect}. */
  public static long knownVersion(Dialect dialect) {
    return dialect == Dialect.SQLITE ? SQLITE_VERSION : POSTGRES_VERSION;
  }

  /** The row moves, parents before children. */
  static List<TableMove> moves(Dialect source) {
    String ip = source == Dialect.POSTGRES ? "host(ip_address)" : "ip_address";
    return List.of(
        new TableMove(
            "users",
            List.of("id"),
            "",
            List.of(
                Col.of("id", TEXT),
                Col.stamped("created_at"),
                Col.of("username", TEXT),
                Col.of("email", TEXT),
                Col.of("first_name", TEXT),
                Col.of("last_name", TEXT),
                Col.of("display_name", TEXT),
                Col.of("is_admin", BOOL),
                Col.of("ldap_id", TEXT),
                Col.of("locale", TEXT),
                Col.of("disabled", BOOL))),
        new TableMove(
            "user_groups",
            List.of("id"),
            "",
            List.of(
                Col.of("id", TEXT),
                Col.stamped("created_at"),
                Col.of("friendly_name", TEXT),
                Col.of("name", TEXT),
                Col.of("ldap_id", TEXT))),
        new TableMove(
            "user_groups_users",
            List.of("user_id", "user_group_id"),
            "",
            List.of(Col.of("user_id", TEXT), Col.of("user_group_id", TEXT))),
        new TableMove(
            "custom_claims",
            List.of("id"),
            "",
            List.of(
                Col.of("id", TEXT),
                Col.stamped("created_at"),
                Col.of("key", TEXT),
                Col.of("value", TEXT),
                Col.of("user_id", TEXT),
                Col.of("user_group_id", TEXT))),
        new TableMove(
            "oidc_clients",
            List.of("id"),
            "",
            List.of(
                Col.of("id", TEXT),
                Col.stamped("created_at"),
                Col.from("name", "COALESCE(name, id)", TEXT),
                Col.of("secret", TEXT),
                Col.json("callback_urls", "[]"),
                Col.json("logout_callback_urls", "[]"),
                Col.of("image_type", TEXT),
                Col.of("dark_image_type", TEXT),
                Col.of("created_by_id", TEXT),
                Col.from("is_public", "COALESCE(is_public, FALSE)", BOOL),
                Col.from("pkce_enabled", "COALESCE(pkce_enabled, FALSE)", BOOL),
                Col.of("requires_reauthentication", BOOL),
                Col.of("launch_url", TEXT),
                Col.json("credentials", "{\"federatedIdentities\":[]}"))),
        new TableMove(
            "oidc_clients_allowed_user_groups",
            List.of("oidc_client_id", "user_group_id"),
            "",
            List.of(Col.of("user_group_id", TEXT), Col.of("oidc_client_id", TEXT))),
        new TableMove(
            "oidc_refresh_tokens",
            List.of("id"),
            "",
            List.of(
                Col.of("id", TEXT),
                Col.stamped("created_at"),
                Col.of("token", TEXT),
                Col.from("family_id", "id", TEXT),
                Col.of("expires_at", TS),
                Col.of("scope", TEXT),
                Col.of("user_id", TEXT),
                Col.of("client_id", TEXT),
                Col.from("rotated", "FALSE", BOOL),
                Col.stampedFrom("auth_time", "created_at"))),
        new TableMove(
            "user_authorized_oidc_clients",
            List.of("user_id", "client_id"),
            "",
            List.of(
                Col.from("scope", "COALESCE(scope, '')", TEXT),
                Col.of("user_id", TEXT),
                Col.of("client_id", TEXT),
                Col.stamped("last_used_at"))),
        new TableMove(
            "one_time_access_tokens",
            List.of("id"),
            "",
            List.of(
                Col.of("id", TEXT),
                Col.stamped("created_at"),
                Col.of("token", SHA256),
                Col.of("expires_at", TS),
                Col.of("user_id", TEXT))),
        new TableMove(
            "reauthentication_tokens",
            List.of("id"),
            "",
            List.of(
                Col.of("id", TEXT),
                Col.stamped("created_at"),
                Col.of("token", TEXT),
                Col.of("expires_at", TS),
                Col.of("user_id", TEXT))),
        new TableMove(
            "signup_tokens",
            List.of("id"),
            "",
            List.of(
                Col.of("id", TEXT),
                Col.stamped("created_at"),
                Col.of("token", SHA256),
                Col.of("expires_at", TS),
                Col.of("usage_limit", INT),
                Col.of("usage_count", INT))),
        new TableMove(
            "api_keys",
            List.of("id"),
            "",
            List.of(
                Col.of("id", TEXT),
                Col.of("name", TEXT),
                Col.of("key", TEXT),
                Col.of("description", TEXT),
                Col.of("expires_at", TS),
                Col.of("last_used_at", TS),
                Col.stamped("created_at"),
                Col.of("user_id", TEXT),
                Col.of("expiration_email_sent", BOOL))),
        new TableMove(
            "webauthn_credentials",
            List.of("id"),
            "",
            List.of(
                Col.of("id", TEXT),
                Col.stamped("created_at"),
                Col.of("name", TEXT),
                Col.of("credential_id", BYTES),
                Col.of("public_key", BYTES),
                Col.of("attestation_type", TEXT),
                Col.json("transport", "[]"),
                Col.of("user_id", TEXT),
                Col.of("backup_eligible", BOOL),
                Col.of("backup_state", BOOL))),
        new TableMove(
            "audit_logs",
            List.of("id"),
            "",
            List.of(
                Col.of("id", TEXT),
                Col.stamped("created_at"),
                Col.of("event", TEXT),
                Col.from("ip_address", ip, TEXT),
                Col.of("user_agent", TEXT),
                Col.of("data", JSON),
                Col.of("user_id", TEXT),
                Col.of("country", TEXT),
                Col.of("city", TEXT))),
        new TableMove(
            "app_config_variables",
            List.of("key"),
            " WHERE key <> '" + INSTANCE_ID_CONFIG_KEY + "'",
            List.of(Col.of("key", TEXT), Col.of("value", TEXT))),
        new TableMove(
            "kv",
            List.of("key"),
            " WHERE value IS NOT NULL AND key <> '" + INSTANCE_ID_KV_KEY + "'",
            List.of(Col.of("key", TEXT), Col.of("value", TEXT))));
  }
}
