package io.pocketid.oidc.logout;

/** Sends back-channel logout tokens. {@link HttpBackchannelLogoutSender} is the real one. */
@FunctionalInterface
public interface BackchannelLogoutSender {
  /**
   * Delivers one logout token.
   *
   * @return whether the client acknowledged it (HTTP 200 or 204)
   */
  boolean send(BackchannelDelivery delivery);
}
