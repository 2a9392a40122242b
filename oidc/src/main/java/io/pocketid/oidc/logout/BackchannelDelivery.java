package io.pocketid.oidc.logout;

import java.util.Objects;

/**
 * One back-channel logout notification to send (OIDC Back-Channel Logout 1.0 §2.5): POST {@code
 * logout_token} to the client's {@code backchannel_logout_uri}.
 */
public record BackchannelDelivery(String clientId, String uri, String logoutToken) {
  public BackchannelDelivery {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(logoutToken, "logoutToken");
  }

  @Override
  public String toString() {
    return "BackchannelDelivery[clientId=" + clientId + ", uri=" + uri + "]";
  }
}
