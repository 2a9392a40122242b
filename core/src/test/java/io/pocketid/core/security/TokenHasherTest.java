package io.pocketid.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenHasherTest {
  @Test
  void hashWhenFipsVectorAbcThenKnownDigestInLowerCaseHex() {
    // FIPS 180-2, appendix B.1
    assertThat(TokenHasher.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void hashWhenFipsTwoBlockVectorThenKnownDigest() {
    // FIPS 180-2, appendix B.2
    assertThat(TokenHasher.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
        .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  }

  @Test
  void hashWhenEmptyThenDigestOfNoBytes() {
    assertThat(TokenHasher.hash(""))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void hashWhenNonAsciiThenHashesTheUtf8Bytes() {
    assertThat(TokenHasher.hash("Gr\u00fcezi \u2713"))
        .isEqualTo("61df5778657c6fd6614bb37c5fa74d13b47e642ef30b65fa31c40f9a42caa2fd");
  }

  @Test
  void constantTimeEqualsWhenSameTextThenTrueOtherwiseFalse() {
    assertThat(TokenHasher.constantTimeEquals("abc", "abc")).isTrue();
    assertThat(TokenHasher.constantTimeEquals("abc", "abd")).isFalse();
    assertThat(TokenHasher.constantTimeEquals("abc", "abcd")).isFalse();
    assertThat(TokenHasher.constantTimeEquals("", "")).isTrue();
  }
}
