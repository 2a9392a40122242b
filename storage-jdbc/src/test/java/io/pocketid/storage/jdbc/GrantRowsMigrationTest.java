package io.pocketid.storage.jdbc;

import static io.pocketid.core.store.contract.Fixtures.authorizationCode;
import static io.pocketid.core.store.contract.Fixtures.hash;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.AuthorizationCode;
import io.pocketid.core.model.UsedCode;
import io.pocketid.core.model.User;
import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.storage.jdbc.internal.SchemaMigrator;
import io.pocketid.storage.jdbc.transfer.StateTransfer;
import io.pocketid.storage.jdbc.transfer.TableData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The changeset that gives used authorization codes and revoked grants their own tables. Earlier
 * versions kept a redeemed code's mark as a <em>tombstone</em> row of {@code
 * oidc_authorization_codes} (empty scope, id = the grant) and revoked grants as {@code
 * oidc.revoked-grant.<id>} rows of {@code kv}; a database holding them, and an export file from
 * such a version, must come out with the rows moved and still in force.
 */
class GrantRowsMigrationTest {
  static final String CHANGESET = "7-used-codes-and-revoked-grants";
  static final Set<String> NEW_TABLES =
      Set.of("oidc_used_authorization_codes", "oidc_revoked_grants");

  static final Instant USED_UNTIL = Instant.parse("2026-01-15T11:00:00.123Z");
  static final Instant REVOKED_UNTIL = Instant.parse("2026-01-15T12:30:00.456Z");

  /** The old-shape tombstone: what AuthorizationCodeGrant wrote before this change. */
  static AuthorizationCode tombstone(User user, String family) {
    AuthorizationCode real = authorizationCode("tombstone", user.id(), "c1", USED_UNTIL);
    return new AuthorizationCode(
        family,
        hash("used:redeemed"),
        real.createdAt(),
        USED_UNTIL,
        user.id(),
        "c1",
        real.redirectUri(),
        "",
        null,
        null,
        null,
        null,
        real.authTime());
  }

  /** Writes rows as a version before the changeset did (through the stores that still allow it). */
  static void writeOldShapeRows(JdbcStorage storage) {
    User alice = Fixtures.user("alice").build();
    storage.users().create(alice);
    storage.clients().create(Fixtures.client("c1").build());
    storage.authorizationCodes().save(authorizationCode("live", alice.id(), "c1", USED_UNTIL));
    storage.authorizationCodes().save(tombstone(alice, "family-1"));
    storage.keyValues().put("oidc.revoked-grant.family-2", REVOKED_UNTIL.toString());
    storage.keyValues().put("oidc.revoked-grant.family-3", "not an instant");
    storage.keyValues().put("instance_id", "kept");
  }

  /** What the rows must look like once moved. */
  static void assertMoved(JdbcStorage storage) {
    // the tombstone became a used-code mark with its grant and expiry; the live code is untouched
    assertThat(storage.authorizationCodes().consume(hash("used:redeemed"))).isEmpty();
    assertThat(storage.usedCodes().take(hash("used:redeemed")))
        .contains(new UsedCode(hash("used:redeemed"), "family-1", USED_UNTIL));
    assertThat(storage.authorizationCodes().consume(hash("live"))).isPresent();
    // the kv marks became revoked grants, kept until their instant; other kv rows stay
    assertThat(storage.revokedGrants().isRevoked("family-2")).isTrue();
    assertThat(storage.revokedGrants().isRevoked("family-3")).isTrue();
    assertThat(storage.revokedGrants().isRevoked("family-1")).isFalse();
    assertThat(storage.keyValues().get("oidc.revoked-grant.family-2")).isEmpty();
    assertThat(storage.keyValues().get("oidc.revoked-grant.family-3")).isEmpty();
    assertThat(storage.keyValues().get("instance_id")).contains("kept");
    assertThat(storage.revokedGrants().deleteExpired(REVOKED_UNTIL)).isZero();
    assertThat(storage.revokedGrants().deleteExpired(REVOKED_UNTIL.plusMillis(1))).isEqualTo(1);
    assertThat(storage.revokedGrants().isRevoked("family-2")).isFalse();
    assertThat(storage.revokedGrants().isRevoked("family-3")).isTrue(); // unreadable: kept a day
  }

  /** The scenario on one kind of database. */
  abstract static class Scenario {
    private final List<TestDatabase> opened = new ArrayList<>();

    /** A new, empty database of this kind. */
    abstract TestDatabase newDatabase();

    private TestDatabase database() {
      TestDatabase db = newDatabase();
      opened.add(db);
      return db;
    }

    @AfterEach
    void closeDatabases() {
      opened.forEach(TestDatabase::close);
    }

    /** Undoes the changeset: the database as a version before it left it. */
    static void undoChangeset(TestDatabase db) throws SQLException {
      try (Connection c = db.raw();
          Statement st = c.createStatement()) {
        for (String t : NEW_TABLES) {
          st.execute("DROP TABLE " + db.table(t));
        }
        st.execute(
            "DELETE FROM " + db.table("databasechangelog") + " WHERE id = '" + CHANGESET + "'");
        st.execute("UPDATE " + db.table(SchemaMigrator.STATE_TABLE) + " SET checksum = 'older'");
      }
    }

    @Test
    void openMovesTombstonesAndRevokedGrantKvRowsToTheirTables() throws Exception {
      TestDatabase db = database();
      try (JdbcStorage storage = JdbcStorage.open(db.settings())) {
        writeOldShapeRows(storage);
      }
      undoChangeset(db);

      try (JdbcStorage storage = JdbcStorage.open(db.settings())) {
        assertThat(storage.migratedOnOpen()).isTrue();
        assertMoved(storage);
      }
    }

    @Test
    void importOfAFileFromAnEarlierVersionMovesTheRowsToo() {
      TestDatabase source = database();
      try (JdbcStorage storage = JdbcStorage.open(source.settings())) {
        writeOldShapeRows(storage);
      }
      List<TableData> earlierFile =
          new StateTransfer(source.settings())
              .read(StateTransfer.Progress.NONE).stream()
                  .filter(t -> !NEW_TABLES.contains(t.name()))
                  .toList();
      assertThat(earlierFile)
          .filteredOn(t -> t.name().equals("kv"))
          .singleElement()
          .satisfies(kv -> assertThat(kv.rows()).hasSize(3));

      TestDatabase target = database();
      new StateTransfer(target.settings()).write(earlierFile, false, StateTransfer.Progress.NONE);

      try (JdbcStorage storage = JdbcStorage.open(target.settings())) {
        assertMoved(storage);
      }
    }
  }

  @Nested
  class OnSqlite extends Scenario {
    @TempDir Path dir;
    private int n;

    @Override
    TestDatabase newDatabase() {
      return TestDatabase.sqlite(dir.resolve("pocket-id-" + n++ + ".db"));
    }
  }

  @Nested
  class OnPostgres extends Scenario {
    @Override
    TestDatabase newDatabase() {
      return TestDatabase.postgres();
    }
  }
}
