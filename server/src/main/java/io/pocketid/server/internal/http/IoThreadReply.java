package io.pocketid.server.internal.http;

import io.undertow.io.AsyncSenderImpl;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.nio.ByteBuffer;

/**
 * Sends a blocking API handler's answer from the connection's I/O thread instead of the worker
 * thread that computed it, so that the exchange also completes there.
 *
 * <p>Why: when a worker completes an exchange, Undertow hands the connection back to the I/O thread
 * under a flag that the I/O thread busy-waits on ({@code HttpReadListener.handleEvent}) if the
 * client's next request is already there, which on a keep-alive connection it nearly always is: the
 * client sends it as soon as the answer arrives. The worker's hand-back also wakes the I/O thread,
 * which on a small machine then often runs on the core the worker needs and spins for the rest of
 * its time slice. Profiles of the token endpoint under load showed a third to a half of all CPU
 * samples in that loop (docs/performance.md). Answered from the I/O thread, the exchange completes
 * where the connection lives and there is nothing to wait for.
 *
 * <p>Only answers written through {@link Responses} are moved (small JSON bodies); a handler that
 * writes its own stream, redirects or ends the exchange itself is left as it is. {@code
 * -Dpocketid.http.replyOnWorker=true} turns this off (an A/B switch for measurements).
 */
final class IoThreadReply implements HttpHandler {
  private static final AttachmentKey<Pending> PENDING = AttachmentKey.create(Pending.class);
  private static final boolean ENABLED = !Boolean.getBoolean("pocketid.http.replyOnWorker");

  /** The answer kept for the I/O thread; written only by the worker running the handler. */
  private static final class Pending {
    boolean open = true;
    ByteBuffer body;
  }

  private final HttpHandler next;

  IoThreadReply(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (!ENABLED || exchange.isInIoThread()) {
      next.handleRequest(exchange);
      return;
    }
    Pending pending = new Pending();
    exchange.putAttachment(PENDING, pending);
    try {
      next.handleRequest(exchange);
    } finally {
      pending.open = false;
    }
    ByteBuffer body = pending.body;
    if (body != null) {
      // Undertow runs it on the I/O thread once this handler has returned, then ends the
      // exchange there (AsyncSenderImpl ends it when the body is out).
      exchange.dispatch(exchange.getIoThread(), e -> new AsyncSenderImpl(e).send(body));
    }
  }

  /**
   * Keeps {@code body} to be sent from the I/O thread when the exchange is a blocking API request
   * on its worker; false when the caller must send it itself.
   *
   * @throws IllegalStateException when an answer is already kept (as sending twice would)
   */
  static boolean keep(HttpServerExchange exchange, ByteBuffer body) {
    Pending pending = exchange.getAttachment(PENDING);
    if (pending == null || !pending.open || exchange.isResponseStarted()) {
      return false;
    }
    if (pending.body != null) {
      throw new IllegalStateException("an answer was already written for this request");
    }
    pending.body = body;
    return true;
  }

  /** Whether an answer was written, sent or kept to be sent. */
  static boolean answered(HttpServerExchange exchange) {
    Pending pending = exchange.getAttachment(PENDING);
    return exchange.isResponseStarted() || (pending != null && pending.body != null);
  }
}
