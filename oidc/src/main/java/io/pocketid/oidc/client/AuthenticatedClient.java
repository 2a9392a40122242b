package io.pocketid.oidc.client;

import io.pocketid.core.model.OidcClient;
import java.util.Objects;

/**
 * A client identified at a back-channel endpoint and how it proved it.
 *
 * @param client the client as stored
 * @param method {@link ClientAuthMethod#NONE} for public clients
 */
public record AuthenticatedClient(OidcClient client, ClientAuthMethod method) {
  public AuthenticatedClient {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(method, "method");
  }

  public String id() {
    return client.id();
  }
}
