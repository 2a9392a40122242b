package io.pocketid.core.store.memory;

import io.pocketid.core.store.RevokedGrantStore;
import java.time.Instant;
import java.util.Objects;

final class MemoryRevokedGrantStore implements RevokedGrantStore {
  private final MemoryState state;

  MemoryRevokedGrantStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void revoke(String grantId, Instant uselessAfter) {
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(uselessAfter, "uselessAfter");
    state.run(
        t ->
            t.revokedGrants.merge(
                grantId, uselessAfter, (before, now) -> before.isAfter(now) ? before : now));
  }

  @Override
  public boolean isRevoked(String grantId) {
    Objects.requireNonNull(grantId, "grantId");
    return state.call(t -> t.revokedGrants.containsKey(grantId));
  }

  @Override
  public int deleteExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return state.call(t -> Rows.removeIf(t.revokedGrants, after -> after.isBefore(now)));
  }
}
