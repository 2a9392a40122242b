package io.pocketid.oidc.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyRingTest {
  private static final Map<String, Object> CLAIMS =
      Map.of("iss", "http://localhost:1411", "sub", "u1", "exp", 4_000_000_000L);

  @ParameterizedTest
  @EnumSource(SigningAlgorithm.class)
  void signWhenKeyGeneratedThenTokenVerifiesWithTheAlgorithmAndKid(SigningAlgorithm algorithm) {
    String jwk = KeyRing.generate(algorithm);
    KeyRing ring = KeyRing.of(List.of(jwk), KeyRing.kidOf(jwk));
    String token = ring.sign(CLAIMS, "JWT");
    String header =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    assertThat(header)
        .contains("\"alg\":\"" + algorithm.jwsName() + "\"")
        .contains("\"kid\":\"" + ring.currentKid() + "\"");
    assertThat(ring.currentKid()).hasSize(11);
    assertThat(ring.verify(token))
        .hasValueSatisfying(c -> assertThat(c).containsEntry("sub", "u1"));
  }

  @ParameterizedTest
  @EnumSource(SigningAlgorithm.class)
  void jwksWhenPublishedThenHoldsNoPrivatePart(SigningAlgorithm algorithm) {
    String jwk = KeyRing.generate(algorithm);
    KeyRing ring = KeyRing.of(List.of(jwk), KeyRing.kidOf(jwk));
    assertThat(jwk).contains("\"d\"");
    assertThat(ring.jwksJson())
        .contains(ring.currentKid())
        .contains("\"use\":\"sig\"")
        .doesNotContain("\"d\"")
        .doesNotContain("\"p\"");
  }

  @Test
  void verifyWhenTokenSignedBeforeRotationThenStillValidAndBothKeysPublished() {
    String oldKey = KeyRing.generate(SigningAlgorithm.RS256);
    KeyRing before = KeyRing.of(List.of(oldKey), KeyRing.kidOf(oldKey));
    String oldToken = before.sign(CLAIMS, "JWT");

    String newKey = KeyRing.generate(SigningAlgorithm.ES256);
    KeyRing after = KeyRing.of(List.of(newKey, oldKey), KeyRing.kidOf(newKey));
    assertThat(after.verify(oldToken)).isPresent();
    assertThat(after.currentAlgorithm()).isEqualTo("ES256");
    assertThat(after.jwksJson()).contains(KeyRing.kidOf(oldKey)).contains(KeyRing.kidOf(newKey));
    assertThat(before.verify(after.sign(CLAIMS, "JWT"))).isEmpty();
  }

  @Test
  void verifyWhenSignatureTamperedOrTokenGarbageThenEmpty() {
    String jwk = KeyRing.generate(SigningAlgorithm.RS256);
    KeyRing ring = KeyRing.of(List.of(jwk), KeyRing.kidOf(jwk));
    String token = ring.sign(CLAIMS, "JWT");
    String[] parts = token.split("\\.");
    String forgedPayload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"sub\":\"admin\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(ring.verify(parts[0] + "." + forgedPayload + "." + parts[2])).isEmpty();
    assertThat(ring.verify("not.a.jwt")).isEmpty();
    assertThat(ring.verify("")).isEmpty();
  }

  @Test
  void verifyWhenHeaderClaimsUnsignedOrHmacAlgorithmThenEmpty() {
    String jwk = KeyRing.generate(SigningAlgorithm.RS256);
    KeyRing ring = KeyRing.of(List.of(jwk), KeyRing.kidOf(jwk));
    String payload = ring.sign(CLAIMS, "JWT").split("\\.")[1];
    for (String alg : List.of("none", "HS256")) {
      String header =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  ("{\"alg\":\"" + alg + "\",\"kid\":\"" + ring.currentKid() + "\"}")
                      .getBytes(StandardCharsets.UTF_8));
      assertThat(ring.verify(header + "." + payload + ".")).isEmpty();
      assertThat(ring.verify(header + "." + payload + ".c2ln")).isEmpty();
    }
  }

  @Test
  void ofWhenCurrentKidMissingOrKeyPublicOnlyThenClearError() {
    String jwk = KeyRing.generate(SigningAlgorithm.ES256);
    assertThatThrownBy(() -> KeyRing.of(List.of(jwk), "nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nope' is not in the ring");
    String publicOnly =
        KeyRing.of(List.of(jwk), KeyRing.kidOf(jwk)).jwksJson().replaceAll(".*\\[(.*)\\].*", "$1");
    assertThatThrownBy(() -> KeyRing.of(List.of(publicOnly), KeyRing.kidOf(jwk)))
        .hasMessageContaining("has no private part");
    assertThatThrownBy(() -> KeyRing.of(List.of("{"), "x")).hasMessageStartingWith("not a JWK");
  }

  @Test
  void parseWhenNameKnownThenAlgorithmElseErrorListingChoices() {
    assertThat(SigningAlgorithm.parse("eddsa")).isEqualTo(SigningAlgorithm.EDDSA);
    assertThat(SigningAlgorithm.parse("RS256")).isEqualTo(SigningAlgorithm.RS256);
    assertThatThrownBy(() -> SigningAlgorithm.parse("HS256"))
        .hasMessageContaining("RS256, ES256 or EdDSA");
  }
}
