package io.pocketid.storage.jdbc;

import static io.pocketid.storage.jdbc.PocketIdV115Database.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.FederatedIdentity;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.RefreshToken;
import io.pocketid.core.model.User;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.PageRequest;
import io.pocketid.storage.jdbc.internal.adopt.AdoptionException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Adoption of a Pocket ID v1.15 database, the same for SQLite and PostgreSQL: every adopted table
 * read back through the storage SPI, a second start, and the refusals that must write nothing.
 */
abstract class PocketIdAdoptionContract {
  static final String TIM = "f4b89dc2-62fb-46bf-9f5f-c34f4eafe93e";
  static final String CRAIG = "1cd19686-7a7c-4b2f-8d3e-2b5d7a0c9e11";
  static final String DEVELOPERS = "c7ae7c01-28a3-4f3f-9572-1ee734ea8d8a";
  static final String NEXTCLOUD = "3654a746-35d4-4321-ac61-0bdcff2b4055";
  static final String BCRYPT = "$2a$10$9hXk1q5P0kbVhZ8y0M5uKe7yqzVqk3f0gQm1mN0c2cQ1y3bM2m6rS";
  static final byte[] CREDENTIAL_ID = HexFormat.of().parseHex("0a1b2c3d4e5f60718293a4b5c6d7e8f9");
  static final byte[] COSE = HexFormat.of().parseHex("a5010203262001215820aa22582bb0");
  static final String REFRESH_RT = "ou87UDg249r1StBLYkMEqy9TXDbV5HmGuDpMcZDo";
  static final String LOGIN_CODE = "HPe6k6uiDRRVuAQV";
  static final String SIGNUP_TOKEN = "VALID1234567890A";
  static final String INSTANCE_ID = "5d1a1b3c-2f4e-4b6a-9c8d-7e6f5a4b3c2d";

  /** A new, empty Pocket ID v1.15 database. */
  abstract PocketIdV115Database pocketId();

  /** A comparable picture of every row of every table (to prove nothing was written). */
  abstract String dump(PocketIdV115Database db) throws Exception;

  /** What the database looks like on disk before and after a refused start. */
  String bytes(PocketIdV115Database db) throws Exception {
    return dump(db);
  }

  /** Times as the dialect stores them: seconds in SQLite, microseconds in PostgreSQL. */
  abstract Instant time(String iso);

  Instant future() {
    return time("2099-01-01T00:00:00.000001Z");
  }

