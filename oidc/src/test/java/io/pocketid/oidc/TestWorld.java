package io.pocketid.oidc;

import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.User;
import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.core.testing.TestClock;
import io.pocketid.oidc.client.ClientAssertionVerifier;
import io.pocketid.oidc.client.ClientAuthenticator;
import io.pocketid.oidc.client.ClientSecrets;
import io.pocketid.oidc.client.InMemoryJtiRegistry;
import io.pocketid.oidc.client.JwksCache;
import io.pocketid.oidc.client.JwksFetcher;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.keys.SigningAlgorithm;
import io.pocketid.oidc.token.TokenFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fresh provider per test: in-memory storage, a movable clock, one ES256 key. */
public final class TestWorld {
  public static final String ISSUER = "https://id.example.com";
  public static final String SECRET = "w2mUeZISmEvIDMEDvpY0PnxQIpj1m3zY";
  private static final String JWK = KeyRing.generate(SigningAlgorithm.ES256);
  private static final String SECRET_HASH = ClientSecrets.hash(SECRET);

  public final TestClock clock = new TestClock(Instant.parse("2026-11-26T10:00:00Z"));
  public final InMemoryStorage storage = new InMemoryStorage();
  public final OidcSettings settings = OidcSettings.defaults(ISSUER);
  public final KeyRing ring = KeyRing.of(List.of(JWK), KeyRing.kidOf(JWK));
  public final TokenFactory tokens = new TokenFactory(settings, () -> ring, clock);
  public final ClientSecrets secrets = new ClientSecrets();
  public JwksFetcher jwksFetcher = uri -> "{\"keys\":[]}";

  public ClientAuthenticator authenticator(ClientAssertionVerifier.ReplayPolicy policy) {
    JwksCache cache = new JwksCache(uri -> jwksFetcher.fetch(uri), clock);
    return new ClientAuthenticator(
        settings,
        storage.clients()::findById,
        secrets,
        new ClientAssertionVerifier(
            settings, storage.clients()::findById, cache, new InMemoryJtiRegistry(), policy, clock),
        storage.clients()::replaceSecretHash);
  }

  public ClientAuthenticator authenticator() {
    return authenticator(ClientAssertionVerifier.ReplayPolicy.REJECT_REUSED_JTI);
  }

  /** A confidential client whose secret is {@link #SECRET}. */
  public OidcClient confidential(String id) {
    OidcClient client = Fixtures.client(id).secretHash(SECRET_HASH).build();
    storage.clients().create(client);
    return client;
  }

  public OidcClient publicClient(String id) {
    OidcClient client =
        Fixtures.client(id).secretHash(null).publicClient(true).pkceEnabled(true).build();
    storage.clients().create(client);
    return client;
  }

  public OidcClient save(OidcClient client) {
    storage.clients().create(client);
    return client;
  }

  public User user(String name) {
    User user = Fixtures.user(name).build();
    storage.users().create(user);
    return user;
  }

  /** Form parameters from name/value pairs. */
  public static Map<String, List<String>> form(String... pairs) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
    }
    return out;
  }

  public static Map<String, List<String>> form(List<String> pairs) {
    return form(pairs.toArray(String[]::new));
  }

  /** An {@code Authorization: Basic} header value for a client id and secret. */
  public static Optional<String> basic(String id, String secret) {
    return Optional.of(
        "Basic "
            + Base64.getEncoder()
                .encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8)));
  }

  public static List<String> pairs(String... pairs) {
    return Arrays.asList(pairs);
  }
}
