package io.pocketid.core.audit;

/**
 * Who made a request, as the HTTP layer determined it.
 *
 * @param ipAddress client IP (from the connection, or the proxy headers when TRUST_PROXY is set),
 *     nullable
 * @param userAgent nullable
 */
public record RequestOrigin(String ipAddress, String userAgent) {
  public static final RequestOrigin UNKNOWN = new RequestOrigin(null, null);
}