  void seed(PocketIdV115Database db) {
    Instant t = time("2025-06-01T10:00:00.123456Z");
    db.insertUser(TIM, "tim", "tim@example.com", t);
    db.exec("UPDATE users SET locale = 'de' WHERE id = '" + TIM + "'");
    db.insert(
        "users",
        row(
            "id",
            CRAIG,
            "created_at",
            null,
            "username",
            "Craig",
            "email",
            null,
            "first_name",
            "Craig",
            "last_name",
            "F",
            "display_name",
            "Craig F",
            "is_admin",
            false,
            "disabled",
            false));
    db.insert(
        "user_groups",
        row(
            "id",
            DEVELOPERS,
            "created_at",
            t,
            "friendly_name",
            "Developers",
            "name",
            "developers"));
    db.insert("user_groups_users", row("user_id", TIM, "user_group_id", DEVELOPERS));
    db.insert("user_groups_users", row("user_id", CRAIG, "user_group_id", DEVELOPERS));
    db.insert(
        "custom_claims",
        row(
            "id",
            "0b9c2d4e-1111-4a2b-8c3d-4e5f6a7b8c9d",
            "created_at",
            t,
            "key",
            "team",
            "value",
            "core",
            "user_id",
            TIM));
    db.insert(
        "custom_claims",
        row(
            "id",
            "0b9c2d4e-2222-4a2b-8c3d-4e5f6a7b8c9d",
            "created_at",
            t,
            "key",
            "dept",
            "value",
            "eng",
            "user_group_id",
            DEVELOPERS));
    db.insert(
        "oidc_clients",
        row(
            "id",
            NEXTCLOUD,
            "created_at",
            t,
            "name",
            "Nextcloud",
            "secret",
            BCRYPT,
            "callback_urls",
            "[\"http://nextcloud/auth/callback\"]",
            "image_type",
            "png",
            "created_by_id",
            TIM,
            "is_public",
            false,
            "pkce_enabled",
            true,
            "logout_callback_urls",
            "[\"http://nextcloud/auth/logout/callback\"]",
            "credentials",
            "{\"federatedIdentities\":[{\"issuer\":\"https://idp.local\",\"subject\":\"sub-1\","
                + "\"audience\":\"api://PocketID\",\"jwks\":\"https://idp.local/jwks.json\"}]}",
            "launch_url",
            "https://nextcloud.local",
            "requires_reauthentication",
            true));
    db.insert(
        "oidc_clients_allowed_user_groups",
        row("user_group_id", DEVELOPERS, "oidc_client_id", NEXTCLOUD));
    db.insert(
        "user_authorized_oidc_clients",
        row(
            "scope",
            "openid profile email",
            "user_id",
            TIM,
            "client_id",
            NEXTCLOUD,
            "last_used_at",
            t));
    db.insert(
        "oidc_refresh_tokens",
        row(
            "id",
            "aa3f1e7c-0d2b-4c5e-9f8a-1b2c3d4e5f60",
            "created_at",
            t,
            "token",
            TokenHasher.hash(REFRESH_RT),
            "expires_at",
            future(),
            "scope",
            "openid profile email",
            "user_id",
            TIM,
            "client_id",
            NEXTCLOUD));
    db.insert(
        "one_time_access_tokens",
        row(
            "id",
            "bb3f1e7c-0d2b-4c5e-9f8a-1b2c3d4e5f60",
            "created_at",
            t,
            "token",
            LOGIN_CODE,
            "expires_at",
            future(),
            "user_id",
            TIM));
    db.insert(
        "signup_tokens",
        row(
            "id",
            "cc3f1e7c-0d2b-4c5e-9f8a-1b2c3d4e5f60",
            "created_at",
            t,
            "token",
            SIGNUP_TOKEN,
            "expires_at",
            future(),
            "usage_limit",
            3,
            "usage_count",
            1));
    db.insert(
        "api_keys",
        row(
            "id",
            "dd3f1e7c-0d2b-4c5e-9f8a-1b2c3d4e5f60",
            "name",
            "backup script",
            "key",
            TokenHasher.hash("api-key-secret"),
            "description",
            "nightly",
            "expires_at",
            future(),
            "last_used_at",
            null,
            "created_at",
            t,
            "user_id",
            TIM,
            "expiration_email_sent",
            false));
    db.insertPasskey(
        "ee3f1e7c-0d2b-4c5e-9f8a-1b2c3d4e5f60",
        TIM,
        "YubiKey",
        CREDENTIAL_ID,
        COSE,
        "[\"usb\",\"nfc\"]",
        true,
        t);
    db.insert(
        "audit_logs",
        row(
            "id",
            "ff3f1e7c-0d2b-4c5e-9f8a-1b2c3d4e5f60",
            "created_at",
            t,
            "event",
            "SIGN_IN",
            "ip_address",
            "192.168.1.7",
            "user_agent",
            "Firefox",
            "data",
            "{\"clientName\":\"Nextcloud\"}",
            "user_id",
            TIM,
            "country",
            "Internal Network",
            "city",
            "LAN"));
    // Go marshals a nil slice as JSON null; older rows have SQL NULL.
    db.insert(
        "oidc_clients",
        row(
            "id",
            "immich",
            "created_at",
            t,
            "name",
            "Immich",
            "callback_urls",
            "[\"https://immich/cb\"]",
            "logout_callback_urls",
            "null",
            "credentials",
            null,
            "requires_reauthentication",
            false));
    db.insert("app_config_variables", row("key", "appName", "value", "Old Pocket"));
    db.insert("app_config_variables", row("key", "instanceId", "value", INSTANCE_ID));
    db.insert("kv", row("key", "jwt_private_key.json", "value", "ZW5jcnlwdGVk"));
  }

