package io.pocketid.server.internal.http;

import io.undertow.UndertowOptions;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.AttachmentKey;
import io.undertow.util.ImmediatePooledByteBuffer;
import io.undertow.util.SameThreadExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSourceChannel;

/**
 * Reads the whole request body on the I/O thread, without blocking, before the next handler runs: a
 * client that sends its body slowly, or not at all, holds a connection and at most {@link
 * #MAX_BYTES} of memory, never a worker thread. The body is then handed back to the exchange, so
 * handlers read it from {@code getInputStream()} as before, from memory.
 *
 * <p>A body larger than {@link #MAX_BYTES} (declared or sent) is refused with 413; the rest is
 * drained when its declared length is within the listener's entity limit, else the connection is
 * closed; a body not complete within the exchange's {@link #TIMEOUT} (default {@link
 * #DEFAULT_TIMEOUT}) closes the connection. Exchanges already on a worker thread or in blocking
 * mode (an embedder dispatched them) pass through unchanged.
 */
public final class BufferedBodyHandler implements HttpHandler {
  /** The largest body read: the largest any handler accepts (a JSON body, 1 MiB). */
  public static final int MAX_BYTES = JsonBody.MAX_BYTES;

  /** The largest body an upload route reads: a 2 MiB file and its multipart framing. */
  public static final int UPLOAD_MAX_BYTES = MultipartBody.MAX_FILE_BYTES + 64 * 1024;

  /** How long a whole body may take when the listener sets no {@link #TIMEOUT}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Per exchange: how long the whole body may take (set by the server's own listener). */
  public static final AttachmentKey<Duration> TIMEOUT = AttachmentKey.create(Duration.class);

  static final String TOO_LARGE = "Request body too large";

  private final HttpHandler next;
  private final HttpHandler tooLarge;
  private final int maxBytes;

  /**
   * @param next runs once the body is in memory (typically a {@code BlockingHandler})
   * @param tooLarge answers a body over {@link #MAX_BYTES}; the connection is closed afterwards
   */
  public BufferedBodyHandler(HttpHandler next, HttpHandler tooLarge) {
    this(next, tooLarge, MAX_BYTES);
  }

