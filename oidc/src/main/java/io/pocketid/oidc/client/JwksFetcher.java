package io.pocketid.oidc.client;

import java.io.IOException;
import java.net.URI;

/** Fetches a JWK set document. {@link HttpJwksFetcher} is the real one; tests use fakes. */
@FunctionalInterface
public interface JwksFetcher {
  /**
   * @return the JWKS JSON document
   * @throws IOException when the document cannot be fetched (network error, non-200, too large)
   */
  String fetch(URI uri) throws IOException;
}
