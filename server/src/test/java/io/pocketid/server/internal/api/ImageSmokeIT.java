package io.pocketid.server.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.pocketid.server.Forms;
import io.pocketid.webauthn.SoftwareAuthenticator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The container image's end-to-end check, run by {@code distribution/verify-image.sh} against a
 * freshly started container ({@code -Dpocketid.image.url=http://localhost:PORT}, the container's
 * APP_URL). Not part of {@code mvn verify} (the name ends in IT): it needs the image.
 *
 * <p>The image ships trimmed jars and a trimmed Java runtime, so this drives the code paths that
 * lean on what was trimmed, over HTTP as a user would: the first admin, a passkey registered and
 * used (Yubico's library on Guava, Jackson and CBOR), an OIDC client made through the REST API, the
 * authorization code flow with PKCE, the ID token's signature checked against the JWKS, userinfo,
 * refresh-token rotation, introspection and client_credentials. It writes the client's credentials
 * and the signing key's id to {@code -Dpocketid.image.out} so that the script can check, after a
 * restart, that both survived in the volume.
 */
class ImageSmokeIT {
  private static final String SETUP =
      "{\"username\":\"ada\",\"email\":\"ada@example.com\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}";
  private static final String CALLBACK = "https://rp.example/callback";

  @Test
  void passkeyAndOidcFlowsWorkInTheImage() throws Exception {
    String appUrl = System.getProperty("pocketid.image.url");
    assertThat(appUrl).as("-Dpocketid.image.url (the container's APP_URL)").isNotBlank();
    Client browser = new Client(appUrl);
    SoftwareAuthenticator authenticator =
        new SoftwareAuthenticator(appUrl, java.net.URI.create(appUrl).getHost());

    // The first admin, then a passkey, sign out, sign in with the passkey.
    HttpResponse<String> setup = browser.json("POST", "/api/signup/setup", SETUP);
    assertThat(setup.statusCode()).as(setup.body()).isEqualTo(200);
    HttpResponse<String> options = browser.get("/api/webauthn/register/start");
    assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
    HttpResponse<String> registered =
        browser.json(
            "POST", "/api/webauthn/register/finish", authenticator.register(options.body()));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
    assertThat(browser.json("POST", "/api/webauthn/logout", null).statusCode()).isEqualTo(204);
    assertThat(browser.get("/api/users/me").statusCode()).isEqualTo(401);
    HttpResponse<String> signedIn =
        browser.json(
            "POST",
            "/api/webauthn/login/finish",
            authenticator.authenticate(browser.get("/api/webauthn/login/start").body()));
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
    assertThat(json(browser.get("/api/users/me")).getString("username")).isEqualTo("ada");

    // A confidential client, made and given a secret through the REST API.
    HttpResponse<String> created =
        browser.json(
            "POST",
            "/api/oidc/clients",
            "{\"name\":\"Image smoke\",\"callbackURLs\":[\"" + CALLBACK + "\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String clientId = json(created).getString("id");
    HttpResponse<String> secretResponse =
        browser.json("POST", "/api/oidc/clients/" + clientId + "/secret", null);
    assertThat(secretResponse.statusCode()).as(secretResponse.body()).isEqualTo(200);
    String secret = json(secretResponse).getString("secret");
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));

    JsonObject discovery = json(browser.get("/.well-known/openid-configuration"));
    assertThat(discovery.getString("issuer")).isEqualTo(appUrl);
    String tokenPath = path(discovery.getString("token_endpoint"));

    // Authorization code with PKCE through Pocket ID's JSON API, then the token endpoint.
    String verifier = random();
    String challenge =
        b64(
            MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    String nonce = random();
    HttpResponse<String> authorized =
        browser.json(
            "POST",
            "/api/oidc/authorize",
            "{\"clientId\":\""
                + clientId
                + "\",\"scope\":\"openid profile email\",\"callbackURL\":\""
                + CALLBACK
                + "\",\"nonce\":\""
                + nonce
                + "\",\"codeChallenge\":\""
                + challenge
                + "\",\"codeChallengeMethod\":\"S256\"}");
    assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(200);
    String code = json(authorized).getString("code");
    HttpResponse<String> tokens =
        browser.send(
            tokenPath,
            form(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", CALLBACK,
                "code_verifier", verifier),
            Map.of("Authorization", basic));
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    JsonObject tokenBody = json(tokens);

    // The ID token verifies against the published JWKS and carries what was asked for.
    JWKSet jwks = JWKSet.parse(browser.get(path(discovery.getString("jwks_uri"))).body());
    SignedJWT idToken = SignedJWT.parse(tokenBody.getString("id_token"));
    JWK key = jwks.getKeyByKeyId(idToken.getHeader().getKeyID());
    assertThat(key).as("the ID token's kid is in the JWKS").isNotNull();
    assertThat(verify(idToken, key)).as("ID token signature").isTrue();
    assertThat(idToken.getJWTClaimsSet().getIssuer()).isEqualTo(appUrl);
    assertThat(idToken.getJWTClaimsSet().getAudience()).containsExactly(clientId);
    assertThat(idToken.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo(nonce);
    assertThat(idToken.getJWTClaimsSet().getStringClaim("email")).isEqualTo("ada@example.com");
    assertThat(idToken.getJWTClaimsSet().getStringListClaim("amr")).contains("pop");

    String accessToken = tokenBody.getString("access_token");
    HttpResponse<String> userinfo =
        browser.send(
            path(discovery.getString("userinfo_endpoint")),
            null,
            Map.of("Authorization", "Bearer " + accessToken));
    assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(200);
    assertThat(json(userinfo).getString("preferred_username")).isEqualTo("ada");

    // Refresh-token rotation: the new one works (its access token is active), the old one is
    // refused.
    String refresh = tokenBody.getString("refresh_token");
    HttpResponse<String> refreshed =
        browser.send(
            tokenPath,
            form("grant_type", "refresh_token", "refresh_token", refresh),
            Map.of("Authorization", basic));
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    assertThat(json(refreshed).getString("refresh_token")).isNotEqualTo(refresh);
    HttpResponse<String> introspected =
        browser.send(
            path(discovery.getString("introspection_endpoint")),
            form("token", json(refreshed).getString("access_token")),
            Map.of("Authorization", basic));
    assertThat(introspected.statusCode()).as(introspected.body()).isEqualTo(200);
    assertThat(json(introspected).getBoolean("active")).isTrue();

    HttpResponse<String> reused =
        browser.send(
            tokenPath,
            form("grant_type", "refresh_token", "refresh_token", refresh),
            Map.of("Authorization", basic));
    assertThat(reused.statusCode()).isEqualTo(400);
    assertThat(reused.body()).contains("\"error\":\"invalid_grant\"");

    HttpResponse<String> machine =
        browser.send(
            tokenPath, form("grant_type", "client_credentials"), Map.of("Authorization", basic));
    assertThat(machine.statusCode()).as(machine.body()).isEqualTo(200);

    String out = System.getProperty("pocketid.image.out");
    if (out != null && !out.isBlank()) {
      Files.write(
          Path.of(out),
          List.of(
              "client_id=" + clientId,
              "client_secret=" + secret,
              "kid=" + idToken.getHeader().getKeyID()),
          StandardCharsets.UTF_8);
    }
  }

  private static boolean verify(SignedJWT jwt, JWK key) throws Exception {
    java.security.Key publicKey =
        key instanceof RSAKey rsa
            ? rsa.toPublicKey()
            : key instanceof ECKey ec ? ec.toPublicKey() : null;
    assertThat(publicKey).as("an RSA or EC signing key (the image's default is RS256)").isNotNull();
    return jwt.verify(
        new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), publicKey));
  }

  private static JsonObject json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  /** The path of an advertised endpoint (the client talks to the container's address). */
  private static String path(String url) {
    return java.net.URI.create(url).getRawPath();
  }

  private static String form(String... pairs) {
    return Forms.encode(pairs);
  }

  private static String random() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return b64(bytes);
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
