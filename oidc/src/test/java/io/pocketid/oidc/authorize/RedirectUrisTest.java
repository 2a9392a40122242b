package io.pocketid.oidc.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RedirectUrisTest {
  @Test
  @DisplayName("RFC 6749 §3.1.2.3: without wildcard only the identical string matches")
  void exactMatchOnly() {
    String registered = "https://app.example.com/callback";
    assertThat(RedirectUris.matches(registered, "https://app.example.com/callback")).isTrue();
    assertThat(RedirectUris.matches(registered, "https://app.example.com/callback/")).isFalse();
    assertThat(RedirectUris.matches(registered, "https://app.example.com/callback?x=1")).isFalse();
    assertThat(RedirectUris.matches(registered, "HTTPS://app.example.com/callback")).isFalse();
    assertThat(RedirectUris.matches(registered, "https://app.example.com.evil.test/callback"))
        .isFalse();
  }

  @Test
  @DisplayName("Pocket ID wildcards: '*' in the host matches labels, never another host")
  void wildcardInHostStaysInHost() {
    String pattern = "https://*.example.com/callback";
    assertThat(RedirectUris.matches(pattern, "https://a.example.com/callback")).isTrue();
    assertThat(RedirectUris.matches(pattern, "https://a.b.example.com/callback")).isTrue();
    assertThat(RedirectUris.matches(pattern, "https://evil.test/?.example.com/callback")).isFalse();
    assertThat(RedirectUris.matches(pattern, "https://evil.test/x.example.com/callback")).isFalse();
    assertThat(RedirectUris.matches(pattern, "https://user@evil.test#.example.com/callback"))
        .isFalse();
  }

  @Test
  @DisplayName("Pocket ID wildcards: '*' in the path matches the rest of the path and query")
  void wildcardInPath() {
    String pattern = "https://app.example.com/auth/*";
    assertThat(RedirectUris.matches(pattern, "https://app.example.com/auth/cb?x=1")).isTrue();
    assertThat(RedirectUris.matches(pattern, "https://app.example.com/other")).isFalse();
  }

  @Test
  @DisplayName("RFC 6749 §3.1.2: redirect URIs with a fragment or a dangerous scheme never match")
  void fragmentsAndDangerousSchemesRefused() {
    assertThat(RedirectUris.matches("https://a.test/cb*", "https://a.test/cb#frag")).isFalse();
    assertThat(RedirectUris.matches("javascript:*", "javascript:alert(1)")).isFalse();
    assertThat(RedirectUris.matches("*", "data:text/html,hi")).isFalse();
    assertThat(RedirectUris.matches("/relative", "/relative")).isFalse();
    assertThat(RedirectUris.isRegistrable("javascript:alert(1)")).isFalse();
    assertThat(RedirectUris.isRegistrable("https://a.test/cb#x")).isFalse();
    assertThat(RedirectUris.isRegistrable("https://*.a.test/cb")).isTrue();
    assertThat(RedirectUris.isRegistrable("com.example.app:/oauth2redirect")).isTrue();
  }

  @Test
  @DisplayName("Finding 1: a character above U+00FF in the host never matches a wildcard host")
  void nonAsciiHostRefused() {
    String pattern = "https://*.example.com/cb";
    // U+012F would be written as '/' by a header writer that keeps the low byte.
    assertThat(RedirectUris.match(List.of(pattern), "https://evil.example\u012F.example.com/cb"))
        .isEmpty();
    assertThat(RedirectUris.match(List.of(pattern), "https://evil.example\u0140.example.com/cb"))
        .isEmpty();
    assertThat(RedirectUris.match(List.of(pattern), "https://\u00e9vil.example.com/cb")).isEmpty();
    assertThat(RedirectUris.match(List.of(pattern), "https://evil.example%2F.example.com/cb"))
        .isEmpty();
    assertThat(RedirectUris.match(List.of(pattern), "https://evil.example\\.example.com/cb"))
        .isEmpty();
    assertThat(
            RedirectUris.match(List.of("https://app.example.com/cb"), "https://app.example.com/cb"))
        .contains("https://app.example.com/cb");
  }

  @Test
  @DisplayName("Finding 1: non-ASCII after the host is percent-encoded before matching")
  void nonAsciiPathEncoded() {
    String pattern = "https://app.example.com/auth/*";
    assertThat(RedirectUris.match(List.of(pattern), "https://app.example.com/auth/caf\u00e9"))
        .contains("https://app.example.com/auth/caf%C3%A9");
    assertThat(RedirectUris.match(List.of(pattern), "https://app.example.com/auth/\u012Fx"))
        .contains("https://app.example.com/auth/%C4%AFx");
    // A registered URI with a raw non-ASCII path matches its encoded and raw forms alike.
    assertThat(
            RedirectUris.match(
                List.of("https://app.example.com/caf\u00e9"), "https://app.example.com/caf%C3%A9"))
        .contains("https://app.example.com/caf%C3%A9");
    assertThat(RedirectUris.normalize("https://app.example.com/a\ud800")).isEmpty();
  }

  @Test
  @DisplayName("Finding 1: white space and control characters never reach a Location header")
  void controlCharactersRefused() {
    for (String bad :
        List.of(
            "https://app.example.com/cb\r\nSet-Cookie: x=1",
            "https://app.example.com/cb\u0000",
            "https://app.example.com/c b",
            "https://app.example.com/cb\u0085",
            "https://app.example.com/cb\t")) {
      assertThat(RedirectUris.match(List.of("https://app.example.com/*"), bad)).isEmpty();
      assertThat(RedirectUris.isRegistrable(bad)).isFalse();
    }
    assertThat(RedirectUris.isRegistrable("https://\u00e9vil.example.com/cb")).isFalse();
    assertThat(RedirectUris.isRegistrable("https://app.example.com/caf\u00e9")).isTrue();
  }

  @Test
  @DisplayName("Every wire form is printable ASCII")
  void wireFormIsAscii() {
    for (int c = 0x80; c < 0x3000; c += 7) {
      String candidate = "https://app.example.com/" + new String(Character.toChars(c));
      RedirectUris.normalize(candidate)
          .ifPresent(
              wire -> assertThat(wire.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)).isTrue());
    }
  }
}
