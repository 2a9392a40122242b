package io.pocketid.oidc.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.BaseJWSProvider;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

/**
 * Ed25519 with the JDK's own provider (Java 15+), so EdDSA needs no extra library. Converts between
 * the raw 32-byte values of an OKP JWK and the JDK's PKCS#8 / X.509 encodings.
 */
public final class JdkEd25519 {
  private static final byte[] PKCS8_PREFIX =
      HexFormat.of().parseHex("302e020100300506032b657004220420");
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private JdkEd25519() {}

  /** A new Ed25519 key as an OKP JWK. */
  public static OctetKeyPair generate(String kid) {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] d = tail(pair.getPrivate().getEncoded());
      byte[] x = tail(pair.getPublic().getEncoded());
      return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
          .d(Base64URL.encode(d))
          .keyID(kid)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.EdDSA)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available", e);
    }
  }

  private static byte[] tail(byte[] encoded) {
    return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static PrivateKey privateKey(OctetKeyPair jwk) throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519")
        .generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, jwk.getDecodedD())));
  }

  static PublicKey publicKey(OctetKeyPair jwk) throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, jwk.getDecodedX())));
  }

  /** Signs with an Ed25519 OKP private JWK. */
  public static final class Signer extends BaseJWSProvider implements JWSSigner {
    private final PrivateKey key;

    public Signer(OctetKeyPair jwk) throws JOSEException {
      super(Set.of(JWSAlgorithm.EdDSA));
      try {
        this.key = privateKey(jwk);
      } catch (GeneralSecurityException e) {
        throw new JOSEException("invalid Ed25519 private key", e);
      }
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
      try {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(key);
        signature.update(signingInput);
        return Base64URL.encode(signature.sign());
      } catch (GeneralSecurityException e) {
        throw new JOSEException("Ed25519 signing failed", e);
      }
    }
  }

  /** Verifies with an Ed25519 OKP public JWK. */
  public static final class Verifier extends BaseJWSProvider implements JWSVerifier {
    private final PublicKey key;

    public Verifier(OctetKeyPair jwk) throws JOSEException {
      super(Set.of(JWSAlgorithm.EdDSA));
      try {
        this.key = publicKey(jwk);
      } catch (GeneralSecurityException e) {
        throw new JOSEException("invalid Ed25519 public key", e);
      }
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature)
        throws JOSEException {
      try {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(signingInput);
        return verifier.verify(signature.decode());
      } catch (GeneralSecurityException e) {
        return false;
      }
    }
  }
}
