package io.pocketid.oidc.device;

import static io.pocketid.oidc.TestWorld.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.Provider;
import io.pocketid.oidc.grant.TokenResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeviceFlowTest {
  private final Provider op = new Provider();
  private final User alice = op.world.user("alice");
  private final DeviceAuthorizationService devices =
      new DeviceAuthorizationService(
          op.world.settings,
          op.world.storage,
          op.world.storage.clients(),
          op.world.storage.deviceCodes(),
          op.authenticator,
          op.claims,
          op.completion,
          new RandomTokens(),
          op.world.clock);

  DeviceFlowTest() {
    op.world.publicClient("tv");
  }

  private DeviceAuthorization start() throws OAuthException {
    return devices.authorize(
        form("client_id", "tv", "scope", "openid profile offline_access"), Optional.empty());
  }

  private String poll(DeviceAuthorization device) {
    try {
      op.tokenService.deviceCode(op.as("tv"), device.deviceCode());
      return "tokens";
    } catch (OAuthException e) {
      return e.error().code();
    }
  }

  @Test
  @DisplayName("RFC 8628 §3.2: the response has device and user codes, URIs, expiry and interval")
  void authorizationResponse() throws OAuthException {
    DeviceAuthorization device = start();
    assertThat(device.userCode()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
    assertThat(device.verificationUri()).isEqualTo("https://id.example.com/device");
    assertThat(device.verificationUriComplete())
        .isEqualTo("https://id.example.com/device?code=" + device.userCode().replace("-", ""));
    assertThat(device.expiresIn()).isEqualTo(900);
    assertThat(device.interval()).isEqualTo(5);
    assertThat(device.deviceCode()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(device.toMap()).containsKeys("device_code", "user_code", "verification_uri");
    assertThat(devices.lookup(device.userCode()).orElseThrow().scopes())
        .containsExactly("openid", "profile");
  }

  @Test
  @DisplayName("RFC 8628 §6.1: user codes are read case-insensitively with or without the dash")
  void userCodeNormalisation() throws OAuthException {
    String code = start().userCode();
    assertThat(devices.lookup(code.toLowerCase())).isPresent();
    assertThat(devices.lookup(code.replace("-", " "))).isPresent();
    assertThat(devices.lookup("AAAA-AAAA")).isEmpty();
    assertThat(UserCodes.normalize("bcdf-ghjk")).contains("BCDFGHJK");
  }

  @Test
  @DisplayName("RFC 8628 §3.5: authorization_pending, then slow_down when polled too fast")
  void pendingAndSlowDown() throws OAuthException {
    DeviceAuthorization device = start();
    assertThat(poll(device)).isEqualTo("authorization_pending");
    op.world.clock.advance(Duration.ofSeconds(2));
    assertThat(poll(device)).isEqualTo("slow_down");
    op.world.clock.advance(Duration.ofSeconds(5));
    assertThat(poll(device)).isEqualTo("authorization_pending");
  }

  @Test
  @DisplayName("RFC 8628 §3.5: after approval the poll yields tokens once (no nonce)")
  void approvedYieldsTokens() throws OAuthException {
    DeviceAuthorization device = start();
    DeviceAuthorizationService.Approval approval =
        devices.approve(device.userCode(), alice, op.world.clock.instant());
    assertThat(approval.newConsent()).isTrue();
    TokenResponse tokens = op.tokenService.deviceCode(op.as("tv"), device.deviceCode());
    assertThat(op.verify(tokens.idToken()))
        .containsEntry("sub", alice.id())
        .doesNotContainKey("nonce");
    assertThat(tokens.refreshToken()).isNotNull();
    assertThat(poll(device)).isEqualTo("invalid_grant");
  }

  @Test
  @DisplayName("RFC 8628 §3.5: a denied request is access_denied")
  void denied() throws OAuthException {
    DeviceAuthorization device = start();
    devices.deny(device.userCode(), alice);
    assertThat(poll(device)).isEqualTo("access_denied");
  }

  @Test
  @DisplayName("RFC 8628 §3.5: an expired device code is expired_token")
  void expired() throws OAuthException {
    DeviceAuthorization device = start();
    op.world.clock.advance(Duration.ofMinutes(15));
    assertThat(poll(device)).isEqualTo("expired_token");
  }

  @Test
  @DisplayName("RFC 8628 §3.4: a device code is bound to the client that requested it")
  void boundToClient() throws OAuthException {
    DeviceAuthorization device = start();
    devices.approve(device.userCode(), alice, op.world.clock.instant());
    op.world.publicClient("other");
    try {
      op.tokenService.deviceCode(op.as("other"), device.deviceCode());
      throw new AssertionError("accepted");
    } catch (OAuthException e) {
      assertThat(e.error().code()).isEqualTo("invalid_grant");
    }
  }

  @Test
  @DisplayName("Pocket ID §2.11: approval checks the client's group restriction (403)")
  void groupRestriction() throws OAuthException {
    var admins = Fixtures.group("admins");
    op.world.storage.groups().create(admins);
    op.world.storage.clients().setAllowedGroups("tv", List.of(admins.id()));
    DeviceAuthorization device = start();
    try {
      devices.approve(device.userCode(), alice, op.world.clock.instant());
      throw new AssertionError("approved");
    } catch (OAuthException e) {
      assertThat(e.status()).isEqualTo(403);
      assertThat(e.error().description()).isEqualTo("You're not allowed to access this service");
    }
  }

  @Test
  @DisplayName(
      "RFC 8628 §3.3: the approving user may confirm again; another user may not take over")
  void approvalOwnership() throws OAuthException {
    DeviceAuthorization device = start();
    devices.approve(device.userCode(), alice, op.world.clock.instant());
    assertThat(devices.approve(device.userCode(), alice, op.world.clock.instant()).newConsent())
        .isFalse();
    User bob = op.world.user("bob");
    try {
      devices.approve(device.userCode(), bob, op.world.clock.instant());
      throw new AssertionError("taken over");
    } catch (OAuthException e) {
      assertThat(e.error().code()).isEqualTo("invalid_grant");
    }
    try {
      devices.deny(device.userCode(), alice);
      throw new AssertionError("denied after approval");
    } catch (OAuthException e) {
      assertThat(e.error().code()).isEqualTo("invalid_grant");
    }
  }
}
