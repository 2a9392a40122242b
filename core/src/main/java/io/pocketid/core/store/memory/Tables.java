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
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.model.WebauthnChallenge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

  final Map<String, User> users;
  final Map<String, UserGroup> groups;
  final Set<Membership> memberships;
  final Map<String, List<CustomClaim>> userClaims;
  final Map<String, List<CustomClaim>> groupClaims;
  final Map<String, OidcClient> clients;
  final Map<String, List<String>> clientGroups;
  final Map<String, AuthorizationCode> authorizationCodes;
  final Map<String, RefreshToken> refreshTokens;
  final Map<String, DeviceCode> deviceCodes;
  final Map<ConsentKey, Consent> consents;
  final Map<String, LoginCode> loginCodes;
  final Map<String, ReauthenticationToken> reauthenticationTokens;
  final Map<String, SignupToken> signupTokens;
  final Map<String, ApiKey> apiKeys;
  final Map<String, Passkey> passkeys;
  final Map<String, WebauthnChallenge> challenges;
  final Map<String, BrowserSession> sessions;
  final Map<String, AuditEvent> auditEvents;
  final Map<String, String> appConfig;
  final Map<String, SigningKey> signingKeys;
  final Map<String, String> keyValues;

  Tables() {
    this(null);
  }

  private Tables(Tables o) {
    users = copy(o == null ? null : o.users);
    groups = copy(o == null ? null : o.groups);
    memberships = o == null ? new HashSet<>() : new HashSet<>(o.memberships);
    userClaims = copy(o == null ? null : o.userClaims);
    groupClaims = copy(o == null ? null : o.groupClaims);
    clients = copy(o == null ? null : o.clients);
    clientGroups = copy(o == null ? null : o.clientGroups);
    authorizationCodes = copy(o == null ? null : o.authorizationCodes);
    refreshTokens = copy(o == null ? null : o.refreshTokens);
    deviceCodes = copy(o == null ? null : o.deviceCodes);
    consents = copy(o == null ? null : o.consents);
    loginCodes = copy(o == null ? null : o.loginCodes);
    reauthenticationTokens = copy(o == null ? null : o.reauthenticationTokens);
    signupTokens = copy(o == null ? null : o.signupTokens);
    apiKeys = copy(o == null ? null : o.apiKeys);
    passkeys = copy(o == null ? null : o.passkeys);
    challenges = copy(o == null ? null : o.challenges);
    sessions = copy(o == null ? null : o.sessions);
    auditEvents = copy(o == null ? null : o.auditEvents);
    appConfig = copy(o == null ? null : o.appConfig);
    signingKeys = copy(o == null ? null : o.signingKeys);
    keyValues = copy(o == null ? null : o.keyValues);
  }

  private static <K, V> Map<K, V> copy(Map<K, V> source) {
    return source == null ? new LinkedHashMap<>() : new LinkedHashMap<>(source);
  }

  /** A snapshot that later changes to this object do not affect. */
  Tables copy() {
    return new Tables(this);
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
