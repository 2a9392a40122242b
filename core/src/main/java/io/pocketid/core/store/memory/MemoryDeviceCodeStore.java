package io.pocketid.core.store.memory;

import io.pocketid.core.model.DeviceCode;
import io.pocketid.core.store.DeviceCodeStore;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

final class MemoryDeviceCodeStore implements DeviceCodeStore {
  private final MemoryState state;

  MemoryDeviceCodeStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void save(DeviceCode code) {
    Objects.requireNonNull(code, "code");
    state.run(
        t -> {
          if (t.deviceCodes.containsKey(code.id())) {
            throw new DuplicateKeyException("device code", "id", code.id());
          }
          checkUnique(t, code);
          t.deviceCodes.put(code.id(), code);
        });
  }

  private static void checkUnique(Tables t, DeviceCode code) {
    for (DeviceCode other : t.deviceCodes.values()) {
      if (other.id().equals(code.id())) {
        continue;
      }
      if (other.deviceCodeHash().equals(code.deviceCodeHash())) {
        throw new DuplicateKeyException("device code", "deviceCodeHash", code.deviceCodeHash());
      }
      if (other.userCode().equals(code.userCode())) {
        throw new DuplicateKeyException("device code", "userCode", code.userCode());
      }
    }
  }

  @Override
  public Optional<DeviceCode> findByDeviceCodeHash(String deviceCodeHash) {
    Objects.requireNonNull(deviceCodeHash, "deviceCodeHash");
    return find(d -> d.deviceCodeHash().equals(deviceCodeHash));
  }

  @Override
  public Optional<DeviceCode> findByUserCode(String userCode) {
    Objects.requireNonNull(userCode, "userCode");
    return find(d -> d.userCode().equals(userCode));
  }

  private Optional<DeviceCode> find(Predicate<DeviceCode> p) {
    return state.call(t -> t.deviceCodes.values().stream().filter(p).findFirst());
  }

  @Override
  public void update(DeviceCode code) {
    Objects.requireNonNull(code, "code");
    state.run(
        t -> {
          if (!t.deviceCodes.containsKey(code.id())) {
            throw new NotFoundException("device code", code.id());
          }
          checkUnique(t, code);
          t.deviceCodes.put(code.id(), code);
        });
  }

  @Override
  public Optional<DeviceCode> consume(String deviceCodeHash) {
    Objects.requireNonNull(deviceCodeHash, "deviceCodeHash");
    return state.call(
        t -> {
          Optional<DeviceCode> found =
              t.deviceCodes.values().stream()
                  .filter(d -> d.deviceCodeHash().equals(deviceCodeHash))
                  .findFirst();
          found.ifPresent(d -> t.deviceCodes.remove(d.id()));
          return found;
        });
  }

  @Override
  public int deleteExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return state.call(t -> Rows.removeIf(t.deviceCodes, d -> d.expiresAt().isBefore(now)));
  }
}
