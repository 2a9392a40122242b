package io.pocketid.server;

import static io.pocketid.storage.jdbc.PocketIdV115Database.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.server.internal.transfer.StateFile;
import io.pocketid.storage.jdbc.Column;
import io.pocketid.storage.jdbc.PocketIdV115Database;
import io.pocketid.storage.jdbc.transfer.TableData;
import jakarta.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pocket-id export} and {@code import}: the whole state round-trips SQLite → PostgreSQL →
 * SQLite with nothing lost; dry runs write nothing; a non-empty database is refused unless forced;
 * a bad file is refused naming where, with nothing written.
 */
class ExportImportCommandTest {
  static final String TIM = "f4b89dc2-62fb-46bf-9f5f-c34f4eafe93e";
  static final String CLIENT = "3654a746-35d4-4321-ac61-0bdcff2b4055";

  @TempDir Path dir;
  private String postgres;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void schema() {
    PostgresTestSchemas.assumeReachable();
    postgres = PostgresTestSchemas.newConnectionString();
  }

  @AfterEach
  void drop() {
    if (postgres != null) {
      PostgresTestSchemas.drop(postgres);
    }
  }

  private int run(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    return Main.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, String> sqlite(Path file) {
    return Map.of("DB_PROVIDER", "sqlite", "DB_CONNECTION_STRING", file.toString());
  }

  private Map<String, String> pg() {
    return Map.of("DB_PROVIDER", "postgres", "DB_CONNECTION_STRING", postgres);
  }

  /** A Pocket ID v1.15 file with a row in most tables; the first export adopts it. */
  private Path pocketIdDatabase() {
    Path file = dir.resolve("source.db");
    PocketIdV115Database db = PocketIdV115Database.sqlite(file);
    Instant t = Instant.parse("2025-06-01T10:00:00Z");
    db.insertUser(TIM, "tim", "tim@example.com", t);
    db.insert(
        "user_groups",
        row(
            "id",
            "c7ae7c01-28a3-4f3f-9572-1ee734ea8d8a",
            "created_at",
            t,
            "friendly_name",
            "Dev",
            "name",
            "dev"));
    db.insert(
        "user_groups_users",
        row("user_id", TIM, "user_group_id", "c7ae7c01-28a3-4f3f-9572-1ee734ea8d8a"));
    db.insert(
        "oidc_clients",
        row(
            "id",
            CLIENT,
            "created_at",
            t,
            "name",
            "Nextcloud",
            "secret",
            "$2a$10$abc",
            "callback_urls",
            "[\"https://nc/cb\", \"https://nc/cb2\"]",
            "logout_callback_urls",
            "[]",
            "credentials",
            "{\"federatedIdentities\":[]}",
            "requires_reauthentication",
            false));
    db.insertPasskey(
        "ee3f1e7c-0d2b-4c5e-9f8a-1b2c3d4e5f60",
        TIM,
        "Key",
        new byte[] {1, 2, 3, (byte) 0xff},
        new byte[] {9, 8},
        "[\"usb\"]",
        true,
        t);
    db.insert(
        "oidc_refresh_tokens",
        row(
            "id",
            "aa3f1e7c-0d2b-4c5e-9f8a-1b2c3d4e5f60",
            "created_at",
            t,
            "token",
            "abc",
            "expires_at",
            Instant.parse("2099-01-01T00:00:00Z"),
            "scope",
            "openid",
            "user_id",
            TIM,
            "client_id",
            CLIENT));
    db.insert(
        "audit_logs",
        row(
            "id",
            "ff3f1e7c-0d2b-4c5e-9f8a-1b2c3d4e5f60",
            "created_at",
            t,
            "event",
            "SIGN_IN",
            "user_agent",
            "Firefox",
            "data",
            "{\"clientName\": \"Nextcloud\"}",
            "user_id",
            TIM));
    db.insert("app_config_variables", row("key", "appName", "value", "Old Pocket"));
    db.insert("app_config_variables", row("key", "instanceId", "value", "i-1"));
    return file;
  }

  @Test
  void exportAndImportRoundTripSqliteToPostgresToSqliteWithNothingLost() throws Exception {
    Path first = dir.resolve("first.json");
    Path second = dir.resolve("second.json");
    Path third = dir.resolve("third.json");

    assertThat(run(sqlite(pocketIdDatabase()), "export", "--to", first.toString()))
        .as(err())
        .isZero();
    assertThat(out()).contains("users").contains("exported to");
    assertThat(Files.getPosixFilePermissions(first))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    assertThat(run(pg(), "import", "--from", first.toString())).as(err()).isZero();
    assertThat(run(pg(), "export", "--to", second.toString())).as(err()).isZero();
    Path target = dir.resolve("target.db");
    assertThat(run(sqlite(target), "import", "--from", second.toString())).as(err()).isZero();
    assertThat(run(sqlite(target), "export", "--to", third.toString())).as(err()).isZero();

    Map<String, List<String>> a = rows(first);
    assertThat(a.get("users")).hasSize(1);
    assertThat(a.get("webauthn_credentials").get(0))
        .contains(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, (byte) 0xff}));
    assertThat(a.get("kv").toString()).contains("instance_id").contains("i-1");
    assertThat(rows(second)).isEqualTo(a);
    assertThat(rows(third)).isEqualTo(a);
  }

  @Test
  void importWhenDryRunThenCountsArePrintedAndNothingIsWritten() throws Exception {
    Path file = dir.resolve("state.json");
    assertThat(run(sqlite(pocketIdDatabase()), "export", "--to", file.toString())).isZero();

    assertThat(run(pg(), "import", "--dry-run", "--from", file.toString())).as(err()).isZero();
    assertThat(out()).containsPattern("users\\s+1").contains("nothing was written");
    assertThat(run(pg(), "export", "--dry-run", "--to", dir.resolve("x.json").toString())).isZero();
    assertThat(out()).containsPattern("users\\s+0").containsPattern("total\\s+0");
    assertThat(dir.resolve("x.json")).doesNotExist();
  }

  @Test
  void importWhenTheDatabaseIsNotEmptyThenRefusedUnlessForced() throws Exception {
    Path file = dir.resolve("state.json");
    Path source = pocketIdDatabase();
    assertThat(run(sqlite(source), "export", "--to", file.toString())).isZero();
    Map<String, List<String>> before = rows(file);

    assertThat(run(sqlite(source), "import", "--from", file.toString())).isEqualTo(1);
    assertThat(err()).contains("not empty").contains("users 1").contains("--force");

    assertThat(run(sqlite(source), "import", "--force", "--from", file.toString()))
        .as(err())
        .isZero();
    Path again = dir.resolve("again.json");
    assertThat(run(sqlite(source), "export", "--to", again.toString())).isZero();
    assertThat(rows(again)).isEqualTo(before);
  }

  @Test
  void importWhenAValueDoesNotFitItsColumnThenRefusedNamingItAndNothingIsWritten()
      throws Exception {
    Path file = dir.resolve("state.json");
    assertThat(run(sqlite(pocketIdDatabase()), "export", "--to", file.toString())).isZero();
    String broken =
        Files.readString(file).replace("\"2025-06-01T10:00:00Z\"", "\"the first of June\"");
    Files.writeString(file, broken);

    assertThat(run(pg(), "import", "--from", file.toString())).isEqualTo(1);
    assertThat(err()).contains("table users, row 1, column created_at: not a timestamp value");
    assertThat(run(pg(), "export", "--dry-run", "--to", dir.resolve("x.json").toString())).isZero();
    assertThat(out()).containsPattern("total\\s+0");
  }

  /** Each table's rows as text (JSON columns normalised: PostgreSQL re-spaces jsonb), sorted. */
  private static Map<String, List<String>> rows(Path file) throws Exception {
    List<TableData> tables;
    try (InputStream in = Files.newInputStream(file)) {
      tables = StateFile.read(in);
    }
    Map<String, List<String>> result = new TreeMap<>();
    for (TableData t : tables) {
      List<String> lines = new ArrayList<>();
      for (List<Object> row : t.rows()) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
          Object v = row.get(i);
          if (v != null && t.columns().get(i).type() == Column.Type.JSON) {
            v = Json.createReader(new StringReader((String) v)).readValue().toString();
          } else if (v instanceof byte[] b) {
            v = Base64.getEncoder().encodeToString(b);
          }
          line.append(t.columns().get(i).name()).append('=').append(v).append(' ');
        }
        lines.add(line.toString());
      }
      lines.sort(null);
      result.put(t.name(), lines);
    }
    return result;
  }
}
