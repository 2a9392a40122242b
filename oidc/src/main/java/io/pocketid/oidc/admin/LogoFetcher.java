package io.pocketid.oidc.admin;

/**
 * Downloads a logo an admin names by URL. The server's implementation refuses private, loopback,
 * link-local and other internal addresses (after resolving the name and at every redirect) and
 * bounds the size and time.
 */
@FunctionalInterface
public interface LogoFetcher {
  /** A fetcher for deployments that do not allow logos by URL: every call is refused. */
  LogoFetcher DISABLED =
      url -> {
        throw new io.pocketid.core.service.ServiceException(
            io.pocketid.core.service.ServiceError.INVALID_INPUT,
            "Logos by URL are not enabled here; upload the image instead");
      };

  /**
   * The bytes at {@code url}.
   *
   * @throws io.pocketid.core.service.ServiceException INVALID_INPUT naming why the URL was refused
   *     or could not be fetched
   */
  byte[] fetch(String url);
}
