package io.pocketid.server.internal.oidc;

import io.pocketid.core.auth.SessionService;
import io.pocketid.core.model.ApiKey;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.Storage;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.oidc.client.ClientSecrets;
import io.pocketid.server.PocketIdServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real server on port 0 over an in-memory storage seeded with an admin (and an API key), a
 * regular user and a confidential client; plus a small HTTP client that sends cookies by hand.
 */
final class OidcTestServer implements AutoCloseable {
  static final String APP_URL = "http://localhost:1411";
  static final String CLIENT_ID = "test-client";
  static final String CLIENT_SECRET = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-abcd";
  static final String REDIRECT = "https://rp.example/callback";

  final InMemoryStorage storage = new InMemoryStorage();
  final PocketIdServer server;
  final User admin;
  final User alice;
  final String adminApiKey;
  final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  final String base;

  OidcTestServer(Path dir) {
    this(dir, storage -> {});
  }

  /** With {@code before} applied to the seeded storage before the server starts. */
  OidcTestServer(Path dir, java.util.function.Consumer<InMemoryStorage> before) {
    this(dir, before, builder -> builder);
  }

  /** As above, with {@code customize} applied to the server's builder. */
  OidcTestServer(
      Path dir,
      java.util.function.Consumer<InMemoryStorage> before,
      java.util.function.UnaryOperator<PocketIdServer.Builder> customize) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    admin =
        new User(
            UUID.randomUUID().toString(),
            now,
            "ada",
            "ada@example.com",
            "Ada",
            "Lovelace",
            "Ada Lovelace",
            true,
            null,
            null,
            false);
    alice =
        new User(
            UUID.randomUUID().toString(),
            now,
            "alice",
            "alice@example.com",
            "Alice",
            "Liddell",
            "Alice Liddell",
            false,
            null,
            null,
            false);
    storage.users().create(admin);
    storage.users().create(alice);
    adminApiKey = "test-admin-api-key-0123456789";
    storage
        .apiKeys()
        .save(
            new ApiKey(
                UUID.randomUUID().toString(),
                "tests",
                TokenHasher.hash(adminApiKey),
                null,
                now,
                now.plus(Duration.ofDays(1)),
                null,
                admin.id(),
                false));
    storage.clients().create(client(CLIENT_ID, List.of(REDIRECT), false));
    before.accept(storage);
    server =
        customize
            .apply(
                PocketIdServer.builder()
                    .port(0)
                    .host("127.0.0.1")
                    .appUrl(APP_URL)
                    .dataDirectory(dir)
                    .storage(storage))
            .build();
    server.start();
    server.ready().join();
    base = "http://127.0.0.1:" + server.port();
  }

  static OidcClient client(String id, List<String> callbacks, boolean isPublic) {
    return new OidcClient(
        id,
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        "Test App " + id,
        isPublic ? null : ClientSecrets.hash(CLIENT_SECRET),
        callbacks,
        List.of("https://rp.example/logged-out"),
        null,
        null,
        null,
        null,
        isPublic,
        isPublic,
        false,
        null,
        List.of());
  }

  Storage storage() {
    return storage;
  }

  /** A browser session cookie header for a user, as if they had signed in with a passkey now. */
  String sessionCookie(User user) {
    return sessionCookie(user, Duration.ZERO);
  }

  /** A session cookie for a user who signed in {@code ago}. */
  String sessionCookie(User user, Duration ago) {
    SessionService sessions =
        new SessionService(
            storage,
            Clock.offset(Clock.systemUTC(), ago.negated()),
            new RandomTokens(),
            () -> Duration.ofHours(2));
    return "access_token=" + sessions.start(user.id(), "passkey", null, null).cookieValue();
  }

  HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    return send(b, headers);
  }

  HttpResponse<String> postForm(String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(b, headers);
  }

  HttpResponse<String> json(String method, String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return send(b, headers);
  }

  HttpResponse<String> send(HttpRequest.Builder b, String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(
          b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String form(String... pairs) {
    return io.pocketid.server.Forms.encode(pairs);
  }

  static String basic(String id, String secret) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** The value of a hidden input in a page. */
  static String hidden(String html, String name) {
    Matcher m =
        Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no hidden field " + name + " in " + html);
    }
    return unescape(m.group(1));
  }

  static String unescape(String html) {
    return html.replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#43;", "+")
        .replace("&amp;", "&");
  }

  /** The csrf cookie a page response set. */
  static String csrfCookie(HttpResponse<String> response) {
    for (String cookie : response.headers().allValues("set-cookie")) {
      if (cookie.startsWith("csrf_token=")) {
        return cookie.substring(0, cookie.indexOf(';'));
      }
    }
    throw new AssertionError("no csrf cookie");
  }

  static Map<String, String> query(String location) {
    String q = URI.create(location).getRawQuery();
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public void close() {
    server.stop();
  }
}
