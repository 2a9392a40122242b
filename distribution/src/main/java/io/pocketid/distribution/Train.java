package io.pocketid.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The class-data-sharing training run of the container image.
 *
 * <p>It runs inside the image's own root filesystem (a {@code FROM scratch} build stage, or a
 * chroot), because a CDS archive only matches the exact jars, paths and modification times it was
 * built from. It starts the server the way the image's entry point does, with {@code
 * -XX:DumpLoadedClassList}, waits for {@code /healthz}, sends a few typical requests, runs the
 * health-check client the way the image's HEALTHCHECK does, stops the server with SIGTERM, and then
 * writes two static archives with {@code -Xshare:dump}: one for the server and one for the health
 * check. A static archive holds the JDK classes too, so the image needs no default {@code
 * classes.jsa}.
 *
 * <p>Usage: {@code java -cp trainer.jar io.pocketid.distribution.Train APP_HOME OUT_DIR}, where
 * APP_HOME holds {@code classpath.args}, {@code lib/} and where OUT_DIR receives {@code app.jsa}
 * and {@code healthcheck.jsa}. Uses only java.base, so it runs on the image's own jlinked runtime.
 */
public final class Train {

  private static final String MAIN = "io.pocketid.server.Main";
  private static final String HEALTHCHECK = "io.pocketid.server.cli.Healthcheck";

