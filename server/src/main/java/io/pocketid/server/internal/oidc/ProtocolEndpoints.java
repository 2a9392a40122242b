package io.pocketid.server.internal.oidc;

import io.pocketid.core.json.JsonWriter;
import io.pocketid.oidc.OAuthError;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.authorize.PushedAuthorizations;
import io.pocketid.oidc.device.DeviceAuthorizationService;
import io.pocketid.oidc.grant.TokenService;
import io.pocketid.oidc.introspect.AuditedRevocation;
import io.pocketid.oidc.introspect.IntrospectionService;
import io.pocketid.oidc.userinfo.UserinfoService;
import io.pocketid.server.internal.auth.ClientAddress;
import io.pocketid.server.internal.auth.ClientAuthThrottle;
import io.pocketid.server.internal.http.FormBody;
import io.pocketid.server.internal.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The back-channel protocol endpoints: discovery, JWKS, token, userinfo, introspection, revocation
 * and device authorization. Each parses, calls one protocol method and renders; OAuth errors are
 * {@code {"error","error_description"}} with the status and {@code WWW-Authenticate} the protocol
 * class gives.
 */
public final class ProtocolEndpoints {
  private static final Logger LOG = LoggerFactory.getLogger(ProtocolEndpoints.class);
  static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
  static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
  static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
  private static final HttpString PRAGMA = new HttpString("Pragma");

  /** Discovery and JWKS may be cached briefly: a rotation shows within five minutes. */
  static final String PUBLIC_CACHE = "public, max-age=300";

  private final OidcDocuments documents;
  private final TokenService tokens;
  private final UserinfoService userinfo;
  private final IntrospectionService introspection;
  private final AuditedRevocation revocation;
  private final DeviceAuthorizationService devices;
  private final PushedAuthorizations par;
  private final ClientAuthThrottle throttle;
  private final ClientAddress clientAddress;

  public ProtocolEndpoints(
      OidcDocuments documents,
      TokenService tokens,
      UserinfoService userinfo,
      IntrospectionService introspection,
      AuditedRevocation revocation,
      DeviceAuthorizationService devices,
      PushedAuthorizations par,
      ClientAuthThrottle throttle,
      ClientAddress clientAddress) {
    this.documents = documents;
    this.tokens = tokens;
    this.userinfo = userinfo;
    this.introspection = introspection;
    this.revocation = revocation;
    this.devices = devices;
    this.par = par;
    this.throttle = throttle;
    this.clientAddress = clientAddress;
  }

  /** Pocket ID's CORS headers (§6.6), on the response and for a preflight. */
  public static HttpHandler cors(HttpHandler next) {
    return exchange -> {
      exchange.getResponseHeaders().put(ALLOW_ORIGIN, "*");
      exchange.getResponseHeaders().put(ALLOW_HEADERS, "Authorization");
      exchange.getResponseHeaders().put(ALLOW_METHODS, "GET, POST");
      next.handleRequest(exchange);
    };
  }

  /** {@code OPTIONS}: 204 with the CORS headers. */
  public static void preflight(HttpServerExchange exchange) {
    exchange.setStatusCode(StatusCodes.NO_CONTENT);
    exchange.endExchange();
  }

  public void openidConfiguration(HttpServerExchange exchange) {
    document(exchange, documents.current().openidConfiguration());
  }

  public void jwks(HttpServerExchange exchange) {
    document(exchange, documents.current().jwks());
  }

