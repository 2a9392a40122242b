package io.pocketid.server.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.AuthorizationCode;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.client.ClientAssertionVerifier;
import io.pocketid.oidc.client.ClientAuthenticator;
import io.pocketid.oidc.client.ClientSecrets;
import io.pocketid.oidc.client.InMemoryJtiRegistry;
import io.pocketid.oidc.client.JwksCache;
import io.pocketid.oidc.grant.GrantStores;
import io.pocketid.oidc.grant.TokenResponse;
import io.pocketid.oidc.grant.TokenService;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.keys.SigningAlgorithm;
import io.pocketid.oidc.token.TokenFactory;
import io.pocketid.oidc.token.UserClaimsLoader;
import io.pocketid.storage.jdbc.ConnectionStrings;
import io.pocketid.storage.jdbc.JdbcStorage;
import io.pocketid.storage.jdbc.StatementCounter;
import io.pocketid.storage.jdbc.StatementCounter.Counts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements and transactions each token request sends to SQLite (issue 15: a rotation is one
 * read and one short write transaction; no signing inside a write transaction). The counts are
 * printed, and asserted as ceilings so that a change that adds round trips to a hot path fails.
 */
class TokenStatementsTest {
  private static final String SECRET = "w2mUeZISmEvIDMEDvpY0PnxQIpj1m3zY";
  private static final String REDIRECT = "https://rp.example/callback";

  @TempDir Path dir;
  private JdbcStorage storage;
  private TokenService tokens;
  private User alice;

  @BeforeEach
  void setUp() {
    storage = JdbcStorage.open(ConnectionStrings.parse("sqlite", dir.resolve("p.db").toString()));
    OidcSettings settings = OidcSettings.defaults("http://localhost:1411");
    String jwk = KeyRing.generate(SigningAlgorithm.RS256);
    KeyRing ring = KeyRing.of(List.of(jwk), KeyRing.kidOf(jwk));
    Clock clock = Clock.systemUTC();
    ClientAuthenticator authenticator =
        new ClientAuthenticator(
            settings,
            storage.clients()::findById,
            new ClientSecrets(),
            new ClientAssertionVerifier(
                settings,
                storage.clients()::findById,
                new JwksCache(uri -> "{\"keys\":[]}", clock),
                new InMemoryJtiRegistry(),
                ClientAssertionVerifier.ReplayPolicy.REJECT_REUSED_JTI,
                clock),
            storage.clients()::replaceSecretHash);
    tokens =
        new TokenService(
            settings,
            new GrantStores(
                storage,
                storage.users(),
                storage.authorizationCodes(),
                storage.usedCodes(),
                storage.refreshTokens(),
                storage.revokedGrants(),
                storage.deviceCodes(),
                storage.sessions()),
            () -> ring,
            new TokenFactory(settings, () -> ring, clock),
            authenticator,
            new UserClaimsLoader(storage.groups(), storage.customClaims(), settings, () -> true),
            new RandomTokens(),
            clock);
    alice = Fixtures.user("alice").build();
    storage.users().create(alice);
    storage
        .clients()
        .create(
            Fixtures.client("rp")
                .secretHash(ClientSecrets.hash(SECRET))
                .callbackUrls(List.of(REDIRECT))
                .build());
  }

  @AfterEach
  void tearDown() {
    storage.close();
  }

  private static Optional<String> basic(String id, String secret) {
    return Optional.of(
        "Basic "
            + Base64.getEncoder()
                .encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<String, List<String>> form(String... pairs) {
    java.util.LinkedHashMap<String, List<String>> form = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.put(pairs[i], List.of(pairs[i + 1]));
    }
    return form;
  }

  private String newCode() {
    String code = new RandomTokens().urlSafe(32);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    storage
        .authorizationCodes()
        .save(
            new AuthorizationCode(
                java.util.UUID.randomUUID().toString(),
                TokenHasher.hash(code),
                now,
                now.plus(Duration.ofMinutes(1)),
                alice.id(),
                "rp",
                REDIRECT,
                "openid profile email offline_access",
                "n-1",
                null,
                null,
                null,
                now));
    return code;
  }

  private StatementCounter.Counted<TokenResponse> exchange(String... pairs) {
    return StatementCounter.count(
        () -> {
          try {
            return tokens.exchange(form(pairs), basic("rp", SECRET));
          } catch (io.pocketid.oidc.OAuthException e) {
            throw new AssertionError(e.error().description(), e);
          }
        });
  }

  @Test
  @DisplayName("statements per token request on SQLite (printed; ceilings asserted)")
  void statementsPerRequest() {
    // warm: the first request of each kind loads classes, not statements
    exchange("grant_type", "client_credentials");
    StatementCounter.Counted<TokenResponse> code =
        exchange("grant_type", "authorization_code", "code", newCode(), "redirect_uri", REDIRECT);
    StatementCounter.Counted<TokenResponse> refresh =
        exchange("grant_type", "refresh_token", "refresh_token", code.result().refreshToken());
    StatementCounter.Counted<TokenResponse> again =
        exchange("grant_type", "refresh_token", "refresh_token", refresh.result().refreshToken());
    Counts credentials = exchange("grant_type", "client_credentials").counts();
    System.out.println("client_credentials: " + credentials);
    System.out.println("authorization_code: " + code.counts());
    System.out.println("refresh_token:      " + again.counts());
    assertThat(again.result().refreshToken()).isNotBlank();
    // Before issue 15 (same scopes): client_credentials 1 statement; code 8 statements in 1 read
    // and 1 write unit, all 7 of the grant's in the write unit with both signatures; refresh the
    // same. Issue 15: the write units hold only the writes and what decides them, and no signature.
    // Since the stores change: the user's groups and the client's group restriction are one read
    // (code 8 -> 7 statements, 7 -> 6 in the write unit; refresh 8 -> 7).
    assertThat(credentials).isEqualTo(new Counts(1, 1, 0, 0));
    assertThat(code.counts().readTransactions()).isEqualTo(1); // the client
    assertThat(code.counts().writeTransactions()).isEqualTo(1);
    assertThat(code.counts().statementsInWrites()).isLessThanOrEqualTo(6);
    assertThat(code.counts().statements()).isLessThanOrEqualTo(7);
    assertThat(again.counts().writeTransactions()).isEqualTo(1);
    assertThat(again.counts().readTransactions()).isEqualTo(2); // client, then the grant's reads
    assertThat(again.counts().statementsInWrites()).isEqualTo(2); // mark rotated, save new
    assertThat(again.counts().statements()).isLessThanOrEqualTo(7);
  }

  @Test
  @DisplayName("a bcrypt client secret on SQLite is upgraded in place on its first use")
  void bcryptUpgradedOnSqlite() {
    storage
        .clients()
        .create(Fixtures.client("legacy").secretHash(ClientSecrets.bcrypt(SECRET)).build());
    for (int i = 0; i < 2; i++) {
      try {
        tokens.exchange(form("grant_type", "client_credentials"), basic("legacy", SECRET));
      } catch (io.pocketid.oidc.OAuthException e) {
        throw new AssertionError(e);
      }
    }
    assertThat(storage.clients().findById("legacy").orElseThrow().secretHash())
        .isEqualTo(ClientSecrets.hash(SECRET));
  }
}
