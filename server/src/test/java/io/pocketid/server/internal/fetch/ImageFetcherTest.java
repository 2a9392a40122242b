package io.pocketid.server.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.net.IpRange;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fetcher's rules through the seams: a map resolver and a {@link RecordingConnector}, so
 * nothing here opens a connection or asks DNS.
 */
class ImageFetcherTest {
  private final List<String> lookups = new ArrayList<>();

  /** Answers from {@code names}; any other name is unknown. Never asks DNS. */
  private Resolver resolver(Map<String, List<String>> names) {
    return host -> {
      lookups.add(host);
      List<String> addresses = names.get(host);
      if (addresses == null) {
        throw new UnknownHostException(host);
      }
      return addresses.stream().map(IpRange::literal).toList();
    };
  }

  /**
   * The platform resolver, for hosts that the fetcher should parse itself or refuse by name; fails
   * the test for any other host instead of letting it reach DNS.
   */
  private Resolver guardedSystemResolver() {
    Resolver system = Resolver.system();
    return host -> {
      lookups.add(host);
      if (!host.matches("[0-9a-fx.:]+")) {
        throw new AssertionError("would ask DNS for " + host);
      }
      return system.resolve(host);
    };
  }

  private static ImageFetcher fetcher(Resolver resolver, Connector connector) {
    return new ImageFetcher(
        resolver,
        connector,
        ImageFetcher.publicAddresses(),
        Duration.ofSeconds(5),
        ImageFetcher.DEFAULT_MAX_BYTES);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.com/logo.png",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:image/png;base64,iVBORw0KGgo=",
        "gopher://example.com/",
        "//example.com/logo.png",
        "logo.png"
      })
  void onlyHttpAndHttpsAreFetched(String url) {
    RecordingConnector connector = RecordingConnector.image();

    assertThatThrownBy(() -> fetcher(resolver(Map.of()), connector).fetch(url))
        .isInstanceOf(FetchException.class)
        .hasMessage("The logo URL must use http or https");
    assertThat(connector.requests).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://user:pass@example.com/ | must not contain a user name or password",
        "http://user@example.com/ | must not contain a user name or password",
        "http:///logo.png | must name a host",
        "http:logo.png | must name a host",
        "http://example.com:0/ | has an invalid port",
        "http://example.com:65536/ | has an invalid port",
        "http://exa_mple.com/ | has an invalid host name",
        "http://1.2.3.4.5/ | has an invalid IPv4 address",
        "http://256.0.0.1/ | has an invalid IPv4 address",
        "http://08.0.0.1/ | has an invalid IPv4 address",
        "http://[fe80::1%25eth0]/ | has an invalid IPv6 address",
        "http://[127.0.0.1]/ | is not a valid URL",
        "http://exa mple.com/ | is not a valid URL",
        "http://example.com\\@10.0.0.1/ | is not a valid URL"
      })
  void malformedUrlsAreRefused(String url, String problem) {
    RecordingConnector connector = RecordingConnector.image();

    assertThatThrownBy(() -> fetcher(resolver(Map.of()), connector).fetch(url))
        .isInstanceOf(FetchException.class)
        .hasMessageStartingWith("The logo URL " + problem);
    assertThat(connector.requests).isEmpty();
    assertThat(lookups).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "http://127.1/, 127.0.0.1",
    "http://2130706433/, 127.0.0.1",
    "http://0x7f.1/, 127.0.0.1",
    "http://0x7F000001/, 127.0.0.1",
    "http://0177.0.0.1/, 127.0.0.1",
    "http://127.0.0.1./, 127.0.0.1",
    "http://[::1]/, 0:0:0:0:0:0:0:1",
    "http://[::ffff:127.0.0.1]/, 127.0.0.1",
    "http://[::ffff:7f00:1]/, 127.0.0.1",
    "http://[0:0:0:0:0:0:0:1]:8080/, 0:0:0:0:0:0:0:1",
    "http://0.0.0.0/, 0.0.0.0",
    "http://0/, 0.0.0.0",
    "https://169.254.169.254/latest/meta-data/, 169.254.169.254",
    "http://0xa9fea9fe/, 169.254.169.254",
    "http://10.1/, 10.0.0.1",
    "http://[64:ff9b::a00:1]/, 64:ff9b:0:0:0:0:a00:1",
    "HTTP://LOCALHOST/, localhost",
    "http://localhost/, localhost",
    "http://localhost./, localhost",
    "http://www.localhost/, www.localhost"
  })
  void loopbackAndPrivateSpellingsAreRefusedWithoutAConnection(String url, String shown) {
    RecordingConnector connector = RecordingConnector.image();

    assertThatThrownBy(() -> fetcher(guardedSystemResolver(), connector).fetch(url))
        .isInstanceOf(FetchException.class)
        .hasMessageStartingWith("The logo URL points to a private or local address (" + shown);
    assertThat(connector.requests).isEmpty();
    assertThat(lookups).as("IP literals and localhost are never looked up").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "10.0.0.1",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fd00::1",
        "fe80::1",
        "::ffff:10.0.0.1",
        "64:ff9b::a00:1",
        "2002:a00:1::"
      })
  void aNameResolvingToAForbiddenAddressIsRefused(String address) {
    RecordingConnector connector = RecordingConnector.image();
    ImageFetcher fetcher = fetcher(resolver(Map.of("logo.example", List.of(address))), connector);

    assertThatThrownBy(() -> fetcher.fetch("https://logo.example/logo.png"))
        .isInstanceOf(FetchException.class)
        .hasMessageStartingWith("The logo URL points to a private or local address (");
    assertThat(connector.requests).isEmpty();
  }

  @Test
  void oneForbiddenAddressAmongPublicOnesRefusesTheName() {
    RecordingConnector connector = RecordingConnector.image();
    ImageFetcher fetcher =
        fetcher(resolver(Map.of("logo.example", List.of("93.184.216.34", "10.0.0.1"))), connector);

    assertThatThrownBy(() -> fetcher.fetch("https://logo.example/logo.png"))
        .hasMessage(
            "The logo URL points to a private or local address (10.0.0.1: private network)");
    assertThat(connector.requests).isEmpty();
  }

  @Test
  void aPublicNameIsFetchedFromExactlyTheCheckedAddressWithItsHostHeader() {
    RecordingConnector connector = RecordingConnector.image();
    ImageFetcher fetcher =
        fetcher(resolver(Map.of("logo.example", List.of("93.184.216.34"))), connector);

    FetchedImage image = fetcher.fetch("https://Logo.Example./img/a.png?size=64#top");

    assertThat(connector.requests).hasSize(1);
    Connector.Request request = connector.requests.get(0);
    assertThat(request.address()).isEqualTo(IpRange.literal("93.184.216.34"));
    assertThat(request.port()).isEqualTo(443);
    assertThat(request.https()).isTrue();
    assertThat(request.host()).isEqualTo("logo.example");
    assertThat(request.hostHeader()).isEqualTo("logo.example");
    assertThat(request.requestTarget()).isEqualTo("/img/a.png?size=64");
    assertThat(image.contentType()).isEqualTo("image/png");
    assertThat(image.data()).startsWith((byte) 0x89, (byte) 'P');
    assertThat(image.finalUrl())
        .isEqualTo(URI.create("https://Logo.Example./img/a.png?size=64#top"));
  }

  @Test
  void aNonDefaultPortIsInTheHostHeaderAndAnEmptyPathAsksForSlash() {
    RecordingConnector connector = RecordingConnector.image();
    ImageFetcher fetcher =
        fetcher(resolver(Map.of("logo.example", List.of("2606:2800:220:1::"))), connector);

    fetcher.fetch("http://logo.example:8080");

    Connector.Request request = connector.requests.get(0);
    assertThat(request.address()).isEqualTo(IpRange.literal("2606:2800:220:1::"));
    assertThat(request.port()).isEqualTo(8080);
    assertThat(request.https()).isFalse();
    assertThat(request.hostHeader()).isEqualTo("logo.example:8080");
    assertThat(request.requestTarget()).isEqualTo("/");
  }

  @Test
  void aPublicNumericHostIsNormalisedAndNotLookedUp() {
    RecordingConnector connector = RecordingConnector.image();

    fetcher(guardedSystemResolver(), connector).fetch("http://0x5db8d822/logo.png");

    assertThat(connector.addresses()).containsExactly(IpRange.literal("93.184.216.34"));
    assertThat(connector.requests.get(0).hostHeader()).isEqualTo("93.184.216.34");
    assertThat(lookups).isEmpty();
  }

  @Test
  void aRedirectToAPrivateAddressIsRefusedBeforeConnecting() {
    RecordingConnector connector =
        new RecordingConnector(request -> RecordingConnector.redirect(302, "http://10.0.0.1/x"));
    ImageFetcher fetcher =
        fetcher(resolver(Map.of("logo.example", List.of("93.184.216.34"))), connector);

    assertThatThrownBy(() -> fetcher.fetch("https://logo.example/logo.png"))
        .isInstanceOf(FetchException.class)
        .hasMessage(
            "The logo URL redirects to http://10.0.0.1/x, which points to a private or local"
                + " address (10.0.0.1: private network)");
    assertThat(connector.requests).hasSize(1);
  }

  @Test
  void aRedirectToANameResolvingToMetadataIsRefused() {
    RecordingConnector connector =
        new RecordingConnector(request -> RecordingConnector.redirect(301, "//metadata.example/"));
    ImageFetcher fetcher =
        fetcher(
            resolver(
                Map.of(
                    "logo.example", List.of("93.184.216.34"),
                    "metadata.example", List.of("169.254.169.254"))),
            connector);

    assertThatThrownBy(() -> fetcher.fetch("https://logo.example/logo.png"))
        .hasMessageContaining("169.254.169.254");
    assertThat(connector.requests).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "ftp://logo.example/a.png", "javascript:alert(1)"})
  void aRedirectToAnotherSchemeIsRefused(String location) {
    RecordingConnector connector =
        new RecordingConnector(request -> RecordingConnector.redirect(307, location));
    ImageFetcher fetcher =
        fetcher(resolver(Map.of("logo.example", List.of("93.184.216.34"))), connector);

    assertThatThrownBy(() -> fetcher.fetch("https://logo.example/logo.png"))
        .hasMessageEndingWith("which must use http or https");
    assertThat(connector.requests).hasSize(1);
  }

  @Test
  void relativeRedirectsAreFollowedUpToThreeTimes() {
    RecordingConnector connector =
        new RecordingConnector(
            request ->
                switch (request.requestTarget()) {
                  case "/a" -> RecordingConnector.redirect(301, "/b");
                  case "/b" -> RecordingConnector.redirect(303, "c?x=1");
                  case "/c?x=1" -> RecordingConnector.redirect(308, "https://cdn.example/d.png");
                  default -> RecordingConnector.ok("image/svg+xml", new byte[] {'<'});
                });
    ImageFetcher fetcher =
        fetcher(
            resolver(
                Map.of(
                    "logo.example", List.of("93.184.216.34"),
                    "cdn.example", List.of("93.184.216.35"))),
            connector);

    FetchedImage image = fetcher.fetch("http://logo.example/a");

    assertThat(connector.requests)
        .extracting(Connector.Request::requestTarget)
        .containsExactly("/a", "/b", "/c?x=1", "/d.png");
    assertThat(connector.requests.get(3).hostHeader()).isEqualTo("cdn.example");
    assertThat(connector.requests.get(3).https()).isTrue();
    assertThat(image.finalUrl()).isEqualTo(URI.create("https://cdn.example/d.png"));
    assertThat(image.contentType()).isEqualTo("image/svg+xml");
  }

  @Test
  void aRedirectLoopStopsAfterThreeRedirects() {
    RecordingConnector connector =
        new RecordingConnector(request -> RecordingConnector.redirect(302, "/loop"));
    ImageFetcher fetcher =
        fetcher(resolver(Map.of("logo.example", List.of("93.184.216.34"))), connector);

    assertThatThrownBy(() -> fetcher.fetch("http://logo.example/loop"))
        .hasMessageStartingWith("Too many redirects");
    assertThat(connector.requests).hasSize(1 + ImageFetcher.MAX_REDIRECTS);
  }

  @Test
  void anUnknownNameIsReported() {
    RecordingConnector connector = RecordingConnector.image();

    assertThatThrownBy(
            () -> fetcher(resolver(Map.of()), connector).fetch("https://nowhere.example/"))
        .hasMessage("The logo server's name could not be found (nowhere.example)");
    assertThat(connector.requests).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"404", "500", "204", "304"})
  void anythingButOkIsReportedWithItsStatus(int status) {
    RecordingConnector connector =
        new RecordingConnector(
            request ->
                new Connector.Response(
                    status,
                    Optional.empty(),
                    Optional.of("image/png"),
                    OptionalLong.empty(),
                    InputStream.nullInputStream()));
    ImageFetcher fetcher =
        fetcher(resolver(Map.of("logo.example", List.of("93.184.216.34"))), connector);

    assertThatThrownBy(() -> fetcher.fetch("http://logo.example/"))
        .hasMessage("The logo could not be fetched: HTTP " + status);
  }

  @Test
  void aRedirectWithoutLocationIsReported() {
    RecordingConnector connector =
        new RecordingConnector(
            request ->
                new Connector.Response(
                    302,
                    Optional.empty(),
                    Optional.empty(),
                    OptionalLong.empty(),
                    InputStream.nullInputStream()));
    ImageFetcher fetcher =
        fetcher(resolver(Map.of("logo.example", List.of("93.184.216.34"))), connector);

    assertThatThrownBy(() -> fetcher.fetch("http://logo.example/"))
        .hasMessage("The logo could not be fetched: HTTP 302 without a Location");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"text/html; charset=utf-8 | text/html; charset=utf-8", "'' | none"})
  void onlyImagesAreAccepted(String contentType, String shown) {
    RecordingConnector connector =
        new RecordingConnector(request -> RecordingConnector.ok(contentType, new byte[] {1}));
    ImageFetcher fetcher =
        fetcher(resolver(Map.of("logo.example", List.of("93.184.216.34"))), connector);

    assertThatThrownBy(() -> fetcher.fetch("http://logo.example/"))
        .hasMessage("The logo URL did not return an image (Content-Type: " + shown + ")");
  }

  @Test
  void aDeclaredLengthAboveTheLimitIsRefusedBeforeReading() {
    InputStream unread =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("the body was read");
          }
        };
    RecordingConnector connector =
        new RecordingConnector(
            request ->
                new Connector.Response(
                    200,
                    Optional.empty(),
                    Optional.of("image/png"),
                    OptionalLong.of(ImageFetcher.DEFAULT_MAX_BYTES + 1),
                    unread));
    ImageFetcher fetcher =
        fetcher(resolver(Map.of("logo.example", List.of("93.184.216.34"))), connector);

    assertThatThrownBy(() -> fetcher.fetch("http://logo.example/"))
        .hasMessage("The logo is larger than 2 MiB");
  }

  @Test
  void anUndeclaredBodyIsCountedAsItStreams() {
    byte[] large = new byte[1025];
    Arrays.fill(large, (byte) 7);
    Connector connector =
        request ->
            new Connector.Response(
                200,
                Optional.empty(),
                Optional.of("image/png"),
                OptionalLong.empty(),
                new ByteArrayInputStream(large));
    ImageFetcher small =
        new ImageFetcher(
            resolver(Map.of("logo.example", List.of("93.184.216.34"))),
            connector,
            ImageFetcher.publicAddresses(),
            Duration.ofSeconds(5),
            1024);

    assertThatThrownBy(() -> small.fetch("http://logo.example/"))
        .hasMessage("The logo is larger than 1 KiB");
  }

  @Test
  void theStandardFetcherRefusesLoopbackWithoutConnecting() {
    assertThatThrownBy(() -> ImageFetcher.standard().fetch("http://127.0.0.1:9/logo.png"))
        .hasMessage("The logo URL points to a private or local address (127.0.0.1: loopback)");
  }

  @Test
  void theStandardPredicateIgnoresThePortButNotTheAddress() throws Exception {
    InetAddress loopback = IpRange.literal("127.0.0.1");

    assertThat(ImageFetcher.publicAddresses().test(new java.net.InetSocketAddress(loopback, 443)))
        .isFalse();
    assertThat(
            ImageFetcher.publicAddresses()
                .test(new java.net.InetSocketAddress(IpRange.literal("93.184.216.34"), 1)))
        .isTrue();
  }
}
