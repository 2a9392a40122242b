package io.pocketid.oidc.authorize;

import static org.assertj.core.api.Assertions.assertThat;

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
}
