package io.pocketid.server.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pocketid.core.image.ImageDecoder;
import io.pocketid.core.image.ImageLimits;
import io.pocketid.core.image.PngEncoder;
import io.pocketid.core.image.Raster;
import io.pocketid.server.internal.fetch.ImageFetcher;
import io.pocketid.server.internal.fetch.Logos;
import io.pocketid.server.internal.fetch.PinnedConnector;
import io.pocketid.server.internal.fetch.Resolver;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profile pictures, application images and client logos over HTTP, with real image bytes. */
class ImageApiHttpTest {
  private static final int RED = 0xFFD0_2020;
  private static final int BLUE = 0xFF20_40D0;

  @TempDir Path dir;
  private OidcTestServer op;
  private String[] admin;
  private String[] alice;
  private HttpServer logoServer;

  @BeforeEach
  void start() {
    op = new OidcTestServer(dir);
    admin = new String[] {"X-API-KEY", op.adminApiKey};
    alice = new String[] {"Cookie", op.sessionCookie(op.alice)};
  }

  @AfterEach
  void stop() {
    op.close();
    if (logoServer != null) {
      logoServer.stop(0);
    }
  }

  @Test
  void aUserWithoutAPictureGetsTheirInitialsAndAnUploadReplacesThemWithItsPixelsOnly() {
    String path = "/api/users/" + op.alice.id() + "/profile-picture.png";
    HttpResponse<byte[]> initials = bytes(path);
    assertThat(initials.statusCode()).isEqualTo(200);
    assertThat(initials.headers().firstValue("content-type")).hasValue("image/png");
    assertThat(decode(initials.body()).width()).isEqualTo(300);
    String etag = initials.headers().firstValue("etag").orElseThrow();
    assertThat(bytes(path, "If-None-Match", etag).statusCode()).isEqualTo(304);

    byte[] upload = withTextChunk(PngEncoder.encode(solid(640, 480, RED)), "SECRET-MARKER");
    HttpResponse<String> saved = upload("PUT", "/api/users/me/profile-picture", upload, alice);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(204);

    HttpResponse<byte[]> picture = bytes(path);
    Raster raster = decode(picture.body());
    assertThat(raster.width()).isEqualTo(300);
    assertThat(raster.height()).isEqualTo(300);
    assertThat(raster.pixel(150, 150)).isEqualTo(RED);
    assertThat(new String(picture.body(), StandardCharsets.ISO_8859_1)).doesNotContain("SECRET");
    assertThat(picture.headers().firstValue("etag")).isNotEqualTo(java.util.Optional.of(etag));

    assertThat(op.json("DELETE", "/api/users/me/profile-picture", null, alice).statusCode())
        .isEqualTo(204);
    assertThat(bytes(path).body()).isEqualTo(initials.body());
    assertThat(bytes("/api/users/nobody/profile-picture.png").statusCode()).isEqualTo(404);
  }

