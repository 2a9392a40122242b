package io.pocketid.oidc.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.User;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.oidc.OAuthError;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.Provider;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthorizationCompletionTest {
  private final Provider op = new Provider();
  private final User alice = op.world.user("alice");
  private final Instant now = op.world.clock.instant();

  AuthorizationCompletionTest() {
    op.world.confidential("grafana");
  }

  private static AuthorizationRequest request(Set<String> prompts, Long maxAge) {
    return new AuthorizationRequest(
        "grafana",
        "https://rp.example/callback",
        List.of("openid"),
        null,
        null,
        null,
        null,
        "query",
        prompts,
        maxAge,
        null);
  }

  @Test
  @DisplayName("RFC 6749 §4.1.2 and RFC 9207: the response carries code, state and iss")
  void responseParameters() throws OAuthException {
    AuthorizationCompletion.Completed done =
        op.completion.complete(Provider.request("grafana", "openid", "n", null), alice, "sid", now);
    assertThat(done.orderedParameters().keySet()).containsExactly("code", "state", "iss");
    assertThat(done.parameters())
        .containsEntry("state", "st-1")
        .containsEntry("iss", "https://id.example.com");
    assertThat(done.queryRedirect())
        .startsWith("https://rp.example/callback?code=" + done.code() + "&state=st-1&iss=https%3A");
    assertThat(done.code()).hasSize(32);
    assertThat(op.world.storage.authorizationCodes().consume(TokenHasher.hash(done.code())))
        .get()
        .satisfies(c -> assertThat(c.expiresAt()).isEqualTo(now.plusSeconds(600)));
  }

  @Test
  @DisplayName("RFC 6749 §4.1.2: the state is left out when the request had none; query appends")
  void noStateAndExistingQuery() {
    assertThat(
            AuthorizationCompletion.appendQuery(
                "https://rp.example/cb?x=1",
                new java.util.LinkedHashMap<>(java.util.Map.of("code", "a b"))))
        .isEqualTo("https://rp.example/cb?x=1&code=a+b");
  }

  @Test
  @DisplayName("Pocket ID §2.11: consent is new the first time and when a scope is added")
  void consentNewVersusExisting() throws OAuthException {
    assertThat(op.completion.consentRequired(alice.id(), "grafana", List.of("openid"))).isTrue();
    assertThat(
            op.completion
                .complete(Provider.request("grafana", "openid email", null, null), alice, null, now)
                .newConsent())
        .isTrue();
    assertThat(op.completion.consentRequired(alice.id(), "grafana", List.of("openid"))).isFalse();
    assertThat(
            op.completion
                .complete(Provider.request("grafana", "openid", null, null), alice, null, now)
                .newConsent())
        .isFalse();
    assertThat(op.completion.consentRequired(alice.id(), "grafana", List.of("openid", "groups")))
        .isTrue();
  }

  @Test
  @DisplayName("Pocket ID §2.11: a user outside the allowed groups gets 403 'not allowed'")
  void groupRestriction() {
    var admins = Fixtures.group("admins");
    op.world.storage.groups().create(admins);
    op.world.storage.clients().setAllowedGroups("grafana", List.of(admins.id()));
    try {
      op.completion.complete(Provider.request("grafana", "openid", null, null), alice, null, now);
      throw new AssertionError("completed");
    } catch (OAuthException e) {
      assertThat(e.status()).isEqualTo(403);
      assertThat(e.error().description()).isEqualTo("You're not allowed to access this service");
    }
  }

  @Test
  @DisplayName("OIDC Core §3.1.2.6: prompt=none without a session is login_required")
  void promptNoneNotSignedIn() {
    PromptDecision decision =
        PromptDecision.decide(request(Set.of("none"), null), Optional.empty(), false, false, now);
    assertThat(decision.action()).isEqualTo(PromptDecision.Action.ERROR);
    assertThat(decision.error().code()).isEqualTo(OAuthError.LOGIN_REQUIRED);
  }

  @Test
  @DisplayName("OIDC Core §3.1.2.6: prompt=none without consent is consent_required")
  void promptNoneWithoutConsent() {
    PromptDecision decision =
        PromptDecision.decide(request(Set.of("none"), null), Optional.of(now), false, true, now);
    assertThat(decision.error().code()).isEqualTo(OAuthError.CONSENT_REQUIRED);
    assertThat(
            PromptDecision.decide(
                    request(Set.of("none"), null), Optional.of(now), false, false, now)
                .action())
        .isEqualTo(PromptDecision.Action.PROCEED);
  }

  @Test
  @DisplayName("OIDC Core §3.1.2.1: prompt=login and an exceeded max_age ask to sign in again")
  void loginAndMaxAge() {
    Instant authTime = now.minusSeconds(60);
    assertThat(
            PromptDecision.decide(
                    request(Set.of("login"), null), Optional.of(authTime), false, false, now)
                .action())
        .isEqualTo(PromptDecision.Action.LOGIN);
    assertThat(
            PromptDecision.decide(
                    request(Set.of("login"), null), Optional.of(now), true, false, now)
                .action())
        .isEqualTo(PromptDecision.Action.PROCEED);
    assertThat(
            PromptDecision.decide(request(Set.of(), 10L), Optional.of(authTime), false, false, now)
                .action())
        .isEqualTo(PromptDecision.Action.LOGIN);
    assertThat(
            PromptDecision.decide(
                    request(Set.of(), 10000L), Optional.of(authTime), false, false, now)
                .action())
        .isEqualTo(PromptDecision.Action.PROCEED);
    assertThat(
            PromptDecision.decide(
                    request(Set.of("consent"), null), Optional.of(now), false, false, now)
                .action())
        .isEqualTo(PromptDecision.Action.CONSENT);
  }
}
