package io.pocketid.oidc.device;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The device authorization response (RFC 8628 §3.2).
 *
 * @param deviceCode the device's secret (only its hash is stored)
 * @param userCode formatted {@code XXXX-XXXX}
 * @param verificationUri {@code APP_URL/device}
 * @param verificationUriComplete with the user code as {@code code} query parameter (Pocket ID)
 */
public record DeviceAuthorization(
    String deviceCode,
    String userCode,
    String verificationUri,
    String verificationUriComplete,
    long expiresIn,
    long interval) {
  public DeviceAuthorization {
    Objects.requireNonNull(deviceCode, "deviceCode");
    Objects.requireNonNull(userCode, "userCode");
    Objects.requireNonNull(verificationUri, "verificationUri");
    Objects.requireNonNull(verificationUriComplete, "verificationUriComplete");
  }

  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("device_code", deviceCode);
    out.put("user_code", userCode);
    out.put("verification_uri", verificationUri);
    out.put("verification_uri_complete", verificationUriComplete);
    out.put("expires_in", expiresIn);
    out.put("interval", interval);
    return out;
  }

  @Override
  public String toString() {
    return "DeviceAuthorization[userCode=" + userCode + ", device code redacted]";
  }
}