  @Test
  void onlyAnAdminSetsAnotherUsersPictureAndBadFilesAreRefusedWithNothingChanged() {
    String picturePath = "/api/users/" + op.alice.id() + "/profile-picture.png";
    byte[] before = bytes(picturePath).body();
    String put = "/api/users/" + op.alice.id() + "/profile-picture";
    byte[] png = PngEncoder.encode(solid(50, 50, BLUE));
    assertThat(upload("PUT", put, png).statusCode()).isEqualTo(401);
    assertThat(
            upload("PUT", "/api/users/" + op.admin.id() + "/profile-picture", png, alice)
                .statusCode())
        .isEqualTo(403);

    HttpResponse<String> text =
        upload("PUT", put, "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8), admin);
    assertThat(text.statusCode()).isEqualTo(400);
    assertThat(text.body()).contains("The file is not a PNG, JPEG or GIF image");
    HttpResponse<String> notMultipart = op.json("PUT", put, "{\"file\":\"x\"}", admin);
    assertThat(notMultipart.statusCode()).isEqualTo(400);
    assertThat(notMultipart.body()).contains("Content-Type must be multipart/form-data");
    HttpResponse<String> tooLarge = upload("PUT", put, new byte[3 * 1024 * 1024], admin);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(bytes(picturePath).body()).isEqualTo(before);

    assertThat(upload("PUT", put, png, admin).statusCode()).isEqualTo(204);
    assertThat(decode(bytes(picturePath).body()).pixel(10, 10)).isEqualTo(BLUE);
    assertThat(op.json("DELETE", put, null, alice).statusCode()).isEqualTo(403);
    assertThat(op.json("DELETE", put, null, admin).statusCode()).isEqualTo(204);
  }

  @Test
  void anUploadWithASessionCookieButNoSameOriginFetchIsRefused() {
    byte[] png = PngEncoder.encode(solid(20, 20, RED));
    String boundary = "b0undary";
    byte[] body =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n"
                + new String(png, StandardCharsets.ISO_8859_1)
                + "\r\n--"
                + boundary
                + "--\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    for (String site : new String[] {null, "cross-site", "same-site"}) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(op.base + "/api/users/me/profile-picture"))
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
      if (site != null) {
        request.header("Sec-Fetch-Site", site);
      }
      HttpResponse<String> refused = op.send(request, alice);
      assertThat(refused.statusCode()).as(String.valueOf(site)).isEqualTo(403);
      assertThat(refused.body()).contains("Cross-site request refused");
    }
    assertThat(
            decode(bytes("/api/users/" + op.alice.id() + "/profile-picture.png").body())
                .pixel(150, 150))
        .isNotEqualTo(RED);
  }

