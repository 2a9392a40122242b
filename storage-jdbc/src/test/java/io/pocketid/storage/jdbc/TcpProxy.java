package io.pocketid.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP forwarder the tests can cut, to play a database that dies. */
final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean frozen;

  TcpProxy(String targetHost, int targetPort) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket in = server.accept();
                  Socket out = new Socket(targetHost, targetPort);
                  sockets.add(in);
                  sockets.add(out);
                  pipe(in, out);
                  pipe(out, in);
                } catch (IOException e) {
                  return;
                }
              }
            },
            "tcp-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void pipe(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  while (frozen && !from.isClosed()) {
                    Thread.onSpinWait();
                    Thread.yield();
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException ignored) {
                // cut
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  /** Keeps connections open but stops forwarding: a database that hangs. */
  void freeze() {
    frozen = true;
  }

  /** Refuses new connections and cuts the open ones. */
  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(TcpProxy::closeQuietly);
  }
}
