package io.pocketid.server.internal.api;

import io.pocketid.core.service.MailNotifications;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.ClientAddress;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.auth.RateLimiter;
import io.pocketid.server.internal.http.JsonBody;
import io.pocketid.server.internal.http.Responses;
import io.pocketid.server.internal.http.Routes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The mail endpoints: "email me a login code", an admin mailing a user a login code, and the
 * admin's test mail.
 */
public final class MailApi {
  private static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

  private final Access access;
  private final MailNotifications mails;
  private final ClientAddress clientAddress;
  private final RateLimiter perAddress;
  private final RateLimiter perEmail;

  /**
   * @param perAddress the budget of one client IP address
   * @param perEmail the budget of one email address (whoever asks)
   */
  public MailApi(
      Access access,
      MailNotifications mails,
      ClientAddress clientAddress,
      RateLimiter perAddress,
      RateLimiter perEmail) {
    this.access = access;
    this.mails = mails;
    this.clientAddress = clientAddress;
    this.perAddress = perAddress;
    this.perEmail = perEmail;
  }

  /**
   * {@code POST /api/one-time-access-email} {@code {email, redirectPath}}: 204 whether or not the
   * address belongs to an account; rate-limited per client address and per email address.
   */
  public void emailOwnLoginCode(HttpServerExchange exchange) {
    JsonBody body = JsonBody.read(exchange.getInputStream());
    String email = body.string("email");
    perAddress.require(clientAddress.ip(exchange));
    if (email != null) {
      perEmail.require(email.trim().toLowerCase(Locale.ROOT));
    }
    mails.emailOwnLoginCode(email, body.string("redirectPath"));
    Responses.noContent(exchange);
  }

  /** {@code POST /api/users/{id}/one-time-access-email} {@code {ttl}} (admin): 204. */
  public void emailLoginCodeFor(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    Duration ttl = GoDuration.read(JsonBody.read(exchange.getInputStream()), "ttl");
    Duration lifetime = ttl == null ? DEFAULT_TTL : ttl;
    mails.emailLoginCodeFor(Routes.param(exchange, "id"), lifetime);
    Responses.noContent(exchange);
  }

  /**
   * {@code GET /api/application-configuration/email-status} (admin): whether SMTP is configured,
   * how many mails wait, and the last failure (when, to whom, what, the SMTP error).
   */
  public void status(HttpServerExchange exchange) {
    access.requireAdmin(exchange);
    MailNotifications.Status status = mails.status();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("configured", status.configured());
    out.put("waiting", status.waiting());
    out.put(
        "lastFailure",
        status
            .lastFailure()
            .map(
                f -> {
                  Map<String, Object> failure = new LinkedHashMap<>();
                  failure.put("at", f.at());
                  failure.put("to", f.to());
                  failure.put("subject", f.subject());
                  failure.put("error", f.error());
                  return failure;
                })
            .orElse(null));
    Responses.write(exchange, StatusCodes.OK, out);
  }

  /**
   * {@code POST /api/application-configuration/test-email} (admin): sends the test mail to the
   * caller now; 204, or 400 with the SMTP error.
   */
  public void sendTest(HttpServerExchange exchange) {
    Principal admin = access.requireAdmin(exchange);
    mails.sendTest(admin.user());
    Responses.noContent(exchange);
  }
}