  @Test
  void openWhenPocketIdV115ThenEveryTableArrivesWithItsIdsAndExactTimes() {
    PocketIdV115Database db = pocketId();
    seed(db);
    Instant t = time("2025-06-01T10:00:00.123456Z");
    try (JdbcStorage storage = JdbcStorage.open(db.settings())) {
      User tim = storage.users().findById(TIM).orElseThrow();
      assertThat(tim.username()).isEqualTo("tim");
      assertThat(tim.email()).isEqualTo("tim@example.com");
      assertThat(tim.admin()).isTrue();
      assertThat(tim.locale()).isEqualTo("de");
      assertThat(tim.createdAt()).isEqualTo(t);
      assertThat(storage.users().findByUsername("craig")).isPresent(); // case-insensitive
      assertThat(storage.groups().memberIds(DEVELOPERS)).containsExactlyInAnyOrder(TIM, CRAIG);
      assertThat(storage.customClaims().forUser(TIM))
          .containsExactly(new CustomClaim("team", "core"));
      assertThat(storage.customClaims().forGroup(DEVELOPERS))
          .containsExactly(new CustomClaim("dept", "eng"));

      OidcClient client = storage.clients().findById(NEXTCLOUD).orElseThrow();
      assertThat(client.secretHash()).isEqualTo(BCRYPT);
      assertThat(client.callbackUrls()).containsExactly("http://nextcloud/auth/callback");
      assertThat(client.logoutCallbackUrls())
          .containsExactly("http://nextcloud/auth/logout/callback");
      assertThat(client.pkceEnabled()).isTrue();
      assertThat(client.publicClient()).isFalse();
      assertThat(client.requiresReauthentication()).isTrue();
      assertThat(client.imageType()).isEqualTo("png");
      assertThat(client.launchUrl()).isEqualTo("https://nextcloud.local");
      assertThat(client.federatedIdentities())
          .containsExactly(
              new FederatedIdentity(
                  "https://idp.local", "sub-1", "api://PocketID", "https://idp.local/jwks.json"));
      assertThat(storage.clients().allowedGroupIds(NEXTCLOUD)).containsExactly(DEVELOPERS);
      OidcClient immich = storage.clients().findById("immich").orElseThrow();
      assertThat(immich.callbackUrls()).containsExactly("https://immich/cb");
      assertThat(immich.logoutCallbackUrls()).isEmpty();
      assertThat(immich.federatedIdentities()).isEmpty();
      assertThat(storage.consents().find(TIM, NEXTCLOUD).orElseThrow().scope())
          .isEqualTo("openid profile email");

      RefreshToken rt =
          storage.refreshTokens().findByHash(TokenHasher.hash(REFRESH_RT)).orElseThrow();
      assertThat(rt.userId()).isEqualTo(TIM);
      assertThat(rt.clientId()).isEqualTo(NEXTCLOUD);
      assertThat(rt.expiresAt()).isEqualTo(future());
      assertThat(rt.rotated()).isFalse();

      Passkey passkey = storage.passkeys().findByCredentialId(CREDENTIAL_ID).orElseThrow();
      assertThat(passkey.userId()).isEqualTo(TIM);
      assertThat(passkey.publicKeyCose()).isEqualTo(COSE);
      assertThat(passkey.transports()).containsExactly("usb", "nfc");
      assertThat(passkey.backupEligible()).isTrue();
      assertThat(passkey.backupState()).isFalse();

      assertThat(storage.apiKeys().findByHash(TokenHasher.hash("api-key-secret"))).isPresent();
      assertThat(
              storage
                  .signupTokens()
                  .findByHash(TokenHasher.hash(SIGNUP_TOKEN))
                  .orElseThrow()
                  .usageCount())
          .isEqualTo(1);
      var audit = storage.auditLog().list(TIM, PageRequest.of(1, 10)).items();
      assertThat(audit).hasSize(1);
      assertThat(audit.get(0).ipAddress()).isEqualTo("192.168.1.7");
      assertThat(audit.get(0).data()).isEqualTo(Map.of("clientName", "Nextcloud"));
      assertThat(audit.get(0).createdAt()).isEqualTo(t);

      assertThat(storage.appConfig().loadAll()).containsEntry("appName", "Old Pocket");
      assertThat(storage.appConfig().loadAll()).doesNotContainKey("instanceId");
      assertThat(storage.keyValues().get("instance_id")).contains(INSTANCE_ID);
      assertThat(storage.keyValues().get("jwt_private_key.json")).contains("ZW5jcnlwdGVk");
      // The plain login code is stored as its hash only, and it still works once.
      assertThat(storage.loginCodes().consume(TokenHasher.hash(LOGIN_CODE), Instant.now()))
          .isPresent();
    }
  }

  @Test
  void openWhenAdoptedBeforeThenNothingMoreHappens() throws Exception {
    PocketIdV115Database db = pocketId();
    seed(db);
    try (JdbcStorage storage = JdbcStorage.open(db.settings())) {
      storage.users().delete(CRAIG);
    }
    String after = dump(db);
    try (JdbcStorage storage = JdbcStorage.open(db.settings())) {
      assertThat(storage.migratedOnOpen()).isFalse();
      assertThat(storage.users().findById(CRAIG)).isEmpty();
      assertThat(storage.users().findById(TIM)).isPresent();
    }
    assertThat(dump(db)).isEqualTo(after);
  }

