package io.pocketid.core.service;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.audit.AuditService;
import io.pocketid.core.audit.RequestOrigin;
import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.User;
import io.pocketid.core.store.PasskeyStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A user's own passkeys: add (after a registration ceremony), list, rename, remove; audited. */
public final class PasskeyService {
  private final PasskeyStore passkeys;
  private final PasskeyVerifier verifier;
  private final AuditService audit;

  public PasskeyService(PasskeyStore passkeys, PasskeyVerifier verifier, AuditService audit) {
    this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /**
   * Finishes a registration ceremony and keeps the new passkey.
   *
   * @throws PasskeyRejected when the attestation is not acceptable
   */
  public Passkey add(User user, String ceremonyId, String responseJson, RequestOrigin origin) {
    Passkey passkey = verifier.register(ceremonyId, user, responseJson);
    audit.record(
        AuditEvents.PASSKEY_ADDED, user.id(), origin, Map.of("passkeyName", passkey.name()));
    return passkey;
  }

  public List<Passkey> list(String userId) {
    return passkeys.listForUser(userId);
  }

  /**
   * Renames one of the user's passkeys (1–{@value TextRules#NAME_MAX} characters, {@link
   * TextRules}).
   *
   * @throws ServiceException INVALID_INPUT for a bad name; NOT_FOUND when the passkey is not the
   *     user's
   */
  public Passkey rename(String userId, String passkeyId, String name, RequestOrigin origin) {
    String checked = TextRules.requiredName("Name", name, TextRules.NAME_MAX);
    Passkey passkey =
        own(userId, passkeyId)
            .orElseThrow(() -> new ServiceException(ServiceError.NOT_FOUND, "Record not found"));
    Passkey renamed = passkey.withName(checked);
    passkeys.update(renamed);
    audit.record(AuditEvents.PASSKEY_RENAMED, userId, origin, Map.of("passkeyName", checked));
    return renamed;
  }

  /**
   * Removes one of the user's passkeys; nothing happens (and nothing is audited) when there is no
   * such passkey of theirs.
   */
  public void remove(String userId, String passkeyId, RequestOrigin origin) {
    String name = passkeys.findById(passkeyId).map(Passkey::name).orElse("");
    if (passkeys.delete(userId, passkeyId)) {
      audit.record(AuditEvents.PASSKEY_REMOVED, userId, origin, Map.of("passkeyName", name));
    }
  }

  private Optional<Passkey> own(String userId, String passkeyId) {
    return passkeys.findById(passkeyId).filter(p -> p.userId().equals(userId));
  }
}
