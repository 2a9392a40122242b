package io.pocketid.server.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.sun.net.httpserver.HttpServer;
import io.pocketid.server.PocketIdCommand;
import io.pocketid.server.PocketIdServer;
import io.pocketid.server.internal.web.Browser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Cookie;

/**
 * An independent relying party (the Nimbus OAuth 2.0 / OIDC SDK) against the real server on SQLite,
 * with the user in a real Chromium signing in with a passkey from a virtual authenticator. The RP's
 * redirect target is a small JDK HTTP server on another localhost port.
 */
class NimbusRelyingPartyBrowserTest {
  @TempDir Path data;
  private int port;
  private String base;
  private PocketIdServer server;
  private Browser browser;
  private HttpServer rp;
  private final BlockingQueue<URI> rpRequests = new LinkedBlockingQueue<>();
  private String rpBase;
  private ClientID clientId;
  private Secret secret;
  private OIDCProviderMetadata metadata;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = "http://localhost:" + port;
    startServer();
    rp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    rp.createContext(
        "/",
        exchange -> {
          if (!exchange.getRequestURI().getPath().equals("/favicon.ico")) {
            rpRequests.add(exchange.getRequestURI());
          }
          byte[] body = "relying party".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    rp.start();
    rpBase = "http://localhost:" + rp.getAddress().getPort();
    browser = Browsers.withoutConditionalUi();
    setUpAdminWithPasskey();
    registerClient();
    metadata = OIDCProviderMetadata.resolve(new Issuer(base));
  }

  private void startServer() {
    server =
        PocketIdServer.builder()
            .port(port)
            .host("127.0.0.1")
            .appUrl(base)
            .dataDirectory(data)
            .build();
    server.start();
    server.ready().join();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (rp != null) {
      rp.stop(0);
    }
    server.stop();
  }

  private void setUpAdminWithPasskey() {
    browser.setUpAdminWithPasskey(base);
  }

  /** Registers a confidential client through the REST API with the admin's browser session. */
  private void registerClient() throws Exception {
    Cookie session = browser.driver.manage().getCookieNamed("access_token");
    String cookie = "access_token=" + session.getValue();
    String body =
        "{\"name\":\"Nimbus RP\",\"callbackURLs\":[\""
            + rpBase
            + "/callback\"],\"logoutCallbackURLs\":[\""
            + rpBase
            + "/logged-out\"],\"isPublic\":false,\"pkceEnabled\":true}";
    HttpResponse<String> created = api("POST", "/api/oidc/clients", body, cookie);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created.body()).getString("id");
    HttpResponse<String> secretResponse =
        api("POST", "/api/oidc/clients/" + id + "/secret", null, cookie);
    assertThat(secretResponse.statusCode()).isEqualTo(200);
    clientId = new ClientID(id);
    secret = new Secret(json(secretResponse.body()).getString("secret"));
  }