  @Test
  void openWhenARowIsCorruptThenRefusedNamingTableAndRowAndNothingChanges() throws Exception {
    PocketIdV115Database db = pocketId();
    seed(db);
    // Pocket ID allows a claim on a user and a group at once; ours belongs to exactly one.
    db.insert(
        "custom_claims",
        row(
            "id",
            "99999999-0d2b-4c5e-9f8a-1b2c3d4e5f60",
            "created_at",
            time("2025-01-01T00:00:00Z"),
            "key",
            "both",
            "value",
            "x",
            "user_id",
            TIM,
            "user_group_id",
            DEVELOPERS));
    String before = bytes(db);
    assertThatThrownBy(() -> JdbcStorage.open(db.settings()))
        .isInstanceOf(AdoptionException.class)
        .hasMessageContaining("table custom_claims, row id=99999999-0d2b-4c5e-9f8a-1b2c3d4e5f60")
        .hasMessageContaining("rolled back");
    assertThat(bytes(db)).isEqualTo(before);
  }

  @Test
  void openWhenPocketIdIsNewerThanV115ThenRefusedWithNothingWritten() throws Exception {
    PocketIdV115Database db = pocketId();
    seed(db);
    db.setVersion(20260101000000L, false);
    String before = bytes(db);
    assertThatThrownBy(() -> JdbcStorage.open(db.settings()))
        .isInstanceOf(AdoptionException.class)
        .hasMessageContaining("20260101000000")
        .hasMessageContaining("newer than Pocket ID v1.15")
        .hasMessageContaining("nothing was written");
    assertThat(bytes(db)).isEqualTo(before);
  }

  @Test
  void openWhenPocketIdIsOlderThanV115ThenRefusedWithNothingWritten() throws Exception {
    PocketIdV115Database db = pocketId();
    db.setVersion(20240101000000L, false);
    String before = bytes(db);
    assertThatThrownBy(() -> JdbcStorage.open(db.settings()))
        .isInstanceOf(AdoptionException.class)
        .hasMessageContaining("20240101000000")
        .hasMessageContaining("older than Pocket ID v1.15")
        .hasMessageContaining("Start Pocket ID v1.15 once");
    assertThat(bytes(db)).isEqualTo(before);
  }

  @Test
  void openWhenAPocketIdMigrationIsDirtyThenRefused() throws Exception {
    PocketIdV115Database db = pocketId();
    db.setVersion(db.dialect() == Dialect.SQLITE ? 20251024000000L : 20251106144600L, true);
    String before = bytes(db);
    assertThatThrownBy(() -> JdbcStorage.open(db.settings()))
        .isInstanceOf(AdoptionException.class)
        .hasMessageContaining("dirty");
    assertThat(bytes(db)).isEqualTo(before);
  }

  @Test
  void openWhenTheDatabaseIsForeignThenRefusedBeforeAnythingIsWritten() throws Exception {
    PocketIdV115Database db = pocketId();
    db.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)");
    db.insert("invoices", row("id", 1, "total", 100));
    String before = bytes(db);
    assertThatThrownBy(() -> JdbcStorage.open(db.settings()))
        .isInstanceOf(AdoptionException.class)
        .hasMessageContaining("invoices")
        .hasMessageContaining("neither this server's nor Pocket ID's");
    assertThat(bytes(db)).isEqualTo(before);
  }

  @Test
  void openWhenEmailsDifferOnlyInCaseThenRefusedNamingBothUsers() throws Exception {
    PocketIdV115Database db = pocketId();
    seed(db);
    db.insert(
        "users",
        row(
            "id",
            "77777777-7a7c-4b2f-8d3e-2b5d7a0c9e11",
            "created_at",
            null,
            "username",
            "tim2",
            "email",
            "Tim@Example.com",
            "last_name",
            "C",
            "display_name",
            "Tim C",
            "is_admin",
            false,
            "disabled",
            false));
    String before = bytes(db);
    assertThatThrownBy(() -> JdbcStorage.open(db.settings()))
        .isInstanceOf(AdoptionException.class)
        .hasMessageContaining("'Tim@Example.com' (user 77777777-7a7c-4b2f-8d3e-2b5d7a0c9e11)")
        .hasMessageContaining("'tim@example.com' (user " + TIM + ")");
    assertThat(bytes(db)).isEqualTo(before);
  }

  /** Every row of the given tables, in a stable order. */
  static String rows(Connection c, List<String> tables) throws SQLException {
    StringBuilder out = new StringBuilder();
    for (String table : tables) {
      out.append("== ").append(table).append('\n');
      List<String> lines = new ArrayList<>();
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder line = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            Object v = rs.getObject(i);
            line.append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v))
                .append('|');
          }
          lines.add(line.toString());
        }
      }
      lines.sort(null);
      lines.forEach(l -> out.append(l).append('\n'));
    }
    return out.toString();
  }
}
