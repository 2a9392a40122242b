package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.T0;
import static io.pocketid.core.store.contract.Fixtures.at;
import static io.pocketid.core.store.contract.Fixtures.hash;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.RefreshToken;
import io.pocketid.core.model.UsedCode;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

abstract class ConcurrencyContract extends ContractSupport {
  /** Runs {@code task} on {@code threads} threads released together; returns each outcome. */
  private static <T> List<Outcome<T>> race(int threads, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.call();
                }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).as("threads started").isTrue();
      go.countDown();
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          outcomes.add(new Outcome<>(f.get(60, TimeUnit.SECONDS), null));
        } catch (java.util.concurrent.ExecutionException e) {
          outcomes.add(new Outcome<>(null, e.getCause()));
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private record Outcome<T>(T value, Throwable error) {}

  private static <T> List<T> values(List<Outcome<T>> outcomes) {
    for (Outcome<T> o : outcomes) {
      if (o.error() != null) {
        throw new AssertionError("unexpected failure in a racing thread", o.error());
      }
    }
    return outcomes.stream().map(Outcome::value).toList();
  }

  @Test
  void consumeOfOneAuthorizationCodeByEightThreadsHasExactlyOneWinner() throws Exception {
    User alice = createUser("alice");
    createClient("c1");
    storage()
        .authorizationCodes()
        .save(Fixtures.authorizationCode("code", alice.id(), "c1", at(60)));
    List<Optional<?>> got =
        values(race(8, () -> storage().authorizationCodes().consume(hash("code"))));
    assertThat(got.stream().filter(Optional::isPresent)).hasSize(1);
  }

  @Test
  void takeOfOneUsedCodeByEightThreadsHasExactlyOneWinner() throws Exception {
    storage().usedCodes().record(new UsedCode(hash("used"), Fixtures.id("family"), at(60)));
    List<Optional<?>> got = values(race(8, () -> storage().usedCodes().take(hash("used"))));
    assertThat(got.stream().filter(Optional::isPresent)).hasSize(1);
  }

  @Test
  void consumeOfOneLoginCodeByEightThreadsHasExactlyOneWinner() throws Exception {
    User alice = createUser("alice");
    storage().loginCodes().save(Fixtures.loginCode("code", alice.id(), at(60)));
    List<Optional<?>> got = values(race(8, () -> storage().loginCodes().consume(hash("code"), T0)));
    assertThat(got.stream().filter(Optional::isPresent)).hasSize(1);
  }

  @Test
  void consumeOfOneChallengeByEightThreadsHasExactlyOneWinner() throws Exception {
    storage().webauthnChallenges().save(Fixtures.challenge("w1", null, at(60)));
    List<Optional<?>> got = values(race(8, () -> storage().webauthnChallenges().consume("w1", T0)));
    assertThat(got.stream().filter(Optional::isPresent)).hasSize(1);
  }

  @Test
  void consumeOfOneDeviceCodeByEightThreadsHasExactlyOneWinner() throws Exception {
    createClient("c1");
    storage().deviceCodes().save(Fixtures.deviceCode("dc", "ABCD-EFGH", "c1", at(60)));
    List<Optional<?>> got = values(race(8, () -> storage().deviceCodes().consume(hash("dc"))));
    assertThat(got.stream().filter(Optional::isPresent)).hasSize(1);
  }

  @Test
  void consumeOfOneReauthenticationTokenByEightThreadsHasExactlyOneWinner() throws Exception {
    User alice = createUser("alice");
    storage().reauthenticationTokens().save(Fixtures.reauthToken("t", alice.id(), at(60)));
    List<Optional<?>> got =
        values(
            race(8, () -> storage().reauthenticationTokens().consume(hash("t"), alice.id(), T0)));
    assertThat(got.stream().filter(Optional::isPresent)).hasSize(1);
  }

  @Test
  void markRotatedByEightThreadsHasExactlyOneWinner() throws Exception {
    User alice = createUser("alice");
    createClient("c1");
    RefreshToken t = Fixtures.refreshToken("t", "f", alice.id(), "c1", at(60));
    storage().refreshTokens().save(t);
    List<Boolean> got = values(race(8, () -> storage().refreshTokens().markRotated(t.id())));
    assertThat(got.stream().filter(b -> b)).hasSize(1);
  }

  @Test
  void signupTokenWithLimitFiveUsedByTwentyThreadsSucceedsExactlyFiveTimes() throws Exception {
    storage().signupTokens().save(Fixtures.signupToken("invite", 5, at(3600)));
    List<Optional<?>> got =
        values(race(20, () -> storage().signupTokens().use(hash("invite"), T0)));
    assertThat(got.stream().filter(Optional::isPresent)).hasSize(5);
    assertThat(storage().signupTokens().findByHash(hash("invite")).orElseThrow().usageCount())
        .isEqualTo(5);
  }

  @Test
  void concurrentCreatesOfTheSameUsernameStoreExactlyOne() throws Exception {
    int[] next = {0};
    List<User> candidates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      candidates.add(
          Fixtures.user(i % 2 == 0 ? "alice" : "ALICE")
              .id(Fixtures.id("u" + i))
              .email(null)
              .build());
    }
    List<Outcome<User>> outcomes =
        race(
            8,
            () -> {
              User u;
              synchronized (next) {
                u = candidates.get(next[0]++);
              }
              storage().users().create(u);
              return u;
            });
    assertThat(outcomes.stream().filter(o -> o.error() == null)).hasSize(1);
    assertThat(outcomes.stream().filter(o -> o.error() != null))
        .allSatisfy(o -> assertThat(o.error()).isInstanceOf(DuplicateKeyException.class));
    assertThat(storage().users().count()).isEqualTo(1);
  }

  @Test
  void manyThreadsCreatingDifferentUsersStoreThemAll() throws Exception {
    int[] next = {0};
    values(
        race(
            8,
            () -> {
              int thread;
              synchronized (next) {
                thread = next[0]++;
              }
              for (int i = 0; i < 25; i++) {
                createUser("t" + thread + "-u" + i);
              }
              return null;
            }));
    assertThat(storage().users().count()).isEqualTo(200);
    assertThat(storage().users().findByUsername("t7-u24")).isPresent();
  }

  @Test
  void putIfAbsentByEightThreadsStoresOneValueThatEveryoneSees() throws Exception {
    int[] next = {0};
    List<String> got =
        values(
            race(
                8,
                () -> {
                  int thread;
                  synchronized (next) {
                    thread = next[0]++;
                  }
                  return storage().keyValues().putIfAbsent("instance_id", "value-" + thread);
                }));
    String stored = storage().keyValues().get("instance_id").orElseThrow();
    assertThat(got).allSatisfy(v -> assertThat(v).isEqualTo(stored));
  }

  @Test
  void concurrentTransactionsThatRollBackLeaveNoTrace() throws Exception {
    int[] next = {0};
    List<Outcome<Object>> outcomes =
        race(
            8,
            () -> {
              int thread;
              synchronized (next) {
                thread = next[0]++;
              }
              return storage()
                  .inTransaction(
                      () -> {
                        createUser("tx-" + thread);
                        if (thread % 2 == 0) {
                          throw new IllegalStateException("rollback " + thread);
                        }
                        return thread;
                      });
            });
    assertThat(outcomes.stream().filter(o -> o.error() != null)).hasSize(4);
    assertThat(storage().users().count()).isEqualTo(4);
    assertThat(storage().users().findByUsername("tx-0")).isEmpty();
    assertThat(storage().users().findByUsername("tx-1")).isPresent();
  }

  @Test
  void concurrentUpsertsOfTheSameConsentAllSucceed() throws Exception {
    User alice = createUser("alice");
    createClient("c1");
    int[] next = {0};
    values(
        race(
            8,
            () -> {
              int thread;
              synchronized (next) {
                thread = next[0]++;
              }
              storage().consents().upsert(Fixtures.consent(alice.id(), "c1", at(thread)));
              return null;
            }));
    assertThat(storage().consents().listForUser(alice.id(), PageRequest.of(1, 10)).totalItems())
        .isEqualTo(1);
  }

  @Test
  void concurrentWritesOfTheSameKeyAllSucceed() throws Exception {
    int[] next = {0};
    values(
        race(
            8,
            () -> {
              int thread;
              synchronized (next) {
                thread = next[0]++;
              }
              storage().keyValues().put("k", "v" + thread);
              storage().appConfig().saveAll(Map.of("appName", "n" + thread));
              return null;
            }));
    assertThat(storage().keyValues().get("k").orElseThrow()).startsWith("v");
    assertThat(storage().appConfig().loadAll()).containsOnlyKeys("appName");
  }

  @Test
  void concurrentReplacementsOfAUsersClaimsAllSucceedAndOneWholeSetWins() throws Exception {
    User alice = createUser("alice");
    int[] next = {0};
    values(
        race(
            8,
            () -> {
              int thread;
              synchronized (next) {
                thread = next[0]++;
              }
              storage()
                  .customClaims()
                  .replaceForUser(
                      alice.id(),
                      List.of(
                          new CustomClaim("a", "t" + thread), new CustomClaim("b", "t" + thread)));
              return null;
            }));
    List<CustomClaim> claims = storage().customClaims().forUser(alice.id());
    assertThat(claims).hasSize(2);
    assertThat(claims.get(1).value()).isEqualTo(claims.get(0).value());
  }

  @Test
  void concurrentReplacementsOfAUsersGroupsAllSucceedAndOneWholeSetWins() throws Exception {
    User alice = createUser("alice");
    List<UserGroup> groups = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      groups.add(createGroup("g" + i));
    }
    int[] next = {0};
    values(
        race(
            8,
            () -> {
              int thread;
              synchronized (next) {
                thread = next[0]++;
              }
              UserGroup a = groups.get(thread);
              UserGroup b = groups.get((thread + 1) % 8);
              storage().groups().setGroupsOfUser(alice.id(), List.of(a.id(), b.id()));
              return null;
            }));
    assertThat(storage().groups().groupsOfUser(alice.id())).hasSize(2);
  }
}
