package io.pocketid.server.internal.oidc;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.device.DeviceAuthorizationService;
import io.pocketid.server.internal.auth.Principal;
import io.pocketid.server.internal.http.Redirects;
import io.pocketid.server.internal.http.WebServices;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The {@code /device} page (RFC 8628 §3.3): enter or confirm the user code, approve or deny. */
final class DevicePage {
  private static final int MAX_CODE = 32;

  private final Supplier<OidcServices> services;
  private final OidcPages pages;

  DevicePage(Supplier<OidcServices> services, OidcPages pages) {
    this.services = services;
    this.pages = pages;
  }

  /** {@code GET /device[?code=]}. */
  void get(HttpServerExchange exchange) {
    OidcServices o = services.get();
    WebServices s = o.web;
    String code =
        Optional.ofNullable(exchange.getQueryParameters().get("code"))
            .map(d -> d.getFirst())
            .orElse("")
            .trim();
    if (requireUser(exchange, s, code).isEmpty()) {
      return;
    }
    if (code.isEmpty()) {
      show(exchange, o, StatusCodes.OK, "", null, "");
      return;
    }
    if (rateLimited(exchange, o)) {
      return;
    }
    Optional<DeviceAuthorizationService.PendingDevice> pending =
        code.length() > MAX_CODE ? Optional.empty() : o.devices.lookup(code);
    if (pending.isEmpty()) {
      show(
          exchange,
          o,
          StatusCodes.BAD_REQUEST,
          code.length() > MAX_CODE ? "" : code,
          null,
          "This code is invalid or has expired. Check it and try again.");
      return;
    }
    show(exchange, o, StatusCodes.OK, pending.get().userCode(), pending.get(), "");
  }

  /** {@code POST /device}: approve or deny. */
  void post(HttpServerExchange exchange) {
    OidcServices o = services.get();
    WebServices s = o.web;
    Map<String, List<String>> form;
    try {
      form = FormBody.read(exchange);
    } catch (OAuthException e) {
      pages.message(exchange, s, e.status(), "Invalid request", e.error().description());
      return;
    }
    if (!OidcPages.validCsrf(exchange, s, form)) {
      pages.message(
          exchange,
          s,
          StatusCodes.FORBIDDEN,
          "Request refused",
          "The form has expired or came from another site. Go back, reload and try again.");
      return;
    }
    String code = first(form, "code");
    Optional<Principal> principal = requireUser(exchange, s, code);
    if (principal.isEmpty() || rateLimited(exchange, o)) {
      return;
    }
    try {
      if ("approve".equals(first(form, AuthorizeEndpoint.ACTION))) {
        DeviceAuthorizationService.Approval approval =
            o.devices.approve(code, principal.get().user(), principal.get().session().createdAt());
        s.audit.record(
            approval.newConsent()
                ? AuditEvents.NEW_DEVICE_CODE_AUTHORIZATION
                : AuditEvents.DEVICE_CODE_AUTHORIZATION,
            principal.get().user().id(),
            s.clientAddress.origin(exchange),
            Map.of("clientName", approval.clientName()));
        pages.message(
            exchange,
            s,
            StatusCodes.OK,
            "Device connected",
            "Done: " + approval.clientName() + " is signed in. You can return to your device.");
      } else {
        o.devices.deny(code, principal.get().user());
        pages.message(
            exchange, s, StatusCodes.OK, "Request denied", "The device was not signed in.");
      }
    } catch (OAuthException e) {
      if (e.status() == 403) {
        pages.message(
            exchange, s, StatusCodes.FORBIDDEN, "Access denied", e.error().description() + ".");
      } else {
        show(
            exchange, o, StatusCodes.BAD_REQUEST, "", null, "This code is invalid or has expired.");
      }
    }
  }

  /**
   * Code lookups and decisions share one per-address budget (security finding 8): each is a guess
   * at a user code. Answers 429 when it is spent.
   */
  private boolean rateLimited(HttpServerExchange exchange, OidcServices o) {
    WebServices s = o.web;
    if (s.deviceCodeLimit.tryAcquire(s.clientAddress.ip(exchange))) {
      return false;
    }
    show(
        exchange,
        o,
        StatusCodes.TOO_MANY_REQUESTS,
        "",
        null,
        "Too many attempts. Wait a few seconds and try again.");
    return true;
  }

  private Optional<Principal> requireUser(HttpServerExchange exchange, WebServices s, String code) {
    Optional<Principal> principal = s.auth.principal(exchange).filter(p -> !p.viaApiKey());
    if (principal.isEmpty()) {
      String back = code.isEmpty() ? "/device" : "/device?code=" + OidcPages.encode(code);
      Redirects.found(exchange, "/login?redirect=" + OidcPages.encode(back));
    }
    return principal;
  }

  private void show(
      HttpServerExchange exchange,
      OidcServices o,
      int status,
      String code,
      DeviceAuthorizationService.PendingDevice pending,
      String error) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("code", code);
    extra.put("clientName", pending == null ? "" : pending.clientName());
    extra.put("scopes", pending == null ? List.of() : OidcPages.describe(pending.scopes()));
    extra.put("error", error);
    pages.render(exchange, o.web, status, "oidc/device.jte", "Connect a device", extra);
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? "" : values.get(0).trim();
  }
}
