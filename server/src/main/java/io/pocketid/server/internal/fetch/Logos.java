package io.pocketid.server.internal.fetch;

import io.pocketid.core.service.ServiceError;
import io.pocketid.core.service.ServiceException;
import io.pocketid.oidc.admin.LogoFetcher;

/** Client logos by URL through an {@link ImageFetcher}: its refusals become input errors. */
public final class Logos {
  private Logos() {}

  /** The default: {@link ImageFetcher#standard()}, which refuses every internal address. */
  public static LogoFetcher guardedFetcher() {
    return through(ImageFetcher.standard());
  }

  /**
   * Logos fetched by {@code fetcher}; a {@link FetchException} is INVALID_INPUT with its message.
   */
  public static LogoFetcher through(ImageFetcher fetcher) {
    return url -> {
      try {
        return fetcher.fetch(url).data();
      } catch (FetchException e) {
        throw new ServiceException(ServiceError.INVALID_INPUT, e.getMessage());
      }
    };
  }
}
