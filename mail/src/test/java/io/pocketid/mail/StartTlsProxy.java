package io.pocketid.mail;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A loopback SMTP front that offers STARTTLS (GreenMail offers only plain SMTP and implicit TLS):
 * it answers the greeting and EHLO itself, upgrades to TLS with GreenMail's test certificate, then
 * relays the rest of the session to a plain GreenMail SMTP server.
 */
final class StartTlsProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int upstreamPort;
  private final SSLContext tls;

  StartTlsProxy(int upstreamPort) throws IOException, GeneralSecurityException {
    this.upstreamPort = upstreamPort;
    KeyStore keys = new DummySSLServerSocketFactory().getKeyStore();
    KeyManagerFactory managers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, "changeit".toCharArray());
    this.tls = SSLContext.getInstance("TLS");
    tls.init(managers.getKeyManagers(), null, null);
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "starttls-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread session = new Thread(() -> serve(client), "starttls-proxy-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      write(out, "220 localhost ESMTP test front\r\n");
      while (true) {
        String line = readLine(in);
        if (line == null) {
          return;
        }
        String command = line.toUpperCase(java.util.Locale.ROOT);
        if (command.startsWith("EHLO") || command.startsWith("HELO")) {
          write(out, "250-localhost\r\n250 STARTTLS\r\n");
        } else if (command.equals("STARTTLS")) {
          write(out, "220 2.0.0 Ready to start TLS\r\n");
          break;
        } else if (command.equals("QUIT")) {
          write(out, "221 2.0.0 Bye\r\n");
          return;
        } else {
          write(out, "530 5.7.0 Must issue a STARTTLS command first\r\n");
        }
      }
      SSLSocket secure =
          (SSLSocket)
              tls.getSocketFactory().createSocket(client, "localhost", client.getPort(), true);
      secure.setUseClientMode(false);
      secure.startHandshake();
      try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
        readLine(upstream.getInputStream()); // GreenMail's own greeting: the client had ours
        Thread down = new Thread(() -> pump(upstream, secure), "starttls-proxy-down");
        down.setDaemon(true);
        down.start();
        pump(secure, upstream);
        down.join(5_000);
      }
    } catch (IOException | InterruptedException e) {
      // The session ends.
    }
  }

  private static void pump(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException | UnsupportedOperationException e) {
      // One side closed.
    }
  }

  /** One CRLF-terminated line, byte by byte (nothing after it may be read before TLS starts). */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        return line.toString(StandardCharsets.US_ASCII).replaceAll("\r$", "");
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
