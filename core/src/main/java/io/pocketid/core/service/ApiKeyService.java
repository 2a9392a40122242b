package io.pocketid.core.service;

import io.pocketid.core.model.ApiKey;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.ApiKeyStore;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A user's API keys: created with a name and an expiry, shown once, stored only as a hash; listed
 * and revoked by their owner.
 */
public final class ApiKeyService {
  /** Pocket ID's name limits. */
  public static final int NAME_MIN = 3;

  private final ApiKeyStore keys;
  private final Clock clock;
  private final RandomTokens random;

  public ApiKeyService(ApiKeyStore keys, Clock clock, RandomTokens random) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A key just created: {@code token} is shown to its owner once and never stored. */
  public record NewApiKey(String token, ApiKey key) {}

  /**
   * @param description nullable
   * @throws ServiceException INVALID_INPUT for a bad name or description, or an expiry not in the
   *     future
   */
  public NewApiKey create(User owner, String name, String description, Instant expiresAt) {
    String checkedName = TextRules.requiredName("Name", name, TextRules.NAME_MAX);
    if (checkedName.codePointCount(0, checkedName.length()) < NAME_MIN) {
      throw new ServiceException(
          ServiceError.INVALID_INPUT, "Name must be at least " + NAME_MIN + " characters long");
    }
    String checkedDescription =
        description == null || description.isBlank()
            ? null
            : TextRules.requiredName("Description", description, 255);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (expiresAt == null || !expiresAt.isAfter(now)) {
      throw new ServiceException(
          ServiceError.INVALID_INPUT, "ExpiresAt must be a time in the future");
    }
    String token = random.urlSafe(32);
    ApiKey key =
        new ApiKey(
            UUID.randomUUID().toString(),
            checkedName,
            TokenHasher.hash(token),
            checkedDescription,
            now,
            expiresAt,
            null,
            owner.id(),
            false);
    keys.save(key);
    return new NewApiKey(token, key);
  }

  public Page<ApiKey> list(String userId, PageRequest request) {
    return keys.listForUser(userId, request);
  }

  /**
   * Revokes one of the owner's keys.
   *
   * @throws ServiceException NOT_FOUND when the key is not theirs or does not exist
   */
  public void revoke(String userId, String keyId) {
    if (!keys.delete(userId, keyId)) {
      throw new ServiceException(ServiceError.NOT_FOUND, "Record not found");
    }
  }
}
