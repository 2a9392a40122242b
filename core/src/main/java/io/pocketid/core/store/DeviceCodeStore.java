package io.pocketid.core.store;

import io.pocketid.core.model.DeviceCode;
import java.time.Instant;
import java.util.Optional;

/** RFC 8628 device codes. User codes are unique. */
public interface DeviceCodeStore {
  /**
   * @throws DuplicateKeyException key {@code deviceCodeHash} or {@code userCode}
   */
  void save(DeviceCode code);

  Optional<DeviceCode> findByDeviceCodeHash(String deviceCodeHash);

  Optional<DeviceCode> findByUserCode(String userCode);

  /**
   * @throws NotFoundException when no such code
   */
  void update(DeviceCode code);

  /** Atomically removes and returns the code (when its tokens are issued). */
  Optional<DeviceCode> consume(String deviceCodeHash);

  /**
   * @return how many codes that expired before {@code now} were deleted
   */
  int deleteExpired(Instant now);
}
