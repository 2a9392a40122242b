package io.pocketid.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.storage.jdbc.internal.adopt.PocketIdAdoption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Adoption of a Pocket ID v1.15 PostgreSQL schema; refusals compare a dump of every row. */
class PostgresPocketIdAdoptionTest extends PocketIdAdoptionContract {
  String schema;

  @BeforeEach
  void createSchema() {
    PostgresTestDatabase.assumeReachable();
    schema = PostgresTestDatabase.createSchema();
  }

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      PostgresTestDatabase.dropSchema(schema);
      PostgresTestDatabase.dropSchema(PocketIdAdoption.keptSchema(schema));
    }
  }

  @Override
  PocketIdV115Database pocketId() {
    return PocketIdV115Database.postgres(schema);
  }

  @Override
  Instant time(String iso) {
    return Instant.parse(iso);
  }

  @Override
  String dump(PocketIdV115Database db) throws Exception {
    try (Connection c = db.connect()) {
      List<String> tables = new ArrayList<>();
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT table_schema || '.' || table_name FROM information_schema.tables"
                      + " WHERE table_schema IN ('"
                      + schema
                      + "', '"
                      + PocketIdAdoption.keptSchema(schema)
                      + "') ORDER BY 1")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      return rows(c, tables);
    }
  }

  @Test
  void openWhenPocketIdV115ThenItsTablesAreKeptInASeparateSchemaForARollBack() throws Exception {
    PocketIdV115Database db = pocketId();
    seed(db);
    try (JdbcStorage storage = JdbcStorage.open(db.settings())) {
      assertThat(storage.users().findById(TIM)).isPresent();
    }
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT COUNT(*) FROM " + PocketIdAdoption.keptSchema(schema) + ".users")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(2);
    }
  }

  @Test
  void openWhenTwoInstancesStartTogetherThenOneAdoptsAndBothServe() throws Exception {
    PocketIdV115Database db = pocketId();
    seed(db);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<JdbcStorage>> opened = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        opened.add(
            pool.submit(
                () -> {
                  go.await();
                  return JdbcStorage.open(db.settings());
                }));
      }
      go.countDown();
      for (Future<JdbcStorage> f : opened) {
        try (JdbcStorage storage = f.get(120, TimeUnit.SECONDS)) {
          assertThat(storage.users().findById(TIM)).isPresent();
          assertThat(storage.users().count()).isEqualTo(2);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
