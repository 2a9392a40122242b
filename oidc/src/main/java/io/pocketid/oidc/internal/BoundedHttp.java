package io.pocketid.oidc.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Outgoing requests with one deadline for the whole exchange, body included, and a size limit.
 * {@link HttpRequest.Builder#timeout} alone only bounds the wait for the response headers: a server
 * that sends headers and then trickles the body would hold the calling thread for ever.
 */
public final class BoundedHttp {
  private BoundedHttp() {}

  /** A status and a body of at most the requested size. */
  public record Answer(int status, byte[] body) {}

  /**
   * Sends the request and reads at most {@code maxBytes} of the answer, all within {@code
   * deadline}.
   *
   * @throws IOException on a network error, when the deadline passes (the exchange is cancelled) or
   *     when the body is larger than {@code maxBytes}
   */
  public static Answer send(HttpClient http, HttpRequest request, Duration deadline, int maxBytes)
      throws IOException {
    CompletableFuture<HttpResponse<byte[]>> response =
        http.sendAsync(request, info -> new LimitedBody(maxBytes));
    try {
      HttpResponse<byte[]> done = response.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      return new Answer(done.statusCode(), done.body());
    } catch (TimeoutException e) {
      response.cancel(true);
      throw new IOException(
          "no complete answer from " + request.uri() + " within " + deadline.toMillis() + " ms");
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + request.uri(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(request.uri() + ": " + cause, cause);
    }
  }

  /** Collects the body up to a limit; beyond it, cancels the stream and fails. */
  private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int maxBytes;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    LimitedBody(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
      subscription = newSubscription;
      subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        if (bytes.size() + (long) item.remaining() > maxBytes) {
          subscription.cancel();
          result.completeExceptionally(
              new IOException("answer is larger than " + maxBytes + " bytes"));
          return;
        }
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
      result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
    }
  }
}
