package io.pocketid.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;

/**
 * {@code pocket-id healthcheck}: GET {@code <endpoint>/healthz} with a 5 s timeout. Exits 0 only on
 * a 2xx answer (Pocket ID v1.15 exits 0 on any answer; that is fixed here).
 *
 * <p>Uses only the JDK so the container image can run it with a one-jar class path: {@code java -cp
 * pocket-id-server.jar io.pocketid.server.cli.Healthcheck}.
 */
public final class Healthcheck {
  static final int TIMEOUT_MILLIS = 5_000;

  private Healthcheck() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /**
   * Parses {@code [-e|--endpoint URL] [-v|--verbose]} and runs the check.
   *
   * @return the exit code: 0 healthy, 1 unhealthy or unreachable, 2 bad arguments
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String endpoint = null;
    boolean verbose = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-v") || arg.equals("--verbose")) {
        verbose = true;
      } else if ((arg.equals("-e") || arg.equals("--endpoint")) && i + 1 < args.length) {
        endpoint = args[++i];
      } else if (arg.startsWith("--endpoint=")) {
        endpoint = arg.substring("--endpoint=".length());
      } else {
        err.println("healthcheck: unknown argument " + arg);
        err.println("usage: healthcheck [-e|--endpoint URL] [-v|--verbose]");
        return 2;
      }
    }
    return check(endpoint == null ? defaultEndpoint(env) : endpoint, verbose, out, err);
  }

  /** {@code http://localhost:$PORT}, PORT defaulting to 1411. */
  public static String defaultEndpoint(Map<String, String> env) {
    String port = env.get("PORT");
    return "http://localhost:" + (port == null || port.isEmpty() ? "1411" : port);
  }

  /**
   * @return 0 when {@code <endpoint>/healthz} answered 2xx, 1 otherwise
   */
  public static int check(String endpoint, boolean verbose, PrintStream out, PrintStream err) {
    String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    String url = base + "/healthz";
    long started = System.nanoTime();
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      int status = connection.getResponseCode();
      drain(connection);
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (status >= 200 && status < 300) {
        if (verbose) {
          out.println("healthy: " + url + " answered " + status + " in " + millis + " ms");
        }
        return 0;
      }
      err.println("unhealthy: " + url + " answered " + status + " in " + millis + " ms");
      return 1;
    } catch (IOException | IllegalArgumentException e) {
      err.println("unhealthy: " + url + ": " + e);
      return 1;
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  private static void drain(HttpURLConnection connection) {
    try (InputStream body =
        connection.getResponseCode() >= 400
            ? connection.getErrorStream()
            : connection.getInputStream()) {
      if (body != null) {
        body.readAllBytes();
      }
    } catch (IOException e) {
      // The status is all we need.
    }
  }
}
