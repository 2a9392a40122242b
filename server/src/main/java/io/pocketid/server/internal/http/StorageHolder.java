package io.pocketid.server.internal.http;

import io.pocketid.core.store.Storage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The storage while it is being opened in the background, and after. */
public final class StorageHolder {
  private final CompletableFuture<Storage> future;

  public StorageHolder(CompletableFuture<Storage> future) {
    this.future = future;
  }

  /** The storage if it is open now; empty while opening or when opening failed. */
  public Optional<Storage> now() {
    if (future.isDone() && !future.isCompletedExceptionally() && !future.isCancelled()) {
      return Optional.of(future.join());
    }
    return Optional.empty();
  }

  /**
   * Waits for the storage (blocking; never on an IO thread).
   *
   * @throws StorageUnavailableException when it could not be opened in time
   */
  public Storage await(long timeoutMillis) {
    try {
      return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException();
    } catch (ExecutionException | TimeoutException e) {
      throw new StorageUnavailableException();
    }
  }

  /** The database is not open (yet, or opening failed). */
  public static final class StorageUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StorageUnavailableException() {
      super("Database is not available");
    }
  }
}
