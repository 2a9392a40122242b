package io.pocketid.server.internal.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * Fetches an image that an administrator names by URL (an OIDC client's logo) without letting the
 * URL reach anything but public web servers (server-side request forgery).
 *
 * <p>The rules, for the URL and again for every redirect target:
 *
 * <ul>
 *   <li>http or https only, no user name or password, a host; the host is parsed strictly ({@link
 *       HttpUrl}): every IPv4 spelling ({@code 127.1}, {@code 2130706433}, {@code 0x7f.1}, {@code
 *       0177.0.0.1}) is turned into its address here rather than by the platform, {@code localhost}
 *       and names under it are refused without a lookup;
 *   <li>a host name is resolved by the {@link Resolver}; if any of its addresses is not an allowed
 *       target, the URL is refused (all or nothing, so the answer cannot be mixed);
 *   <li>the {@link Connector} is given one of the checked addresses to connect to, so the name is
 *       not resolved again between check and use (DNS rebinding);
 *   <li>at most {@value #MAX_REDIRECTS} redirects (301, 302, 303, 307, 308), each checked like the
 *       first URL;
 *   <li>the final answer must be 200 with a {@code Content-Type} of {@code image/*}; which image
 *       formats are acceptable (SVG or not) is the caller's decision when it decodes the bytes;
 *   <li>at most the size limit: a larger {@code Content-Length} is refused before reading, and the
 *       body is counted while it streams in;
 *   <li>everything, redirects and body included, within the time limit (name resolution is the
 *       platform's and bounded by its own timeouts).
 * </ul>
 *
 * <p>Which addresses are allowed targets is a constructor argument: {@link #standard()} allows only
 * public addresses ({@link AddressClassifier}); there is no setting that loosens it. Tests that
 * need a real download from a loopback server construct a fetcher whose predicate allows exactly
 * that server's address and port.
 */
public final class ImageFetcher {
  /** The time limit of {@link #standard()}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The size limit of {@link #standard()}: 2 MiB. */
  public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024;

  /** The most redirects followed. */
  private static final Duration DEADLINE_TOLERANCE = Duration.ofMillis(50);

  public static final int MAX_REDIRECTS = 3;

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final String URL = "The logo URL";

  private final Resolver resolver;
  private final Connector connector;
  private final Predicate<InetSocketAddress> allowedTarget;
  private final Duration timeout;
  private final long maxBytes;

  /**
   * A fetcher with its own seams and limits.
   *
   * @param resolver looks up host names
   * @param connector makes the HTTP exchanges
   * @param allowedTarget which address and port may be connected to
   * @param timeout the time limit for a whole fetch
   * @param maxBytes the most bytes an image may have
   */
  public ImageFetcher(
      Resolver resolver,
      Connector connector,
      Predicate<InetSocketAddress> allowedTarget,
      Duration timeout,
      long maxBytes) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.connector = Objects.requireNonNull(connector, "connector");
    this.allowedTarget = Objects.requireNonNull(allowedTarget, "allowedTarget");
    if (timeout.isNegative() || timeout.isZero() || maxBytes <= 0) {
      throw new IllegalArgumentException("the limits must be positive");
    }
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  /**
   * The production fetcher: the platform resolver, {@link PinnedConnector}, public addresses only
   * ({@link #publicAddresses()}), {@link #DEFAULT_TIMEOUT} and {@link #DEFAULT_MAX_BYTES}.
   */
  public static ImageFetcher standard() {
    return new ImageFetcher(
        Resolver.system(),
        new PinnedConnector(),
        publicAddresses(),
        DEFAULT_TIMEOUT,
        DEFAULT_MAX_BYTES);
  }

  /** Allows any port of an address that {@link AddressClassifier} does not forbid. */
  public static Predicate<InetSocketAddress> publicAddresses() {
    return target -> !AddressClassifier.isForbidden(target.getAddress());
  }

  /**
   * Fetches the image at {@code url}.
   *
   * @throws FetchException when the URL is refused or the image cannot be fetched; the message says
   *     why
   */
  public FetchedImage fetch(String url) {
    Instant deadline = Instant.now().plus(timeout);
    HttpUrl current = checked(URL, () -> HttpUrl.parse(url));
    for (int redirects = 0; ; redirects++) {
      List<InetAddress> addresses =
          addresses(
              current, redirects == 0 ? URL : URL + " redirects to " + current.uri() + ", which");
      try (Connector.Response response = exchange(current, addresses, deadline)) {
        if (REDIRECTS.contains(response.status())) {
          if (redirects == MAX_REDIRECTS) {
            throw new FetchException(
                "Too many redirects: the logo URL redirects more than " + MAX_REDIRECTS + " times");
          }
          current = redirect(current, response);
          continue;
        }
        if (response.status() != 200) {
          throw new FetchException("The logo could not be fetched: HTTP " + response.status());
        }
        String contentType = imageType(response);
        if (response.contentLength().orElse(0) > maxBytes) {
          throw tooLarge();
        }
        return new FetchedImage(read(response.body()), contentType, current.uri());
      } catch (IOException e) {
        throw failure(e, deadline);
      }
    }
  }

  private HttpUrl redirect(HttpUrl from, Connector.Response response) {
    String location =
        response
            .location()
            .orElseThrow(
                () ->
                    new FetchException(
                        "The logo could not be fetched: HTTP "
                            + response.status()
                            + " without a Location"));
    URI target;
    try {
      target = from.resolve(new URI(location.strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new FetchException("The logo server sent an invalid redirect", e);
    }
    return checked(URL + " redirects to " + target + ", which", () -> HttpUrl.of(target));
  }

  private static HttpUrl checked(String subject, Supplier<HttpUrl> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new FetchException(subject + " " + e.getMessage(), e);
    }
  }

  /** The addresses of the URL's host, every one an allowed target. */
  private List<InetAddress> addresses(HttpUrl url, String subject) {
    String refused = subject + " points to a private or local address (";
    if (url.isLocalhostName()) {
      throw new FetchException(refused + url.host() + ")");
    }
    List<InetAddress> addresses;
    try {
      addresses =
          url.literal().isPresent() ? List.of(url.literal().get()) : resolver.resolve(url.host());
    } catch (UnknownHostException e) {
      throw new FetchException("The logo server's name could not be found (" + url.host() + ")", e);
    }
    if (addresses.isEmpty()) {
      throw new FetchException("The logo server's name could not be found (" + url.host() + ")");
    }
    for (InetAddress address : addresses) {
      if (!allowedTarget.test(new InetSocketAddress(address, url.port()))) {
        String reason = AddressClassifier.forbiddenReason(address).map(r -> ": " + r).orElse("");
        throw new FetchException(refused + address.getHostAddress() + reason + ")");
      }
    }
    return addresses;
  }

  /** One exchange with the first address that accepts a connection. */
  private Connector.Response exchange(HttpUrl url, List<InetAddress> addresses, Instant deadline)
      throws IOException {
    ConnectException refused = null;
    for (InetAddress address : addresses) {
      try {
        return connector.get(
            new Connector.Request(
                url.scheme().equals("https"),
                url.host(),
                url.hostHeader(),
                url.requestTarget(),
                address,
                url.port(),
                deadline));
      } catch (ConnectException e) {
        refused = e;
      }
    }
    throw Objects.requireNonNull(refused);
  }

  private static String imageType(Connector.Response response) {
    String contentType = response.contentType().orElse("");
    if (!contentType.strip().toLowerCase(Locale.ROOT).startsWith("image/")) {
      throw new FetchException(
          "The logo URL did not return an image (Content-Type: "
              + (contentType.isBlank() ? "none" : contentType)
              + ")");
    }
    return contentType.strip();
  }

  /** The body, counted as it streams in. */
  private byte[] read(InputStream body) throws IOException {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
      if (data.size() + (long) n > maxBytes) {
        throw tooLarge();
      }
      data.write(buffer, 0, n);
    }
    return data.toByteArray();
  }

  private FetchException tooLarge() {
    return new FetchException("The logo is larger than " + bytes(maxBytes));
  }

  private FetchException failure(IOException e, Instant deadline) {
    // The connector closes the socket at the deadline; the two clocks (the timer's and the wall
    // clock) may disagree by a little, so a failure that close to the deadline is the time limit.
    if (e instanceof SocketTimeoutException
        || !Instant.now().plus(DEADLINE_TOLERANCE).isBefore(deadline)) {
      return new FetchException("The logo server did not answer within " + duration(timeout), e);
    }
    if (e instanceof ConnectException) {
      return new FetchException(
          "The logo could not be fetched: the server refused the connection", e);
    }
    if (e instanceof SSLException) {
      return new FetchException(
          "The logo could not be fetched: the secure connection failed (" + e.getMessage() + ")",
          e);
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new FetchException("The logo could not be fetched: " + detail, e);
  }

  private static String duration(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + " milliseconds";
    }
    long seconds = d.toSeconds();
    return seconds == 1 ? "1 second" : seconds + " seconds";
  }

  private static String bytes(long n) {
    if (n % (1024 * 1024) == 0) {
      return n / (1024 * 1024) + " MiB";
    }
    return n % 1024 == 0 ? n / 1024 + " KiB" : n + " bytes";
  }
}
