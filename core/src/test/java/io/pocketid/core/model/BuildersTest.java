package io.pocketid.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildersTest {
  private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.678Z");

  @Test
  void aUserBuilderSetsEveryFieldByNameAndDerivesTheDisplayName() {
    User built =
        User.builder("ada")
            .id("id-1")
            .createdAt(CREATED)
            .email("ada@example.com")
            .firstName("Ada")
            .lastName("Lovelace")
            .admin(true)
            .locale("en")
            .build();
    assertThat(built)
        .isEqualTo(
            new User(
                "id-1",
                CREATED,
                "ada",
                "ada@example.com",
                "Ada",
                "Lovelace",
                "Ada Lovelace",
                true,
                null,
                "en",
                false));
    assertThat(User.builder("x").firstName("Only").build().displayName()).isEqualTo("Only");
    assertThat(User.builder("x").displayName("Shown").firstName("A").build().displayName())
        .isEqualTo("Shown");
    assertThat(built.toBuilder().disabled(true).build())
        .isEqualTo(
            new User(
                "id-1",
                CREATED,
                "ada",
                "ada@example.com",
                "Ada",
                "Lovelace",
                "Ada Lovelace",
                true,
                null,
                "en",
                true));
  }

  @Test
  void aNewUserGetsAFreshIdAndAMillisecondTimestamp() {
    User one = User.builder("a").build();
    User two = User.builder("b").build();
    assertThat(one.id()).isNotEqualTo(two.id()).hasSize(36);
    assertThat(one.createdAt().getNano() % 1_000_000).isZero();
    assertThatThrownBy(() -> User.builder(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aClientBuilderMatchesThePositionalConstructor() {
    FederatedIdentity identity = new FederatedIdentity("https://ci.example", "repo", null, null);
    OidcClient built =
        OidcClient.builder("grafana", "Grafana")
            .createdAt(CREATED)
            .secretHash("$sha256$abc")
            .callbackUrls(List.of("https://grafana.example/cb"))
            .logoutCallbackUrls(List.of("https://grafana.example/"))
            .backchannelLogoutUri("https://grafana.example/bc")
            .logoTypes("png", null)
            .createdById("admin")
            .pkceEnabled(true)
            .launchUrl("https://grafana.example")
            .federatedIdentities(List.of(identity))
            .build();
    assertThat(built)
        .isEqualTo(
            new OidcClient(
                "grafana",
                CREATED,
                "Grafana",
                "$sha256$abc",
                List.of("https://grafana.example/cb"),
                List.of("https://grafana.example/"),
                "https://grafana.example/bc",
                "png",
                null,
                "admin",
                false,
                true,
                false,
                "https://grafana.example",
                List.of(identity)));
    OidcClient minimal = OidcClient.builder("app", "App").build();
    assertThat(minimal.callbackUrls()).isEmpty();
    assertThat(minimal.publicClient()).isFalse();
    assertThat(minimal.secretHash()).isNull();
  }
}