  private static void document(HttpServerExchange exchange, StaticDocument document) {
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, PUBLIC_CACHE);
    exchange.getResponseHeaders().put(Headers.ETAG, document.etag());
    if (document.matches(exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH))) {
      exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
      exchange.endExchange();
      return;
    }
    exchange.setStatusCode(StatusCodes.OK);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, Responses.JSON);
    exchange.getResponseSender().send(document.buffer());
  }

  /** {@code POST /api/oidc/token}. */
  public void token(HttpServerExchange exchange) {
    noStore(exchange);
    protocol(
        exchange, () -> asClient(exchange, (form, auth) -> tokens.exchange(form, auth)).toMap());
  }

  /** {@code GET|POST /api/oidc/userinfo}: bearer token in the header, or in a POST form. */
  public void userinfo(HttpServerExchange exchange) {
    noStore(exchange);
    protocol(
        exchange,
        () -> {
          Optional<String> formToken = Optional.empty();
          if (exchange.getRequestMethod().equals(Methods.POST)) {
            List<String> values = FormBody.read(exchange).get("access_token");
            if (values != null && values.size() > 1) {
              throw OAuthException.badRequest(
                  OAuthError.invalidRequest("access_token is repeated"));
            }
            formToken = values == null ? Optional.empty() : Optional.of(values.get(0));
          }
          return userinfo.userinfo(authorization(exchange), formToken);
        });
  }

  /** {@code POST /api/oidc/introspect}. */
  public void introspect(HttpServerExchange exchange) {
    noStore(exchange);
    protocol(
        exchange, () -> asClient(exchange, (form, auth) -> introspection.introspect(form, auth)));
  }

  /** {@code POST /api/oidc/revoke}: 200 with an empty body (RFC 7009 §2.2). */
  public void revoke(HttpServerExchange exchange) {
    noStore(exchange);
    try {
      var origin = clientAddress.origin(exchange);
      asClient(
          exchange,
          (form, auth) -> {
            revocation.revoke(form, auth, origin);
            return null;
          });
      exchange.setStatusCode(StatusCodes.OK);
      exchange.endExchange();
    } catch (OAuthException e) {
      error(exchange, e);
    }
  }

  /** {@code POST /api/oidc/device/authorize}. */
  public void deviceAuthorize(HttpServerExchange exchange) {
    noStore(exchange);
    protocol(
        exchange, () -> asClient(exchange, (form, auth) -> devices.authorize(form, auth)).toMap());
  }

  /** {@code POST /api/oidc/par} (RFC 9126): 201 with {@code request_uri} and {@code expires_in}. */
  public void pushedAuthorization(HttpServerExchange exchange) {
    noStore(exchange);
    Map<String, Object> body;
    try {
      body = asClient(exchange, (form, auth) -> par.push(form, auth.orElse(null)));
    } catch (OAuthException e) {
      error(exchange, e);
      return;
    }
    Responses.json(exchange, StatusCodes.CREATED, JsonWriter.write(body));
  }

  @FunctionalInterface
  interface ClientCall<T> {
    T call(Map<String, List<String>> form, Optional<String> authorization) throws OAuthException;
  }

  /**
   * A call that authenticates a client: reads the form, answers 429 with {@code Retry-After} when
   * the caller's address or claimed client id has spent its failure budget (before any secret is
   * checked), and counts an {@code invalid_client} against both (security finding 10).
   */
  private <T> T asClient(HttpServerExchange exchange, ClientCall<T> call) throws OAuthException {
    Map<String, List<String>> form = FormBody.read(exchange);
    Optional<String> authorization = authorization(exchange);
    String address = clientAddress.ip(exchange);
    String clientId = ClientAuthThrottle.claimedClientId(form, authorization);
    Optional<Duration> wait = throttle.waitTime(address, clientId);
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(seconds));
      throw new OAuthException(
          new OAuthError(
              "temporarily_unavailable",
              "too many failed client authentications; retry after " + seconds + " s"),
          StatusCodes.TOO_MANY_REQUESTS,
          null);
    }
    try {
      return call.call(form, authorization);
    } catch (OAuthException e) {
      if (OAuthError.INVALID_CLIENT.equals(e.error().code())) {
        throttle.failed(address, clientId);
      }
      throw e;
    }
  }

  @FunctionalInterface
  interface ProtocolCall {
    Map<String, Object> call() throws OAuthException;
  }

  private static void protocol(HttpServerExchange exchange, ProtocolCall call) {
    Map<String, Object> body;
    try {
      body = call.call();
    } catch (OAuthException e) {
      error(exchange, e);
      return;
    }
    Responses.json(exchange, StatusCodes.OK, JsonWriter.write(body));
  }

  /** Renders an OAuth error the one way: status, JSON body, optional WWW-Authenticate. */
  static void error(HttpServerExchange exchange, OAuthException e) {
    if (e.status() >= 500) {
      LOG.warn("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestPath(), e.getMessage());
    }
    e.wwwAuthenticate()
        .ifPresent(v -> exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, v));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.error().code());
    body.put("error_description", e.error().description());
    Responses.json(exchange, e.status(), JsonWriter.write(body));
  }

  static void noStore(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseHeaders().put(PRAGMA, "no-cache");
  }

  static Optional<String> authorization(HttpServerExchange exchange) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
  }
}
