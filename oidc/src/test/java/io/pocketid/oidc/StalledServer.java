package io.pocketid.oidc;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP "server" that accepts connections, counts them, writes a fixed prefix of an
 * answer (possibly nothing) and then never writes again: an issuer or client that hangs.
 */
public final class StalledServer implements AutoCloseable {
  private final ServerSocket socket;
  private final AtomicInteger accepts = new AtomicInteger();
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  /** Starts accepting; each connection gets {@code answerPrefix} and then silence. */
  public StalledServer(String answerPrefix) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    byte[] prefix = answerPrefix.getBytes(StandardCharsets.US_ASCII);
    Thread acceptor = new Thread(() -> acceptUntilClosed(prefix), "stalled-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptUntilClosed(byte[] prefix) {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        held.add(connection);
        accepts.incrementAndGet();
        OutputStream out = connection.getOutputStream();
        out.write(prefix);
        out.flush();
      } catch (IOException e) {
        return;
      }
    }
  }

  /** An http URL with this path on the server. */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
  }

  /** Connections accepted so far. */
  public int accepts() {
    return accepts.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket connection : held) {
      connection.close();
    }
  }
}
