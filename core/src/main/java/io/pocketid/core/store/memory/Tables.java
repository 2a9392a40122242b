package io.pocketid.core.store.memory;

import io.pocketid.core.model.ApiKey;
import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.model.AuthorizationCode;
import io.pocketid.core.model.BrowserSession;
import io.pocketid.core.model.Consent;
import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.DeviceCode;
import io.pocketid.core.model.LoginCode;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.ReauthenticationToken;
import io.pocketid.core.model.RefreshToken;
import io.pocketid.core.model.SigningKey;
import io.pocketid.core.model.SignupToken;
import io.pocketid.core.model.StoredImage;
import io.pocketid.core.model.UsedCode;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.model.WebauthnChallenge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every row of an {@link InMemoryStorage}. Values are immutable (records, unmodifiable lists), so a
 * copy of the maps is a full snapshot. Only touched with the storage lock held.
 */
final class Tables {
  /** A membership of a user in a group. */
  record Membership(String userId, String groupId) {}

  /** The key of a consent. */
  record ConsentKey(String userId, String clientId) {}

  final Map<String, User> users = new HashMap<>();
  final Map<String, UserGroup> groups = new HashMap<>();
  final Set<Membership> memberships = new HashSet<>();
  final Map<String, List<CustomClaim>> userClaims = new HashMap<>();
  final Map<String, List<CustomClaim>> groupClaims = new HashMap<>();
  final Map<String, OidcClient> clients = new HashMap<>();
  final Map<String, List<String>> clientGroups = new HashMap<>();
  final Map<String, AuthorizationCode> authorizationCodes = new HashMap<>();
  final Map<String, UsedCode> usedCodes = new HashMap<>();
  final Map<String, Instant> revokedGrants = new HashMap<>();
  final Map<String, RefreshToken> refreshTokens = new HashMap<>();
  final Map<String, DeviceCode> deviceCodes = new HashMap<>();
  final Map<ConsentKey, Consent> consents = new HashMap<>();
  final Map<String, LoginCode> loginCodes = new HashMap<>();
  final Map<String, ReauthenticationToken> reauthenticationTokens = new HashMap<>();
  final Map<String, SignupToken> signupTokens = new HashMap<>();
  final Map<String, ApiKey> apiKeys = new HashMap<>();
  final Map<String, Passkey> passkeys = new HashMap<>();
  final Map<String, WebauthnChallenge> challenges = new HashMap<>();
  final Map<String, BrowserSession> sessions = new HashMap<>();
  final Map<String, AuditEvent> auditEvents = new HashMap<>();
  final Map<String, String> appConfig = new HashMap<>();
  final Map<String, SigningKey> signingKeys = new HashMap<>();
  final Map<String, String> keyValues = new HashMap<>();
  final Map<String, StoredImage> images = new HashMap<>();

  /** A snapshot that later changes to this object do not affect (rows are immutable). */
  Tables copy() {
    Tables c = new Tables();
    c.users.putAll(users);
    c.groups.putAll(groups);
    c.memberships.addAll(memberships);
    c.userClaims.putAll(userClaims);
    c.groupClaims.putAll(groupClaims);
    c.clients.putAll(clients);
    c.clientGroups.putAll(clientGroups);
    c.authorizationCodes.putAll(authorizationCodes);
    c.usedCodes.putAll(usedCodes);
    c.revokedGrants.putAll(revokedGrants);
    c.refreshTokens.putAll(refreshTokens);
    c.deviceCodes.putAll(deviceCodes);
    c.consents.putAll(consents);
    c.loginCodes.putAll(loginCodes);
    c.reauthenticationTokens.putAll(reauthenticationTokens);
    c.signupTokens.putAll(signupTokens);
    c.apiKeys.putAll(apiKeys);
    c.passkeys.putAll(passkeys);
    c.challenges.putAll(challenges);
    c.sessions.putAll(sessions);
    c.auditEvents.putAll(auditEvents);
    c.appConfig.putAll(appConfig);
    c.signingKeys.putAll(signingKeys);
    c.keyValues.putAll(keyValues);
    c.images.putAll(images);
    return c;
  }

  /** Deletes a user and everything that belongs to them. */
  boolean deleteUser(String userId) {
    if (users.remove(userId) == null) {
      return false;
    }
    passkeys.values().removeIf(p -> p.userId().equals(userId));
    sessions.values().removeIf(s -> s.userId().equals(userId));
    loginCodes.values().removeIf(c -> c.userId().equals(userId));
    reauthenticationTokens.values().removeIf(t -> t.userId().equals(userId));
    apiKeys.values().removeIf(k -> k.userId().equals(userId));
    authorizationCodes.values().removeIf(c -> c.userId().equals(userId));
    refreshTokens.values().removeIf(t -> userId.equals(t.userId()));
    deviceCodes.values().removeIf(d -> userId.equals(d.userId()));
    consents.keySet().removeIf(k -> k.userId().equals(userId));
    memberships.removeIf(m -> m.userId().equals(userId));
    userClaims.remove(userId);
    for (OidcClient c : new ArrayList<>(clients.values())) {
      if (userId.equals(c.createdById())) {
        clients.put(c.id(), withoutCreator(c));
      }
    }
    return true;
  }

  /** Deletes a group, its memberships, its claims and the client restrictions naming it. */
  boolean deleteGroup(String groupId) {
    if (groups.remove(groupId) == null) {
      return false;
    }
    memberships.removeIf(m -> m.groupId().equals(groupId));
    groupClaims.remove(groupId);
    Map<String, List<String>> changed = new HashMap<>();
    clientGroups.forEach(
        (clientId, ids) -> {
          if (ids.contains(groupId)) {
            changed.put(clientId, ids.stream().filter(id -> !id.equals(groupId)).toList());
          }
        });
    changed.forEach(
        (clientId, ids) -> {
          if (ids.isEmpty()) {
            clientGroups.remove(clientId);
          } else {
            clientGroups.put(clientId, ids);
          }
        });
    return true;
  }

  /** Deletes a client, its codes, tokens, consents and group restrictions. */
  boolean deleteClient(String clientId) {
    if (clients.remove(clientId) == null) {
      return false;
    }
    authorizationCodes.values().removeIf(c -> c.clientId().equals(clientId));
    refreshTokens.values().removeIf(t -> t.clientId().equals(clientId));
    deviceCodes.values().removeIf(d -> d.clientId().equals(clientId));
    consents.keySet().removeIf(k -> k.clientId().equals(clientId));
    clientGroups.remove(clientId);
    return true;
  }

  private static OidcClient withoutCreator(OidcClient c) {
    return new OidcClient(
        c.id(),
        c.createdAt(),
        c.name(),
        c.secretHash(),
        c.callbackUrls(),
        c.logoutCallbackUrls(),
        c.backchannelLogoutUri(),
        c.imageType(),
        c.darkImageType(),
        null,
        c.publicClient(),
        c.pkceEnabled(),
        c.requiresReauthentication(),
        c.launchUrl(),
        c.federatedIdentities());
  }
}
