package io.pocketid.server.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.keys.SigningAlgorithm;
import io.pocketid.server.config.ConfigException;
import java.security.Security;
import java.security.Signature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JcaProvidersTest {
  private static final String ACCP = "AmazonCorrettoCryptoProvider";

  @AfterEach
  void removeAccp() {
    Security.removeProvider(ACCP); // the other tests of this JVM keep the JDK's providers
  }

  @Test
  @DisplayName("JCA_PROVIDER unset or jdk keeps the JDK's providers")
  void jdkByDefault() {
    String first = Security.getProviders()[0].getName();
    assertThat(JcaProviders.apply("")).isEqualTo(first);
    assertThat(JcaProviders.apply("JDK")).isEqualTo(first);
    assertThat(Security.getProvider(ACCP)).isNull();
  }

  @Test
  @DisplayName("an unknown JCA_PROVIDER is one line naming the variable")
  void unknownValue() {
    assertThatThrownBy(() -> JcaProviders.apply("bouncycastle"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("JCA_PROVIDER: \"bouncycastle\" must be jdk (the default) or accp");
  }

  @Test
  @DisplayName("JCA_PROVIDER=accp: ACCP comes first and signs RS256/ES256 tokens the JDK verifies")
  void accpSignsWhatTheJdkVerifies() throws Exception {
    assumeTrue(
        System.getProperty("os.name").startsWith("Linux")
            && System.getProperty("os.arch").equals("amd64"),
        "the test class path has ACCP for linux-x86_64 only");
    assertThat(JcaProviders.apply("accp")).isEqualTo(ACCP);
    assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName()).isEqualTo(ACCP);
    assertThat(Signature.getInstance("SHA256withECDSA").getProvider().getName()).isEqualTo(ACCP);

    String rsa = KeyRing.generate(SigningAlgorithm.RS256);
    assertThat(
            verifiedByJdk(rsa, new RSASSAVerifier(RSAKey.parse(rsa).toPublicJWK()), "SunRsaSign"))
        .isTrue();
    String ec = KeyRing.generate(SigningAlgorithm.ES256);
    assertThat(verifiedByJdk(ec, new ECDSAVerifier(ECKey.parse(ec).toPublicJWK()), "SunEC"))
        .isTrue();
    assertThat(JcaProviders.apply("accp")).isEqualTo(ACCP); // idempotent
  }

  /** Signs with the ring (ACCP first), verifies with the ring and with the JDK's own provider. */
  private static boolean verifiedByJdk(String jwk, JWSVerifier verifier, String jdkProvider)
      throws Exception {
    KeyRing ring = KeyRing.of(List.of(jwk), KeyRing.kidOf(jwk));
    String token = ring.sign(Map.of("sub", "alice"), "JWT");
    assertThat(ring.verify(token)).isPresent();
    verifier.getJCAContext().setProvider(Security.getProvider(jdkProvider));
    return SignedJWT.parse(token).verify(verifier);
  }
}
