package io.pocketid.server.internal.auth;

import io.pocketid.core.model.BrowserSession;
import io.pocketid.core.model.User;
import java.util.Objects;

/**
 * Who a request acts as.
 *
 * @param user the user, as stored now
 * @param session the browser session, or null for an API key
 */
public record Principal(User user, BrowserSession session) {
  public Principal {
    Objects.requireNonNull(user, "user");
  }

  public boolean viaApiKey() {
    return session == null;
  }
}