  private HttpResponse<String> api(String method, String path, String body, String cookie)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Cookie", cookie)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  private ClientSecretBasic clientAuth() {
    return new ClientSecretBasic(clientId, secret);
  }

  private URI nextRpRequest() throws InterruptedException {
    URI uri = rpRequests.poll(20, TimeUnit.SECONDS);
    assertThat(uri).as("a request at the relying party").isNotNull();
    return uri;
  }

  private static Map<String, String> params(URI uri) {
    return OidcTestServer.query(uri.toString());
  }

  private IDTokenClaimsSet validate(JWT idToken, Nonce nonce) throws Exception {
    IDTokenValidator validator =
        new IDTokenValidator(
            metadata.getIssuer(),
            clientId,
            JWSAlgorithm.parse(((SignedJWT) idToken).getHeader().getAlgorithm().getName()),
            metadata.getJWKSetURI().toURL());
    return validator.validate(idToken, nonce);
  }

  private OIDCTokenResponse token(com.nimbusds.oauth2.sdk.AuthorizationGrant grant)
      throws Exception {
    TokenResponse response =
        OIDCTokenResponseParser.parse(
            new TokenRequest(metadata.getTokenEndpointURI(), clientAuth(), grant)
                .toHTTPRequest()
                .send());
    assertThat(response.indicatesSuccess())
        .as(() -> response.toErrorResponse().getErrorObject().toString())
        .isTrue();
    return (OIDCTokenResponse) response.toSuccessResponse();
  }

  private void rotateKeyWithTheCli(String alg) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        PocketIdCommand.run(
            new String[] {"key-rotate", "--alg", alg, "-y"},
            Map.of(
                "APP_URL", base,
                "DB_PROVIDER", "sqlite",
                "DB_CONNECTION_STRING", data.resolve("pocket-id.db").toString(),
                "KEYS_PATH", data.resolve("keys").toString(),
                "UPLOAD_PATH", data.resolve("uploads").toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("is now current");
  }

  private UserInfoResponse userinfo(AccessToken token) throws Exception {
    return UserInfoResponse.parse(
        new UserInfoRequest(metadata.getUserInfoEndpointURI(), (BearerAccessToken) token)
            .toHTTPRequest()
            .send());
  }

  private TokenIntrospectionResponse introspect(AccessToken token) throws Exception {
    TokenIntrospectionResponse response =
        TokenIntrospectionResponse.parse(
            new TokenIntrospectionRequest(
                    metadata.getIntrospectionEndpointURI(), clientAuth(), token)
                .toHTTPRequest()
                .send());
    assertThat(response.indicatesSuccess()).isTrue();
    return response;
  }

  private String tokenError(com.nimbusds.oauth2.sdk.AuthorizationGrant grant) throws Exception {
    TokenResponse response =
        OIDCTokenResponseParser.parse(
            new TokenRequest(metadata.getTokenEndpointURI(), clientAuth(), grant)
                .toHTTPRequest()
                .send());
    assertThat(response.indicatesSuccess()).isFalse();
    return ((TokenErrorResponse) response).getErrorObject().getCode();
  }

  /** A second authorization with remembered consent: no consent page, straight to the RP. */
  private String authorize(URI redirect, CodeVerifier verifier) throws Exception {
    AuthenticationRequest request =
        new AuthenticationRequest.Builder(
                new ResponseType("code"), new Scope("openid", "email"), clientId, redirect)
            .endpointURI(metadata.getAuthorizationEndpointURI())
            .state(new State())
            .codeChallenge(verifier, CodeChallengeMethod.S256)
            .build();
    browser.get(request.toURI().toString());
    return params(nextRpRequest()).get("code");
  }

  @Test
  void codeFlowWithPkceThenTokensValidateAndSurviveAKeyRotationAndRestartThenEndSessionLogsOut()
      throws Exception {
    // Authorization code + PKCE through the browser: consent page, Allow, redirect to the RP.
    State state = new State();
    Nonce nonce = new Nonce();
    CodeVerifier verifier = new CodeVerifier();
    URI redirect = URI.create(rpBase + "/callback");
    AuthenticationRequest request =
        new AuthenticationRequest.Builder(
                new ResponseType("code"),
                new Scope("openid", "profile", "email"),
                clientId,
                redirect)
            .endpointURI(metadata.getAuthorizationEndpointURI())
            .state(state)
            .nonce(nonce)
            .codeChallenge(verifier, CodeChallengeMethod.S256)
            .build();
    browser.get(request.toURI().toString());
    assertThat(browser.waitForText("#scopes", "email")).contains("Your email address");
    browser.click("#allow");
    Map<String, String> callback = params(nextRpRequest());
    assertThat(callback.get("state")).isEqualTo(state.getValue());
    assertThat(callback.get("iss")).isEqualTo(base);

    OIDCTokenResponse tokens =
        token(
            new AuthorizationCodeGrant(
                new AuthorizationCode(callback.get("code")), redirect, verifier));
    JWT idToken = tokens.getOIDCTokens().getIDToken();
    AccessToken accessToken = tokens.getOIDCTokens().getAccessToken();
    RefreshToken refreshToken = tokens.getOIDCTokens().getRefreshToken();

    // ID token: signature from the JWKS, iss, aud, nonce, expiry (IDTokenValidator), at_hash.
    IDTokenClaimsSet claims = validate(idToken, nonce);
    assertThat(claims.getIssuer().getValue()).isEqualTo(base);
    assertThat(claims.getAudience())
        .extracting(a -> a.getValue())
        .containsExactly(clientId.getValue());
    AccessTokenValidator.validate(
        accessToken,
        JWSAlgorithm.parse(((SignedJWT) idToken).getHeader().getAlgorithm().getName()),
        claims.getAccessTokenHash());

    // Userinfo.
    UserInfoResponse userinfo = userinfo(accessToken);
    assertThat(userinfo.indicatesSuccess()).isTrue();
    assertThat(userinfo.toSuccessResponse().getUserInfo().getEmailAddress())
        .isEqualTo("ada@example.com");
    assertThat(userinfo.toSuccessResponse().getUserInfo().getSubject())
        .isEqualTo(claims.getSubject());

    // Introspection.
    assertThat(introspect(accessToken).toSuccessResponse().isActive()).isTrue();

    // Key rotation with the CLI while the server runs, then a restart: old tokens stay valid.
    String oldKid = ((SignedJWT) idToken).getHeader().getKeyID();
    rotateKeyWithTheCli("ES256");
    assertThat(validate(idToken, nonce).getSubject()).isEqualTo(claims.getSubject());
    server.stop();
    startServer();
    String jwks =
        http.send(
                HttpRequest.newBuilder(metadata.getJWKSetURI()).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(json(jwks).getJsonArray("keys")).hasSize(2);
    assertThat(jwks).contains(oldKid);
    assertThat(validate(idToken, nonce).getSubject()).isEqualTo(claims.getSubject());
    assertThat(userinfo(accessToken).indicatesSuccess()).isTrue();
    assertThat(introspect(accessToken).toSuccessResponse().isActive()).isTrue();
    OIDCTokenResponse clientToken = token(new ClientCredentialsGrant());
    SignedJWT newToken = SignedJWT.parse(clientToken.getTokens().getAccessToken().getValue());
    assertThat(newToken.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    assertThat(newToken.getHeader().getKeyID()).isNotEqualTo(oldKid);

    // Refresh (after the rotation): new tokens; the old refresh token is refused afterwards.
    OIDCTokenResponse refreshed = token(new RefreshTokenGrant(refreshToken));
    RefreshToken newRefresh = refreshed.getOIDCTokens().getRefreshToken();
    assertThat(newRefresh).isNotEqualTo(refreshToken);
    assertThat(validate(refreshed.getOIDCTokens().getIDToken(), null).getSubject())
        .isEqualTo(claims.getSubject());
    assertThat(tokenError(new RefreshTokenGrant(refreshToken))).isEqualTo("invalid_grant");

    // Revocation (RFC 7009): a revoked refresh token is refused.
    OIDCTokenResponse second =
        token(
            new AuthorizationCodeGrant(
                new AuthorizationCode(authorize(redirect, verifier)), redirect, verifier));
    RefreshToken toRevoke = second.getOIDCTokens().getRefreshToken();
    assertThat(
            new TokenRevocationRequest(
                    URI.create(base + "/api/oidc/revoke"), clientAuth(), toRevoke)
                .toHTTPRequest()
                .send()
                .getStatusCode())
        .isEqualTo(200);
    assertThat(tokenError(new RefreshTokenGrant(toRevoke))).isEqualTo("invalid_grant");

    // The code is single-use.
    assertThat(
            tokenError(
                new AuthorizationCodeGrant(
                    new AuthorizationCode(callback.get("code")), redirect, verifier)))
        .isEqualTo("invalid_grant");

    // End-session with the ID token as hint: the browser session ends, back to the RP with state.
    State logoutState = new State();
    LogoutRequest logout =
        new LogoutRequest(
            metadata.getEndSessionEndpointURI(),
            idToken,
            URI.create(rpBase + "/logged-out"),
            logoutState);
    browser.get(logout.toURI().toString());
    URI loggedOut = nextRpRequest();
    assertThat(loggedOut.getPath()).isEqualTo("/logged-out");
    assertThat(params(loggedOut).get("state")).isEqualTo(logoutState.getValue());
    browser.get(base + "/settings/account");
    browser.waitForPath("/login");
  }

  @Test
  void clientRequiringReauthenticationThenAllowRunsAFreshPasskeyCeremonyBeforeTheCode()
      throws Exception {
    Cookie session = browser.driver.manage().getCookieNamed("access_token");
    HttpResponse<String> updated =
        api(
            "PUT",
            "/api/oidc/clients/" + clientId.getValue(),
            "{\"name\":\"Nimbus RP\",\"callbackURLs\":[\""
                + rpBase
                + "/callback\"],\"isPublic\":false,\"pkceEnabled\":true,"
                + "\"requiresReauthentication\":true}",
            "access_token=" + session.getValue());
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    CodeVerifier verifier = new CodeVerifier();
    URI redirect = URI.create(rpBase + "/callback");
    State state = new State();
    AuthenticationRequest request =
        new AuthenticationRequest.Builder(
                new ResponseType("code"), new Scope("openid"), clientId, redirect)
            .endpointURI(metadata.getAuthorizationEndpointURI())
            .state(state)
            .codeChallenge(verifier, CodeChallengeMethod.S256)
            .build();

    browser.get(request.toURI().toString());
    assertThat(browser.find("#consent-form").getAttribute("data-reauth")).isEqualTo("true");
    browser.authenticator.setUserVerified(false);
    browser.click("#allow");
    assertThat(browser.waitForText("#error", "cancelled")).contains("Try again");

    browser.authenticator.setUserVerified(true);
    browser.click("#allow");
    Map<String, String> callback = params(nextRpRequest());
    assertThat(callback.get("state")).isEqualTo(state.getValue());
    OIDCTokenResponse tokens =
        token(
            new AuthorizationCodeGrant(
                new AuthorizationCode(callback.get("code")), redirect, verifier));
    assertThat(validate(tokens.getOIDCTokens().getIDToken(), null).getSubject()).isNotNull();
  }

  @Test
  void signedOutUserThenSignsInWithThePasskeyAndComesBackToTheConsentPageThenCodeDelivered()
      throws Exception {
    browser.get(base + "/logout");
    browser.click("form[action='/logout'] button[type=submit]");
    browser.waitForPath("/login");
    CodeVerifier verifier = new CodeVerifier();
    URI redirect = URI.create(rpBase + "/callback");
    State state = new State();
    AuthenticationRequest request =
        new AuthenticationRequest.Builder(
                new ResponseType("code"), new Scope("openid", "groups"), clientId, redirect)
            .endpointURI(metadata.getAuthorizationEndpointURI())
            .state(state)
            .codeChallenge(verifier, CodeChallengeMethod.S256)
            .build();

    browser.get(request.toURI().toString());
    browser.waitForPath("/login");
    browser.click("#passkey-login");
    assertThat(browser.waitForText("#scopes", "groups")).contains("The groups you belong to");
    browser.click("#allow");

    Map<String, String> callback = params(nextRpRequest());
    assertThat(callback.get("state")).isEqualTo(state.getValue());
    assertThat(
            token(
                    new AuthorizationCodeGrant(
                        new AuthorizationCode(callback.get("code")), redirect, verifier))
                .getOIDCTokens()
                .getIDToken())
        .isNotNull();
  }

  @Test
  void deviceFlowApprovedInTheBrowserThenTheDeviceGetsTokensAndClientCredentialsWork()
      throws Exception {
    DeviceAuthorizationResponse started =
        DeviceAuthorizationResponse.parse(
            new DeviceAuthorizationRequest.Builder(clientAuth())
                .endpointURI(metadata.getDeviceAuthorizationEndpointURI())
                .scope(new Scope("openid", "profile"))
                .build()
                .toHTTPRequest()
                .send());
    assertThat(started.indicatesSuccess()).isTrue();
    DeviceAuthorizationSuccessResponse device = started.toSuccessResponse();

    TokenResponse pending =
        OIDCTokenResponseParser.parse(
            new TokenRequest(
                    metadata.getTokenEndpointURI(),
                    clientAuth(),
                    new DeviceCodeGrant(device.getDeviceCode()))
                .toHTTPRequest()
                .send());
    assertThat(((TokenErrorResponse) pending).getErrorObject().getCode())
        .isEqualTo("authorization_pending");

    browser.get(device.getVerificationURIComplete().toString());
    assertThat(browser.find("#user-code").getText()).isEqualTo(device.getUserCode().getValue());
    browser.click("#approve");
    assertThat(browser.waitForText("#message", "Done")).contains("Nimbus RP");

    OIDCTokenResponse tokens = token(new DeviceCodeGrant(device.getDeviceCode()));
    IDTokenClaimsSet claims = validate(tokens.getOIDCTokens().getIDToken(), null);
    assertThat(claims.getStringClaim("preferred_username")).isEqualTo("ada");

    OIDCTokenResponse clientToken = token(new ClientCredentialsGrant());
    assertThat(clientToken.getTokens().getAccessToken().getValue()).isNotBlank();
  }
}
