package io.pocketid.oidc.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pocketid.core.model.FederatedIdentity;
import io.pocketid.core.model.OidcClient;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.discovery.Discovery;
import io.pocketid.oidc.internal.JdkEd25519;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Verifies RFC 7523 §2.2 client assertions issued by a client's federated identities (Pocket ID's
 * "federated client credentials"; {@code private_key_jwt} in discovery). One step per clause of RFC
 * 7523 §3; every failure is a {@link Failure} with a reason for logs, which the authenticator turns
 * into one uniform {@code invalid_client}.
 */
public final class ClientAssertionVerifier {
  /** RFC 7523 §2.2. */
  public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  /** Tolerated clock difference for exp, nbf and iat (Pocket ID: one minute). */
  static final Duration SKEW = Duration.ofSeconds(60);

  private static final Set<JWSAlgorithm> ALLOWED =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512,
          JWSAlgorithm.EdDSA);

  /** Whether a {@code jti} may be used more than once. */
  public enum ReplayPolicy {
    /** A jti is accepted once until the assertion expires (RFC 7523 §3 item 7). */
    REJECT_REUSED_JTI,
    /**
     * Assertions may be reused until they expire, as Pocket ID v1.15 allows; needed for workload
     * tokens (Kubernetes service-account tokens) that are presented many times.
     */
    ALLOW_REUSE
  }

  /** Why an assertion was refused (for logs; never shown to the client). */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String reason) {
      super(reason, null, false, false);
    }
  }

  private final OidcSettings settings;
  private final Function<String, Optional<OidcClient>> clients;
  private final JwksCache jwks;
  private final JtiRegistry jtis;
  private final ReplayPolicy replayPolicy;
  private final Clock clock;

  public ClientAssertionVerifier(
      OidcSettings settings,
      Function<String, Optional<OidcClient>> clients,
      JwksCache jwks,
      JtiRegistry jtis,
      ReplayPolicy replayPolicy,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.jwks = Objects.requireNonNull(jwks, "jwks");
    this.jtis = Objects.requireNonNull(jtis, "jtis");
    this.replayPolicy = Objects.requireNonNull(replayPolicy, "replayPolicy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Verifies an assertion and returns the client it authenticates. The client is the form's {@code
   * client_id} when sent, else the assertion's {@code sub}; either way {@code sub} must then equal
   * the identity's subject, which defaults to the client id (so with default identities {@code
   * client_id}, when sent, must equal {@code sub}). Looking up by {@code client_id} first makes
   * identities with a configured subject (a Kubernetes service account name) usable, which a lookup
   * by {@code sub} alone, as in Pocket ID v1.15, cannot find.
   */
  OidcClient verify(String assertion, Optional<String> clientIdParam) throws Failure {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(assertion);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new Failure("assertion is not a signed JWT");
    }
    String subject = claims.getSubject();
    if (subject == null || claims.getIssuer() == null) {
      throw new Failure("assertion lacks sub or iss");
    }
    String clientId = clientIdParam.orElse(subject);
    OidcClient client =
        clients.apply(clientId).orElseThrow(() -> new Failure("unknown client " + clientId));
    FederatedIdentity identity =
        client.federatedIdentities().stream()
            .filter(i -> i.issuer().equals(claims.getIssuer()))
            .findFirst()
            .orElseThrow(() -> new Failure("issuer is not a federated identity of the client"));
    String expectedSubject = identity.subject() == null ? client.id() : identity.subject();
    if (!expectedSubject.equals(subject)) {
      throw new Failure("sub is not the identity's subject");
    }
    checkSignature(jwt, identity);
    checkTimes(claims);
    checkAudience(claims.getAudience(), identity);
    checkReplay(claims);
    return client;
  }

  private void checkSignature(SignedJWT jwt, FederatedIdentity identity) throws Failure {
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    if (!ALLOWED.contains(alg)) {
      throw new Failure("algorithm " + alg + " is not accepted");
    }
    URI uri = jwksUri(identity);
    String kid = jwt.getHeader().getKeyID();
    try {
      if (verifyWithAny(jwt, candidates(jwks.get(uri), kid, alg))) {
        return;
      }
      // The issuer may have rotated its keys: look again (rate-limited by the cache).
      if (verifyWithAny(jwt, candidates(jwks.refresh(uri), kid, alg))) {
        return;
      }
    } catch (IOException e) {
      throw new Failure("keys of " + identity.issuer() + " unavailable: " + e.getMessage());
    }
    throw new Failure("signature does not verify with the issuer's keys");
  }

  static URI jwksUri(FederatedIdentity identity) throws Failure {
    String url =
        identity.jwksUrl() != null && !identity.jwksUrl().isBlank()
            ? identity.jwksUrl()
            : identity.issuer().replaceAll("/+$", "") + "/.well-known/jwks.json";
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new Failure("bad JWKS URL " + url);
    }
  }

  private static List<JWK> candidates(JWKSet set, String kid, JWSAlgorithm alg) {
    List<JWK> out = new ArrayList<>();
    for (JWK key : set.getKeys()) {
      if (kid != null && !kid.equals(key.getKeyID())) {
        continue;
      }
      if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
        continue;
      }
      if (key.getKeyUse() != null && !"sig".equals(key.getKeyUse().identifier())) {
        continue;
      }
      out.add(key);
    }
    return out;
  }

  private static boolean verifyWithAny(SignedJWT jwt, List<JWK> keys) {
    for (JWK key : keys) {
      try {
        Optional<JWSVerifier> verifier = verifierFor(key, jwt.getHeader().getAlgorithm());
        if (verifier.isPresent() && jwt.verify(verifier.get())) {
          return true;
        }
      } catch (JOSEException | RuntimeException e) {
        // try the next key
      }
    }
    return false;
  }

  private static Optional<JWSVerifier> verifierFor(JWK key, JWSAlgorithm alg) throws JOSEException {
    if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(alg)) {
      return Optional.of(new RSASSAVerifier(rsa.toRSAPublicKey()));
    }
    if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)) {
      return Optional.of(new ECDSAVerifier(ec.toECPublicKey()));
    }
    if (key instanceof OctetKeyPair okp
        && alg.equals(JWSAlgorithm.EdDSA)
        && Curve.Ed25519.equals(okp.getCurve())) {
      return Optional.of(new JdkEd25519.Verifier(okp.toPublicJWK()));
    }
    return Optional.empty();
  }

  /** RFC 7523 §3 items 4 and 5: exp is required; nbf and iat are honoured with a small skew. */
  private void checkTimes(JWTClaimsSet claims) throws Failure {
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw new Failure("assertion has no exp");
    }
    if (!exp.toInstant().plus(SKEW).isAfter(now)) {
      throw new Failure("assertion expired");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.toInstant().isAfter(now.plus(SKEW))) {
      throw new Failure("assertion not valid yet (nbf)");
    }
    Date iat = claims.getIssueTime();
    if (iat != null && iat.toInstant().isAfter(now.plus(SKEW))) {
      throw new Failure("assertion issued in the future (iat)");
    }
  }

  /**
   * RFC 7523 §3 item 3: the audience names this server: the identity's configured audience, else
   * the issuer or the token endpoint URL.
   */
  private void checkAudience(List<String> audience, FederatedIdentity identity) throws Failure {
    Set<String> accepted =
        identity.audience() != null && !identity.audience().isBlank()
            ? Set.of(identity.audience())
            : new HashSet<>(
                List.of(
                    settings.issuer(),
                    settings.issuer() + Discovery.TOKEN_PATH,
                    settings.internalBaseUrl() + Discovery.TOKEN_PATH));
    if (audience == null || audience.stream().noneMatch(accepted::contains)) {
      throw new Failure("aud does not name this server");
    }
  }

  private void checkReplay(JWTClaimsSet claims) throws Failure {
    String jti = claims.getJWTID();
    if (replayPolicy == ReplayPolicy.ALLOW_REUSE || jti == null) {
      return;
    }
    Instant exp = claims.getExpirationTime().toInstant().plus(SKEW);
    if (!jtis.firstUse(claims.getIssuer() + "\n" + jti, exp, clock.instant())) {
      throw new Failure("assertion jti was already used");
    }
  }
}
