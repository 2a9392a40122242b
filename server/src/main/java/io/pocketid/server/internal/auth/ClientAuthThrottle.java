package io.pocketid.server.internal.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Limits on failed client authentication at the protocol endpoints (security finding 10): per
 * client address and per client id. An address or client whose failure budget is spent is answered
 * 429 before any secret is checked, so guessing costs the server nothing more than the answer. Per
 * instance, like the sign-in limits. A correct secret spends nothing.
 *
 * <p>The per-client limit lets an attacker who knows a client id delay that client's own token
 * requests while they keep failing against it; the budget is larger than the per-address one, so
 * that takes many addresses.
 */
public final class ClientAuthThrottle {
  /** Failures one address may make at once, then one per {@link #ADDRESS_REFILL}. */
  public static final int ADDRESS_BURST = 10;

  public static final Duration ADDRESS_REFILL = Duration.ofSeconds(6);

  /** Failures against one client id at once, then one per {@link #CLIENT_REFILL}. */
  public static final int CLIENT_BURST = 30;

  public static final Duration CLIENT_REFILL = Duration.ofSeconds(2);

  private final RateLimiter byAddress;
  private final RateLimiter byClient;

  public ClientAuthThrottle(Clock clock, boolean enabled) {
    this.byAddress = new RateLimiter(ADDRESS_BURST, ADDRESS_REFILL, clock, enabled);
    this.byClient = new RateLimiter(CLIENT_BURST, CLIENT_REFILL, clock, enabled);
  }

  /** How long the caller must wait before authenticating again, when a budget is spent. */
  public Optional<Duration> waitTime(String address, String clientId) {
    Optional<Duration> forAddress = byAddress.waitTime(address);
    Optional<Duration> forClient =
        clientId.isEmpty() ? Optional.empty() : byClient.waitTime(clientId);
    if (forAddress.isPresent() && forClient.isPresent()) {
      return forAddress.get().compareTo(forClient.get()) >= 0 ? forAddress : forClient;
    }
    return forAddress.isPresent() ? forAddress : forClient;
  }

  /** Records a failed client authentication. */
  public void failed(String address, String clientId) {
    byAddress.spend(address);
    if (!clientId.isEmpty()) {
      byClient.spend(clientId);
    }
  }

  /**
   * The client id a request claims, for the per-client budget: {@code client_id} in the form, else
   * the user part of HTTP Basic; empty when neither (a bare client assertion: the address budget
   * still applies). Not an authentication: only a name for a bucket.
   */
  public static String claimedClientId(
      Map<String, List<String>> form, Optional<String> authorization) {
    List<String> values = form.get("client_id");
    if (values != null && !values.isEmpty() && !values.get(0).isEmpty()) {
      return bounded(values.get(0));
    }
    if (authorization.isPresent() && authorization.get().regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair =
            new String(
                Base64.getDecoder().decode(authorization.get().substring(6).trim()),
                StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return bounded(
            URLDecoder.decode(colon < 0 ? pair : pair.substring(0, colon), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return "";
      }
    }
    return "";
  }

  private static String bounded(String id) {
    return id.length() > 128 ? id.substring(0, 128) : id;
  }
}