  private Train() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: Train APP_HOME OUT_DIR");
      System.exit(2);
    }
    Path appHome = Paths.get(args[0]).toAbsolutePath();
    Path out = Paths.get(args[1]).toAbsolutePath();
    Files.createDirectories(out);
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    String cpArgs = "@" + appHome.resolve("classpath.args");
    String serverJar = appHome.resolve("lib/pocket-id-server.jar").toString();

    Path work = Files.createTempDirectory("pocket-id-train");
    try {
      int port = freePort();
      Path appList = work.resolve("app.classlist");
      Path hcList = work.resolve("healthcheck.classlist");

      List<String> serve = new ArrayList<>(List.of(java, "-XX:DumpLoadedClassList=" + appList));
      serve.addAll(List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Dfile.encoding=UTF-8"));
      serve.addAll(sqliteNativeOptions(appHome));
      serve.addAll(List.of(cpArgs, MAIN, "serve"));
      ProcessBuilder pb = new ProcessBuilder(serve).inheritIO();
      Map<String, String> env = pb.environment();
      env.put("PORT", Integer.toString(port));
      env.put("HOST", "127.0.0.1");
      env.put("APP_URL", "http://localhost:" + port);
      env.put("APP_ENV", "production");
      env.put("ANALYTICS_DISABLED", "true");
      env.put("DB_PROVIDER", "sqlite");
      env.put("DB_CONNECTION_STRING", work.resolve("pocket-id.db").toString());
      env.put("UPLOAD_PATH", work.resolve("uploads").toString());
      env.put("KEYS_PATH", work.resolve("keys").toString());
      env.put("GEOLITE_DB_PATH", work.resolve("GeoLite2-City.mmdb").toString());
      log("starting the server on port " + port + ": " + String.join(" ", serve));
      long t0 = System.nanoTime();
      Process server = pb.start();
      try {
        String base = "http://127.0.0.1:" + port;
        waitForHealthz(server, base + "/healthz", 180);
        log(String.format("first /healthz 204 after %.2f s", (System.nanoTime() - t0) / 1e9));
        exercise(base);

        List<String> hc = new ArrayList<>(List.of(java, "-XX:DumpLoadedClassList=" + hcList));
        hc.addAll(healthcheckOptions());
        hc.addAll(List.of("-cp", serverJar, HEALTHCHECK));
        ProcessBuilder hpb = new ProcessBuilder(hc).inheritIO();
        hpb.environment().put("PORT", Integer.toString(port));
        int hcExit = run(hpb, 60);
        log("health check exited with " + hcExit);
        if (hcExit != 0) {
          throw new IllegalStateException("the health check failed during training");
        }
      } finally {
        server.destroy(); // SIGTERM, as a container stop would send
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
          log("the server did not stop within 30 s of SIGTERM; killing it");
          server.destroyForcibly().waitFor();
        }
        log("server exited with " + server.exitValue());
      }

      List<String> dumpApp = new ArrayList<>(List.of(java, "-Xshare:dump", "-XX:+UseG1GC"));
      dumpApp.addAll(
          List.of(
              "-XX:SharedClassListFile=" + appList,
              "-XX:SharedArchiveFile=" + out.resolve("app.jsa"),
              cpArgs));
      check(run(new ProcessBuilder(dumpApp).inheritIO(), 300), "dumping app.jsa");

      List<String> dumpHc = new ArrayList<>(List.of(java, "-Xshare:dump", "-XX:+UseG1GC"));
      dumpHc.addAll(
          List.of(
              "-XX:SharedClassListFile=" + hcList,
              "-XX:SharedArchiveFile=" + out.resolve("healthcheck.jsa"),
              "-cp",
              serverJar));
      check(run(new ProcessBuilder(dumpHc).inheritIO(), 300), "dumping healthcheck.jsa");
      log("wrote " + out.resolve("app.jsa") + " and " + out.resolve("healthcheck.jsa"));
    } finally {
      deleteTree(work);
    }
  }

  /** The options of the image's HEALTHCHECK, without the archive. */
  static List<String> healthcheckOptions() {
    return List.of("-Xmx16m", "-Xint", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xss256k");
  }

  static List<String> sqliteNativeOptions(Path appHome) {
    Path nativeDir = appHome.resolve("native");
    if (!Files.isRegularFile(nativeDir.resolve("libsqlitejdbc.so"))) {
      return List.of();
    }
    return List.of(
        "-Dorg.sqlite.lib.path=" + nativeDir,
        "-Dorg.sqlite.lib.name=libsqlitejdbc.so",
        "-Dorg.sqlite.tmpdir=/tmp");
  }

  private static void waitForHealthz(Process server, String url, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the server exited with " + server.exitValue());
      }
      if (status("GET", url, null) == 204) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("no 204 from " + url + " within " + seconds + " s");
  }

  /**
   * Typical first requests, so their classes land in the archive. Their answers do not matter here.
   */
  private static void exercise(String base) {
    String[] paths = {
      "/healthz",
      "/.well-known/openid-configuration",
      "/.well-known/jwks.json",
      "/api/application-configuration",
      "/login",
      "/setup",
      "/authorize?client_id=x&response_type=code&scope=openid&redirect_uri=http://localhost/cb",
      "/api/users/me",
      "/does-not-exist"
    };
    for (int round = 0; round < 3; round++) {
      for (String p : paths) {
        log("GET " + p + " -> " + status("GET", base + p, null));
      }
    }
    String setup =
        "{\"username\":\"admin\",\"email\":\"admin@example.com\",\"firstName\":\"Ada\",\"lastName\":\"Admin\"}";
    for (int i = 0; i < 2; i++) {
      log("POST /api/signup/setup -> " + status("POST", base + "/api/signup/setup", setup));
    }
  }

  private static int status(String method, String url, String jsonBody) {
    try {
      HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
      c.setRequestMethod(method);
      c.setConnectTimeout(2000);
      c.setReadTimeout(10000);
      c.setInstanceFollowRedirects(false);
      if (jsonBody != null) {
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream os = c.getOutputStream()) {
          os.write(jsonBody.getBytes(StandardCharsets.UTF_8));
        }
      }
      int code = c.getResponseCode();
      InputStream body = code >= 400 ? c.getErrorStream() : c.getInputStream();
      if (body != null) {
        try (body) {
          body.readAllBytes();
        }
      }
      return code;
    } catch (IOException e) {
      return -1;
    }
  }

  private static int run(ProcessBuilder pb, int seconds) throws Exception {
    log("running " + String.join(" ", pb.command()));
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new IllegalStateException("timed out: " + String.join(" ", pb.command()));
    }
    return p.exitValue();
  }

  private static void check(int exit, String what) {
    if (exit != 0) {
      throw new IllegalStateException(what + " failed with exit code " + exit);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void log(String message) {
    System.out.println("[cds-training] " + message);
    System.out.flush();
  }
}