  /** As above, with another limit (an upload route's {@link #UPLOAD_MAX_BYTES}). */
  public BufferedBodyHandler(HttpHandler next, HttpHandler tooLarge, int maxBytes) {
    this.next = next;
    this.tooLarge = tooLarge;
    this.maxBytes = maxBytes;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isRequestComplete() || !exchange.isInIoThread() || exchange.isBlocking()) {
      next.handleRequest(exchange);
      return;
    }
    if (exchange.getRequestContentLength() > maxBytes) {
      refuse(exchange);
      return;
    }
    if (HttpContinue.requiresContinueResponse(exchange)) {
      // Dispatched (to this thread, after this call): an exchange neither dispatched nor reading
      // when its handler returns is ended by Undertow, which raced with a slow 100 Continue write.
      ContinueSent then = new ContinueSent(new Reader(exchange));
      exchange.dispatch(
          SameThreadExecutor.INSTANCE, () -> HttpContinue.sendContinueResponse(exchange, then));
      return;
    }
    boolean complete;
    try {
      complete = new Reader(exchange).readOrWait();
    } catch (RequestTooBigException e) {
      refuse(exchange);
      return;
    }
    if (complete) {
      next.handleRequest(exchange);
    }
  }

  private void refuse(HttpServerExchange exchange) throws Exception {
    closeUnlessDrainable(exchange);
    tooLarge.handleRequest(exchange);
  }

  /**
   * A body within the listener's entity limit is drained by Undertow after the 413 (closing while
   * the client still sends would reset the connection and lose the answer); a larger one, or one of
   * unknown length, closes the connection after the answer.
   */
  private static void closeUnlessDrainable(HttpServerExchange exchange) {
    long declared = exchange.getRequestContentLength();
    long entityLimit =
        exchange
            .getConnection()
            .getUndertowOptions()
            .get(UndertowOptions.MAX_ENTITY_SIZE, UndertowOptions.DEFAULT_MAX_ENTITY_SIZE);
    if (declared < 0 || declared > entityLimit) {
      exchange.setPersistent(false);
    }
  }

  /** Reads after {@code 100 Continue} went out, or closes when it could not be sent. */
  private record ContinueSent(Reader reader) implements IoCallback {
    @Override
    public void onComplete(HttpServerExchange exchange, Sender sender) {
      reader.readLater();
    }

    @Override
    public void onException(HttpServerExchange exchange, Sender sender, IOException exception) {
      IoUtils.safeClose(exchange.getConnection());
    }
  }

  /**
   * Collects the body with non-blocking reads. Everything runs on the connection's I/O thread (the
   * read listener and the deadline alike), so nothing is shared between threads.
   */
  private final class Reader implements ChannelListener<StreamSourceChannel> {
    private final HttpServerExchange exchange;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);
    private StreamSourceChannel channel;
    private XnioExecutor.Key deadline;

    Reader(HttpServerExchange exchange) {
      this.exchange = exchange;
    }

    /**
     * Reads what has arrived. Returns true when the body is complete and handed back; otherwise the
     * rest is read by the listener, which then runs the next handler.
     */
    boolean readOrWait() throws IOException {
      channel = exchange.getRequestChannel();
      if (readAvailable()) {
        handBack();
        return true;
      }
      Duration timeout = exchange.getAttachment(TIMEOUT);
      long millis = (timeout == null ? DEFAULT_TIMEOUT : timeout).toMillis();
      deadline = exchange.getIoThread().executeAfter(this::expire, millis, TimeUnit.MILLISECONDS);
      channel.getReadSetter().set(this);
      channel.resumeReads();
      return false;
    }

    /** {@link #readOrWait()} outside a handler call (after {@code 100 Continue}). */
    void readLater() {
      try {
        if (readOrWait()) {
          Connectors.executeRootHandler(next, exchange);
        }
      } catch (IOException e) {
        fail(e);
      }
    }

    @Override
    public void handleEvent(StreamSourceChannel source) {
      try {
        if (!readAvailable()) {
          return;
        }
        stopListening();
        handBack();
        Connectors.executeRootHandler(next, exchange);
      } catch (IOException e) {
        stopListening();
        fail(e);
      }
    }

    /** True when the body is complete; throws when it is too large or the read fails. */
    private boolean readAvailable() throws IOException {
      while (true) {
        buffer.clear();
        int read = channel.read(buffer);
        if (read == -1) {
          return true;
        }
        if (read == 0) {
          return false;
        }
        if (body.size() + read > maxBytes) {
          throw new RequestTooBigException();
        }
        body.write(buffer.array(), 0, read);
      }
    }

    private void stopListening() {
      if (deadline != null) {
        deadline.remove();
      }
      channel.getReadSetter().set(null);
      channel.suspendReads();
    }

    /** Gives the body back to the exchange, to be read again from its input stream. */
    private void handBack() {
      if (body.size() > 0) {
        Connectors.ungetRequestBytes(
            exchange, new ImmediatePooledByteBuffer(ByteBuffer.wrap(body.toByteArray())));
      }
      Connectors.resetRequestChannel(exchange);
    }

    private void fail(IOException e) {
      if (e instanceof RequestTooBigException) {
        closeUnlessDrainable(exchange);
        Connectors.executeRootHandler(tooLarge, exchange);
      } else {
        IoUtils.safeClose(exchange.getConnection());
      }
    }

    /** The body did not arrive in time: drop the connection (the client is not sending). */
    private void expire() {
      channel.getReadSetter().set(null);
      IoUtils.safeClose(exchange.getConnection());
    }
  }
}
