package io.pocketid.oidc.device;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.audit.AuditService;
import io.pocketid.core.audit.RequestOrigin;
import io.pocketid.core.model.User;
import io.pocketid.oidc.OAuthException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The user's side of the device flow (the {@code /device} page): look up, approve (audited), deny.
 */
public final class DeviceDecisions {
  private final DeviceAuthorizationService devices;
  private final AuditService audit;

  public DeviceDecisions(DeviceAuthorizationService devices, AuditService audit) {
    this.devices = Objects.requireNonNull(devices, "devices");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  public Optional<DeviceAuthorizationService.PendingDevice> lookup(String userCode) {
    return devices.lookup(userCode);
  }

  /** Approves the device's request for {@code user}; audited as a (new) device authorization. */
  public DeviceAuthorizationService.Approval approve(
      String userCode, User user, Instant authTime, RequestOrigin origin) throws OAuthException {
    DeviceAuthorizationService.Approval approval = devices.approve(userCode, user, authTime);
    audit.record(
        approval.newConsent()
            ? AuditEvents.NEW_DEVICE_CODE_AUTHORIZATION
            : AuditEvents.DEVICE_CODE_AUTHORIZATION,
        user.id(),
        origin,
        Map.of("clientName", approval.clientName()));
    return approval;
  }

  public void deny(String userCode, User user) throws OAuthException {
    devices.deny(userCode, user);
  }
}
