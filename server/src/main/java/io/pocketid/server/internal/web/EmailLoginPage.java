package io.pocketid.server.internal.web;

import io.pocketid.core.service.MailNotifications;
import io.pocketid.core.service.ServiceException;
import io.pocketid.oidc.OAuthException;
import io.pocketid.server.internal.auth.ClientAddress;
import io.pocketid.server.internal.auth.RateLimiter;
import io.pocketid.server.internal.http.Csrf;
import io.pocketid.server.internal.http.FormBody;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /login/alternative/email}: ask for a login code by email. The answer is the same whether
 * or not an account has the address; the form shares the per-address and per-email budgets of
 * {@code POST /api/one-time-access-email}.
 */
public final class EmailLoginPage {
  private static final String TEMPLATE = "pages/login-email.jte";

  private final PageRenderer renderer;
  private final Csrf csrf;
  private final MailNotifications mails;
  private final ClientAddress clientAddress;
  private final RateLimiter perAddress;
  private final RateLimiter perEmail;

  public EmailLoginPage(
      PageRenderer renderer,
      Csrf csrf,
      MailNotifications mails,
      ClientAddress clientAddress,
      RateLimiter perAddress,
      RateLimiter perEmail) {
    this.renderer = renderer;
    this.csrf = csrf;
    this.mails = mails;
    this.clientAddress = clientAddress;
    this.perAddress = perAddress;
    this.perEmail = perEmail;
  }

  /** {@code GET /login/alternative/email[?redirect=]}. */
  public void get(HttpServerExchange exchange) {
    String target = Pages.localTarget(first(FormBody.query(exchange), "redirect"));
    show(exchange, StatusCodes.OK, target, false, "");
  }

  /** {@code POST /login/alternative/email}: {@code email}, {@code redirect}, {@code csrf}. */
  public void post(HttpServerExchange exchange) {
    Map<String, List<String>> form;
    try {
      form = FormBody.read(exchange);
    } catch (OAuthException e) {
      show(exchange, e.status(), Pages.localTarget(null), false, e.error().description());
      return;
    }
    String target = Pages.localTarget(first(form, "redirect"));
    if (!csrf.valid(exchange, form)) {
      show(exchange, StatusCodes.FORBIDDEN, target, false, text(exchange, Pages.FORM_EXPIRED));
      return;
    }
    String email = first(form, "email");
    if (!perAddress.tryAcquire(clientAddress.ip(exchange))
        || (email != null && !perEmail.tryAcquire(email.trim().toLowerCase(Locale.ROOT)))) {
      show(
          exchange,
          StatusCodes.TOO_MANY_REQUESTS,
          target,
          false,
          text(exchange, "error.tooManyRequests"));
      return;
    }
    try {
      mails.emailOwnLoginCode(email, target);
    } catch (ServiceException e) {
      show(exchange, StatusCodes.BAD_REQUEST, target, false, e.getMessage());
      return;
    }
    show(exchange, StatusCodes.OK, target, true, "");
  }

  /**
   * The form, or the note that a code was sent.
   *
   * @param error the text of the alert (already in the page's language), empty for none
   */
  private void show(
      HttpServerExchange exchange, int status, String target, boolean sent, String error) {
    renderer.render(
        exchange,
        status,
        TEMPLATE,
        renderer.context(exchange, "title.emailLogin", "login-email", null, target),
        Map.of("sent", sent, "error", error));
  }

  private String text(HttpServerExchange exchange, String key) {
    return renderer.messages(exchange, null).t(key);
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
