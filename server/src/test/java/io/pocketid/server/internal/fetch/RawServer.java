package io.pocketid.server.internal.fetch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A one-connection-at-a-time TCP (or TLS) server on 127.0.0.1 that records each request head and
 * writes whatever bytes the test scripts, for responses a well-behaved HTTP server would not send.
 */
final class RawServer implements AutoCloseable {
  /** Writes the response; may sleep (interrupted when the server closes). */
  interface Script {
    void respond(OutputStream out) throws IOException, InterruptedException;
  }

  final List<String> requests = new CopyOnWriteArrayList<>();

  /** The TLS server names (SNI) each TLS client asked for. */
  final List<String> serverNames = new CopyOnWriteArrayList<>();

  private final ServerSocket server;
  private final Thread thread;

  RawServer(Script script) throws IOException {
    this(new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1})), script);
  }

  /** Serves on {@code server}, e.g. a TLS server socket bound to 127.0.0.1. */
  RawServer(ServerSocket server, Script script) {
    this.server = server;
    thread = new Thread(() -> serve(script), "raw-server");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void serve(Script script) {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        if (socket instanceof SSLSocket tls) {
          tls.startHandshake();
          serverNames.add(
              ((ExtendedSSLSession) tls.getSession()).getRequestedServerNames().toString());
        }
        StringBuilder head = new StringBuilder();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
          head.append(line).append('\n');
        }
        requests.add(head.toString());
        script.respond(socket.getOutputStream());
      } catch (IOException e) {
        // The client hung up or the server closed; serve the next connection, if any.
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
    thread.interrupt();
    thread.join(5000);
  }
}
