package io.pocketid.core.store.memory;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.store.CustomClaimStore;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

final class MemoryCustomClaimStore implements CustomClaimStore {
  private final MemoryState state;

  MemoryCustomClaimStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void replaceForUser(String userId, List<CustomClaim> claims) {
    Objects.requireNonNull(userId, "userId");
    List<CustomClaim> sorted = sortedUnique(claims);
    state.run(
        t -> {
          if (!t.users.containsKey(userId)) {
            throw new NotFoundException("user", userId);
          }
          put(t.userClaims, userId, sorted);
        });
  }

  @Override
  public void replaceForGroup(String groupId, List<CustomClaim> claims) {
    Objects.requireNonNull(groupId, "groupId");
    List<CustomClaim> sorted = sortedUnique(claims);
    state.run(
        t -> {
          MemoryGroupStore.requireGroup(t, groupId);
          put(t.groupClaims, groupId, sorted);
        });
  }

  private static void put(Map<String, List<CustomClaim>> table, String owner, List<CustomClaim> c) {
    if (c.isEmpty()) {
      table.remove(owner);
    } else {
      table.put(owner, c);
    }
  }

  private static List<CustomClaim> sortedUnique(List<CustomClaim> claims) {
    Set<String> keys = new HashSet<>();
    for (CustomClaim claim : claims) {
      if (!keys.add(claim.key())) {
        throw new DuplicateKeyException("custom claim", "key", claim.key());
      }
    }
    return claims.stream().sorted(Comparator.comparing(CustomClaim::key)).toList();
  }

  @Override
  public List<CustomClaim> forUser(String userId) {
    Objects.requireNonNull(userId, "userId");
    return state.call(t -> t.userClaims.getOrDefault(userId, List.of()));
  }

  @Override
  public List<CustomClaim> forGroup(String groupId) {
    Objects.requireNonNull(groupId, "groupId");
    return state.call(t -> t.groupClaims.getOrDefault(groupId, List.of()));
  }

  @Override
  public List<String> keySuggestions() {
    return state.call(
        t -> {
          Map<String, Long> counts = new HashMap<>();
          java.util.stream.Stream.concat(
                  t.userClaims.values().stream(), t.groupClaims.values().stream())
              .flatMap(List::stream)
              .forEach(c -> counts.merge(c.key(), 1L, Long::sum));
          return counts.entrySet().stream()
              .sorted(
                  Map.Entry.<String, Long>comparingByValue()
                      .reversed()
                      .thenComparing(Map.Entry.comparingByKey()))
              .map(Map.Entry::getKey)
              .toList();
        });
  }
}