  @Test
  void applicationImagesAreServedWithVersionsInThePagesAndTheDefaultPictureIsAdminOnly() {
    HttpResponse<byte[]> builtIn = bytes("/api/application-images/logo?light=true");
    assertThat(builtIn.headers().firstValue("content-type")).hasValue("image/svg+xml");
    String page = op.get("/login").body();
    assertThat(page).contains("/api/application-images/logo?light=true&amp;v=");

    byte[] png = PngEncoder.encode(solid(200, 100, RED));
    assertThat(upload("PUT", "/api/application-images/logo?light=true", png, alice).statusCode())
        .isEqualTo(403);
    assertThat(upload("PUT", "/api/application-images/logo?light=true", png, admin).statusCode())
        .isEqualTo(204);
    HttpResponse<byte[]> logo = bytes("/api/application-images/logo?light=true");
    assertThat(logo.headers().firstValue("content-type")).hasValue("image/png");
    String version = logo.headers().firstValue("etag").orElseThrow().replace("\"", "");
    assertThat(op.get("/login").body()).contains("logo?light=true&amp;v=" + version);
    assertThat(
            bytes("/api/application-images/logo?light=true&v=" + version)
                .headers()
                .firstValue("cache-control"))
        .hasValue("public, max-age=31536000, immutable");
    // The dark logo falls back to the light one.
    assertThat(bytes("/api/application-images/logo?light=false").body()).isEqualTo(logo.body());

    String defaults = "/api/application-images/default-profile-picture";
    assertThat(op.json("GET", defaults, null, alice).statusCode()).isEqualTo(403);
    assertThat(op.json("GET", defaults, null, admin).statusCode()).isEqualTo(404);
    assertThat(upload("PUT", defaults, PngEncoder.encode(solid(20, 20, BLUE)), admin).statusCode())
        .isEqualTo(204);
    Raster fallback = decode(bytes("/api/users/" + op.alice.id() + "/profile-picture.png").body());
    assertThat(fallback.pixel(150, 150)).isEqualTo(BLUE);
    assertThat(op.json("DELETE", defaults, null, admin).statusCode()).isEqualTo(204);
    assertThat(op.json("DELETE", defaults, null, admin).statusCode()).isEqualTo(404);

    assertThat(op.get("/login").body()).doesNotContain("background: url(");
    assertThat(upload("PUT", "/api/application-images/background", png, admin).statusCode())
        .isEqualTo(204);
    assertThat(op.get("/login").body())
        .containsPattern(
            "background: url\\(/api/application-images/background\\?v=[0-9a-f]{12}\\)");
    assertThat(bytes("/api/application-images/background").headers().firstValue("content-type"))
        .hasValue("image/png");

    assertThat(upload("PUT", "/api/application-images/favicon", png, admin).statusCode())
        .isEqualTo(204);
    HttpResponse<byte[]> favicon = bytes("/favicon.ico");
    assertThat(favicon.headers().firstValue("content-type")).hasValue("image/png");
    assertThat(upload("PUT", "/api/application-images/nothing", png, admin).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aClientLogoIsUploadedServedWithADarkFallbackAndRemovedOnlyByAnAdmin() {
    String logo = "/api/oidc/clients/" + OidcTestServer.CLIENT_ID + "/logo";
    assertThat(bytes(logo + "?light=true").statusCode()).isEqualTo(404);
    byte[] png = PngEncoder.encode(solid(1000, 600, RED));
    assertThat(upload("POST", logo + "?light=true", png, alice).statusCode()).isEqualTo(403);
    assertThat(upload("POST", logo + "?light=true", png, admin).statusCode()).isEqualTo(204);

    HttpResponse<String> meta = op.get("/api/oidc/clients/" + OidcTestServer.CLIENT_ID + "/meta");
    assertThat(meta.body()).contains("\"hasLogo\":true", "\"hasDarkLogo\":false");
    Raster stored = decode(bytes(logo + "?light=true").body());
    assertThat(stored.width()).isEqualTo(512);
    assertThat(stored.height()).isEqualTo(307);
    assertThat(bytes(logo + "?light=false").body()).isEqualTo(bytes(logo + "?light=true").body());

    assertThat(op.json("DELETE", logo + "?light=true", null).statusCode()).isEqualTo(401);
    assertThat(op.json("DELETE", logo + "?light=true", null, admin).statusCode()).isEqualTo(204);
    assertThat(bytes(logo + "?light=true").statusCode()).isEqualTo(404);
    assertThat(op.get("/api/oidc/clients/" + OidcTestServer.CLIENT_ID + "/meta").body())
        .contains("\"hasLogo\":false");
  }

  @Test
  void aLogoUrlOnALoopbackServerIsRefusedWithoutARequestReachingIt() throws Exception {
    AtomicInteger requests = startLogoServer(PngEncoder.encode(solid(10, 10, RED)));
    int port = logoServer.getAddress().getPort();
    String logo = "/api/oidc/clients/" + OidcTestServer.CLIENT_ID + "/logo?light=true";
    for (String url :
        new String[] {
          "http://127.0.0.1:" + port + "/logo.png",
          "http://127.1:" + port + "/logo.png",
          "http://2130706433:" + port + "/logo.png",
          "http://[::1]:" + port + "/logo.png",
          "http://localhost.:" + port + "/logo.png",
          "file:///etc/passwd",
        }) {
      HttpResponse<String> refused = op.json("POST", logo, "{\"url\":\"" + url + "\"}", admin);
      assertThat(refused.statusCode()).as(url).isEqualTo(400);
      assertThat(refused.body()).as(url).containsAnyOf("private or local", "http or https");
    }
    assertThat(requests).hasValue(0);
    assertThat(bytes(logo).statusCode()).isEqualTo(404);
  }

  @Test
  void aLogoUrlIsFetchedDecodedAndStoredWhenTheFetcherAllowsThatServer() throws Exception {
    AtomicInteger requests = startLogoServer(PngEncoder.encode(solid(64, 32, BLUE)));
    int port = logoServer.getAddress().getPort();
    op.close();
    ImageFetcher onlyThatServer =
        new ImageFetcher(
            Resolver.system(),
            new PinnedConnector(),
            target -> target.getAddress().isLoopbackAddress() && target.getPort() == port,
            Duration.ofSeconds(5),
            ImageFetcher.DEFAULT_MAX_BYTES);
    op =
        new OidcTestServer(
            dir.resolve("second"),
            storage -> {},
            builder -> builder.logoFetcher(Logos.through(onlyThatServer)));
    String logo = "/api/oidc/clients/" + OidcTestServer.CLIENT_ID + "/logo?light=false";
    HttpResponse<String> fetched =
        op.json(
            "POST",
            logo,
            "{\"url\":\"http://127.0.0.1:" + port + "/logo.png\"}",
            "X-API-KEY",
            op.adminApiKey);
    assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(204);
    assertThat(requests).hasValue(1);
    Raster stored = decode(bytes(logo).body());
    assertThat(stored.width()).isEqualTo(64);
    assertThat(stored.pixel(5, 5)).isEqualTo(BLUE);
  }

  @Test
  void siteFilesAndVersionedStaticFiles() {
    HttpResponse<String> robots = op.get("/robots.txt");
    assertThat(robots.body()).isEqualTo("User-agent: *\nDisallow: /\n");
    HttpResponse<String> manifest = op.get("/app.webmanifest");
    assertThat(manifest.headers().firstValue("content-type")).hasValue("application/manifest+json");
    assertThat(manifest.body()).contains("\"name\":\"Pocket ID\"", "/api/application-images/logo");

    String page = op.get("/login").body();
    java.util.regex.Matcher script =
        java.util.regex.Pattern.compile("/static/app\\.js\\?v=([0-9a-f]{12})").matcher(page);
    assertThat(script.find()).isTrue();
    HttpResponse<String> versioned = op.get("/static/app.js?v=" + script.group(1));
    assertThat(versioned.headers().firstValue("cache-control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(op.get("/static/app.js").headers().firstValue("cache-control")).hasValue("no-cache");
    assertThat(op.get("/static/app.js?v=000000000000").headers().firstValue("cache-control"))
        .hasValue("no-cache");
  }

  private AtomicInteger startLogoServer(byte[] png) throws Exception {
    AtomicInteger requests = new AtomicInteger();
    logoServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    logoServer.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.getResponseHeaders().add("Content-Type", "image/png");
          exchange.sendResponseHeaders(200, png.length);
          exchange.getResponseBody().write(png);
          exchange.close();
        });
    logoServer.start();
    return requests;
  }

  private static Raster solid(int width, int height, int argb) {
    int[] pixels = new int[width * height];
    Arrays.fill(pixels, argb);
    return new Raster(width, height, pixels);
  }

  private static Raster decode(byte[] png) {
    return ImageDecoder.decode(png, ImageLimits.uploads());
  }

  /** The PNG with a tEXt chunk inserted after IHDR (a place where metadata could hide). */
  private static byte[] withTextChunk(byte[] png, String text) {
    byte[] data = ("Comment\0" + text).getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    chunk.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
    byte[] typeAndData = new byte[4 + data.length];
    System.arraycopy("tEXt".getBytes(StandardCharsets.ISO_8859_1), 0, typeAndData, 0, 4);
    System.arraycopy(data, 0, typeAndData, 4, data.length);
    chunk.writeBytes(typeAndData);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(typeAndData);
    chunk.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    int afterHeader = 8 + 25;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, afterHeader);
    out.writeBytes(chunk.toByteArray());
    out.write(png, afterHeader, png.length - afterHeader);
    return out.toByteArray();
  }

  private HttpResponse<byte[]> bytes(String path, String... headers) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(op.base + path)).GET();
      for (int i = 0; i < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      return java.net.http.HttpClient.newHttpClient()
          .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> upload(String method, String path, byte[] file, String... headers) {
    String boundary = "----pocketid" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(op.base + path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Sec-Fetch-Site", "same-origin")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    return op.send(request, headers);
  }
}
