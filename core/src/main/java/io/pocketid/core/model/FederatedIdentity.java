package io.pocketid.core.model;

import java.util.Objects;

/**
 * A trusted issuer whose signed JWTs authenticate an OIDC client (RFC 7523 client assertions).
 *
 * @param issuer expected {@code iss}
 * @param subject expected {@code sub}, nullable (defaults to the client id)
 * @param audience expected {@code aud}, nullable (defaults to the issuer URL of this server)
 * @param jwksUrl where the issuer's keys are, nullable (defaults to {@code
 *     issuer/.well-known/jwks.json})
 */
public record FederatedIdentity(String issuer, String subject, String audience, String jwksUrl) {
  public FederatedIdentity {
    Objects.requireNonNull(issuer, "issuer");
  }
}
