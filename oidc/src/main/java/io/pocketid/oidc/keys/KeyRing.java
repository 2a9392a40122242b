package io.pocketid.oidc.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.pocketid.core.json.JsonWriter;
import io.pocketid.oidc.internal.JdkEd25519;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable set of signing keys: the current key signs; every key in the ring is published in
 * the JWKS and can verify, so tokens signed before a rotation stay valid until they expire.
 * Thread-safe.
 */
public final class KeyRing {
  private final String currentKid;
  private final Map<String, JWK> keys;
  private final JWSSigner signer;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private final ConcurrentHashMap<String, SignedHeader> headers = new ConcurrentHashMap<>();
  private final JWSAlgorithm algorithm;
  private final String jwksJson;

  private KeyRing(String currentKid, Map<String, JWK> keys) {
    this.currentKid = currentKid;
    this.keys = keys;
    JWK current = keys.get(currentKid);
    this.algorithm = JWSAlgorithm.parse(current.getAlgorithm().getName());
    this.signer = signerFor(current);
    List<JWK> publics = new ArrayList<>();
    keys.values().forEach(k -> publics.add(k.toPublicJWK()));
    this.jwksJson = new JWKSet(publics).toString(true);
  }

  /**
   * A ring from private JWK JSON documents.
   *
   * @param privateJwks every key to publish, as private JWK JSON (with {@code kid} and {@code alg})
   * @param currentKid the key that signs new tokens; must be among them
   * @throws IllegalArgumentException when a JWK cannot be read, lacks kid/alg, or currentKid is
   *     missing
   */
  public static KeyRing of(List<String> privateJwks, String currentKid) {
    Map<String, JWK> keys = new LinkedHashMap<>();
    for (String json : privateJwks) {
      JWK jwk = parsePrivate(json);
      keys.put(jwk.getKeyID(), jwk);
    }
    if (!keys.containsKey(currentKid)) {
      throw new IllegalArgumentException("the current key '" + currentKid + "' is not in the ring");
    }
    return new KeyRing(currentKid, Map.copyOf(keys));
  }

  /** Generates a new private key as JWK JSON, with a random 11-character kid as Pocket ID does. */
  public static String generate(SigningAlgorithm algorithm) {
    byte[] kidBytes = new byte[8];
    new SecureRandom().nextBytes(kidBytes);
    String kid = Base64.getUrlEncoder().withoutPadding().encodeToString(kidBytes);
    try {
      JWK jwk =
          switch (algorithm) {
            case RS256 ->
                new RSAKeyGenerator(2048)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            case ES256 ->
                new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
            case EDDSA -> JdkEd25519.generate(kid);
          };
      return jwk.toJSONString();
    } catch (JOSEException e) {
      throw new IllegalStateException("key generation failed", e);
    }
  }

  /** The kid of a private JWK document. */
  public static String kidOf(String privateJwk) {
    return parsePrivate(privateJwk).getKeyID();
  }

  private static JWK parsePrivate(String json) {
    JWK jwk;
    try {
      jwk = JWK.parse(json);
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a JWK: " + e.getMessage());
    }
    if (!jwk.isPrivate()) {
      throw new IllegalArgumentException("JWK '" + jwk.getKeyID() + "' has no private part");
    }
    if (jwk.getKeyID() == null || jwk.getAlgorithm() == null) {
      throw new IllegalArgumentException("a signing JWK needs 'kid' and 'alg'");
    }
    return jwk;
  }

  private static JWSSigner signerFor(JWK jwk) {
    try {
      if (jwk instanceof RSAKey rsa) {
        return new RSASSASigner(rsa);
      }
      if (jwk instanceof ECKey ec) {
        return new ECDSASigner(ec);
      }
      if (jwk instanceof OctetKeyPair okp) {
        return new JdkEd25519.Signer(okp);
      }
    } catch (JOSEException e) {
      throw new IllegalArgumentException(
          "unusable key '" + jwk.getKeyID() + "': " + e.getMessage());
    }
    throw new IllegalArgumentException("unsupported key type " + jwk.getKeyType());
  }

  private static JWSVerifier verifierFor(JWK jwk) throws JOSEException {
    if (jwk instanceof RSAKey rsa) {
      return new RSASSAVerifier(rsa.toRSAPublicKey());
    }
    if (jwk instanceof ECKey ec) {
      return new ECDSAVerifier(ec.toECPublicKey());
    }
    if (jwk instanceof OctetKeyPair okp) {
      return new JdkEd25519.Verifier(okp.toPublicJWK());
    }
    throw new JOSEException("unsupported key type " + jwk.getKeyType());
  }

  public String currentKid() {
    return currentKid;
  }

  /** The {@code alg} of the current key, for discovery's signing algorithm list. */
  public String currentAlgorithm() {
    return algorithm.getName();
  }

  /** The public JWKS document ({@code {"keys":[...]}}) of every key in the ring. */
  public String jwksJson() {
    return jwksJson;
  }

  /**
   * Signs claims with the current key.
   *
   * @param claims JSON-compatible values (String, Number, Boolean, List, Map)
   * @param type the {@code typ} header, e.g. {@code JWT} or {@code at+jwt}
   */
  public String sign(Map<String, Object> claims, String type) {
    // The compact serialization written directly: the header's part is computed once per type, the
    // payload is the project's JSON writer's output; only the signature is Nimbus's (the signer).
    SignedHeader header = headers.computeIfAbsent(type, this::header);
    String payload =
        BASE64URL.encodeToString(JsonWriter.write(claims).getBytes(StandardCharsets.UTF_8));
    String signingInput = header.encoded() + '.' + payload;
    try {
      return signingInput
          + '.'
          + signer.sign(header.header(), signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  private SignedHeader header(String type) {
    JWSHeader header =
        new JWSHeader.Builder(algorithm).keyID(currentKid).type(new JOSEObjectType(type)).build();
    return new SignedHeader(header, header.toBase64URL().toString());
  }

  /** A JWS header and its base64url encoding, the first part of every token signed with it. */
  private record SignedHeader(JWSHeader header, String encoded) {}

  /**
   * Verifies a compact JWS signed by any key of the ring and returns its claims. Checks only the
   * signature and the key; the caller checks expiry, issuer and audience.
   */
  public Optional<Map<String, Object>> verify(String compactJwt) {
    Objects.requireNonNull(compactJwt, "compactJwt");
    try {
      SignedJWT jwt = SignedJWT.parse(compactJwt);
      JWK key = keys.get(jwt.getHeader().getKeyID());
      if (key == null
          || !key.getAlgorithm().getName().equals(jwt.getHeader().getAlgorithm().getName())) {
        return Optional.empty();
      }
      if (!jwt.verify(verifierFor(key))) {
        return Optional.empty();
      }
      return Optional.of(jwt.getJWTClaimsSet().toJSONObject());
    } catch (ParseException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
