package io.pocketid.server.internal.oidc;

import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.device.DeviceAuthorizationService;
import io.pocketid.oidc.device.DeviceDecisions;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.ClientAddress;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.auth.RateLimiter;
import io.pocketid.server.internal.http.Csrf;
import io.pocketid.server.internal.http.FormBody;
import io.pocketid.server.internal.web.Messages;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code /device} page (RFC 8628 §3.3): enter or confirm the user code, approve or deny. */
public final class DevicePage {
  private static final int MAX_CODE = 32;

  private final OidcPages pages;
  private final Access access;
  private final Csrf csrf;
  private final DeviceDecisions devices;
  private final RateLimiter codeLimit;
  private final ClientAddress clientAddress;

  public DevicePage(
      OidcPages pages,
      Access access,
      Csrf csrf,
      DeviceDecisions devices,
      RateLimiter codeLimit,
      ClientAddress clientAddress) {
    this.pages = pages;
    this.access = access;
    this.csrf = csrf;
    this.devices = devices;
    this.codeLimit = codeLimit;
    this.clientAddress = clientAddress;
  }

  /** {@code GET /device[?code=]}. */
  public void get(HttpServerExchange exchange) {
    String code =
        Optional.ofNullable(exchange.getQueryParameters().get("code"))
            .map(d -> d.getFirst())
            .orElse("")
            .trim();
    if (requireUser(exchange, code).isEmpty()) {
      return;
    }
    if (code.isEmpty()) {
      show(exchange, StatusCodes.OK, "", null, null);
      return;
    }
    if (rateLimited(exchange)) {
      return;
    }
    Optional<DeviceAuthorizationService.PendingDevice> pending =
        code.length() > MAX_CODE ? Optional.empty() : devices.lookup(code);
    if (pending.isEmpty()) {
      show(
          exchange,
          StatusCodes.BAD_REQUEST,
          code.length() > MAX_CODE ? "" : code,
          null,
          "device.error.invalidCode");
      return;
    }
    show(exchange, StatusCodes.OK, pending.get().userCode(), pending.get(), null);
  }

  /** {@code POST /device}: approve or deny. */
  public void post(HttpServerExchange exchange) {
    Map<String, List<String>> form;
    try {
      form = FormBody.read(exchange);
    } catch (OAuthException e) {
      pages.detail(exchange, e.status(), "error.invalidRequest", e.error().description());
      return;
    }
    if (!csrf.valid(exchange, form)) {
      pages.formExpired(exchange);
      return;
    }
    String code = first(form, "code");
    Optional<Principal> principal = requireUser(exchange, code);
    if (principal.isEmpty() || rateLimited(exchange)) {
      return;
    }
    try {
      if ("approve".equals(first(form, AuthorizeEndpoint.ACTION))) {
        DeviceAuthorizationService.Approval approval =
            devices.approve(
                code,
                principal.get().user(),
                principal.get().session().createdAt(),
                clientAddress.origin(exchange));
        pages.message(
            exchange,
            StatusCodes.OK,
            "device.connected.title",
            "device.connected",
            approval.clientName());
      } else {
        devices.deny(code, principal.get().user());
        pages.message(exchange, StatusCodes.OK, "device.denied.title", "device.denied");
      }
    } catch (OAuthException e) {
      if (e.status() == 403) {
        pages.detail(
            exchange, StatusCodes.FORBIDDEN, "error.accessDenied", e.error().description() + ".");
      } else {
        show(exchange, StatusCodes.BAD_REQUEST, "", null, "device.error.expired");
      }
    }
  }

  /**
   * Code lookups and decisions share one per-address budget (security finding 8): each is a guess
   * at a user code. Answers 429 when it is spent.
   */
  private boolean rateLimited(HttpServerExchange exchange) {
    if (codeLimit.tryAcquire(clientAddress.ip(exchange))) {
      return false;
    }
    show(exchange, StatusCodes.TOO_MANY_REQUESTS, "", null, "device.error.tooManyAttempts");
    return true;
  }

  private Optional<Principal> requireUser(HttpServerExchange exchange, String code) {
    return access.sessionOrLogin(
        exchange, code.isEmpty() ? "/device" : "/device?code=" + OidcPages.encode(code));
  }

  /**
   * The page: the code form, or the request to approve.
   *
   * @param errorKey the message key of the alert, null for none
   */
  private void show(
      HttpServerExchange exchange,
      int status,
      String code,
      DeviceAuthorizationService.PendingDevice pending,
      String errorKey) {
    Messages messages = pages.messages(exchange);
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("code", code);
    extra.put("clientName", pending == null ? "" : pending.clientName());
    extra.put(
        "scopes", pending == null ? List.of() : OidcPages.describe(pending.scopes(), messages));
    extra.put("error", errorKey == null ? "" : messages.t(errorKey));
    pages.render(exchange, status, "oidc/device.jte", extra, "title.device");
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? "" : values.get(0).trim();
  }
}
