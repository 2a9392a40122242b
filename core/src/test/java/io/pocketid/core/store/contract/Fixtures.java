package io.pocketid.core.store.contract;

import io.pocketid.core.model.ApiKey;
import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.model.AuthorizationCode;
import io.pocketid.core.model.BrowserSession;
import io.pocketid.core.model.Consent;
import io.pocketid.core.model.DeviceCode;
import io.pocketid.core.model.FederatedIdentity;
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
import io.pocketid.core.security.TokenHasher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fixture factories for storage tests, reusable by every backend's tests.
 *
 * <p>Every value is deterministic: ids derive from names ({@link #id(String)}), timestamps are
 * fixed instants at millisecond precision ({@link #T0} and {@link #at(long)}), secrets are hashed
 * with {@link TokenHasher}. Larger aggregates come as small builders ({@code
 * Fixtures.user("alice").email(null).build()}); the others as factories with the fields tests vary.
 */
public final class Fixtures {
  /** The reference instant of every fixture, with a millisecond part. */
  public static final Instant T0 = Instant.parse("2026-01-15T10:00:00.123Z");

  private Fixtures() {}

  /** {@link #T0} plus the given seconds (negative for the past). */
  public static Instant at(long secondsAfterT0) {
    return T0.plusSeconds(secondsAfterT0);
  }

  /** A stable UUID derived from a name. */
  public static String id(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The stored hash of a fixture secret. */
  public static String hash(String secret) {
    return TokenHasher.hash(secret);
  }

  public static UserBuilder user(String username) {
    return new UserBuilder(username);
  }

  public static UserGroup group(String name) {
    return group(name, "Group " + name, T0);
  }

  public static UserGroup group(String name, String friendlyName, Instant createdAt) {
    return new UserGroup(id("group:" + name), createdAt, friendlyName, name, null);
  }

  public static ClientBuilder client(String clientId) {
    return new ClientBuilder(clientId);
  }

  public static PasskeyBuilder passkey(String name, User owner) {
    return new PasskeyBuilder(name, owner.id());
  }

  public static AuthorizationCode authorizationCode(
      String code, String userId, String clientId, Instant expiresAt) {
    return new AuthorizationCode(
        id("code:" + code),
        hash(code),
        T0,
        expiresAt,
        userId,
        clientId,
        "https://rp.example/callback",
        "openid profile",
        null,
        null,
        null,
        null,
        T0);
  }

  public static RefreshToken refreshToken(
      String token, String familyId, String userId, String clientId, Instant expiresAt) {
    return new RefreshToken(
        id("refresh:" + token),
        hash(token),
        familyId,
        T0,
        expiresAt,
        userId,
        clientId,
        "openid offline_access",
        false,
        null,
        T0);
  }

  public static DeviceCode deviceCode(String code, String userCode, String clientId, Instant exp) {
    return new DeviceCode(
        id("device:" + code),
        hash(code),
        userCode,
        T0,
        exp,
        clientId,
        "openid",
        DeviceCode.Status.PENDING,
        null,
        null,
        null);
  }

  /** The device code approved by a user. */
  public static DeviceCode approved(DeviceCode code, String userId) {
    return new DeviceCode(
        code.id(),
        code.deviceCodeHash(),
        code.userCode(),
        code.createdAt(),
        code.expiresAt(),
        code.clientId(),
        code.scope(),
        DeviceCode.Status.AUTHORIZED,
        userId,
        code.lastPolledAt(),
        at(5));
  }

  public static Consent consent(String userId, String clientId, Instant lastUsedAt) {
    return new Consent(userId, clientId, "openid profile email", lastUsedAt);
  }

  public static LoginCode loginCode(String code, String userId, Instant expiresAt) {
    return new LoginCode(id("login:" + code), hash(code), T0, expiresAt, userId);
  }

  public static ReauthenticationToken reauthToken(String token, String userId, Instant expires) {
    return new ReauthenticationToken(id("reauth:" + token), hash(token), T0, expires, userId);
  }

  public static SignupToken signupToken(String token, int usageLimit, Instant expiresAt) {
    return new SignupToken(id("signup:" + token), hash(token), T0, expiresAt, usageLimit, 0);
  }

  public static ApiKey apiKey(String name, String userId, Instant expiresAt) {
    return new ApiKey(
        id("apikey:" + userId + ":" + name),
        name,
        hash("secret-of-" + userId + "-" + name),
        null,
        T0,
        expiresAt,
        null,
        userId,
        false);
  }

  public static WebauthnChallenge challenge(String id, String userId, Instant expiresAt) {
    return new WebauthnChallenge(
        id, "challenge-" + id, T0, expiresAt, "preferred", userId, "{\"rpId\":\"localhost\"}");
  }

  public static BrowserSession session(String cookie, String userId, Instant createdAt) {
    return new BrowserSession(
        id("session:" + cookie),
        hash(cookie),
        userId,
        createdAt,
        createdAt.plusSeconds(3600),
        createdAt,
        "192.0.2.10",
        "Mozilla/5.0",
        "passkey");
  }

  public static AuditEvent auditEvent(String name, String event, String userId, Instant at) {
    return new AuditEvent(
        id("audit:" + name),
        at,
        event,
        "192.0.2.1",
        "Mozilla/5.0 (" + name + ")",
        userId,
        "CH",
        "Zurich",
        Map.of("clientName", "Nextcloud"));
  }

  public static SigningKey signingKey(String kid, Instant activeFrom) {
    return new SigningKey(
        kid,
        "RS256",
        ("{\"kid\":\"" + kid + "\",\"d\":\"\u0000\u00ff\"}").getBytes(StandardCharsets.UTF_8),
        false,
        activeFrom,
        activeFrom,
        null,
        null);
  }

  /** Builds a {@link User}: username given, email {@code <username>@example.com}. */
  public static final class UserBuilder {
    private String id;
    private Instant createdAt = T0;
    private String username;
    private String email;
    private String firstName;
    private String lastName;
    private String displayName;
    private boolean admin;
    private String ldapId;
    private String locale;
    private boolean disabled;

    private UserBuilder(String username) {
      this.id = Fixtures.id("user:" + username);
      this.username = username;
      this.email = username + "@example.com";
      this.firstName = "First " + username;
      this.lastName = "Last " + username;
      this.displayName = "Display " + username;
    }

    public UserBuilder id(String value) {
      id = value;
      return this;
    }

    public UserBuilder createdAt(Instant value) {
      createdAt = value;
      return this;
    }

    public UserBuilder username(String value) {
      username = value;
      return this;
    }

    public UserBuilder email(String value) {
      email = value;
      return this;
    }

    public UserBuilder firstName(String value) {
      firstName = value;
      return this;
    }

    public UserBuilder lastName(String value) {
      lastName = value;
      return this;
    }

    public UserBuilder displayName(String value) {
      displayName = value;
      return this;
    }

    public UserBuilder admin(boolean value) {
      admin = value;
      return this;
    }

    public UserBuilder ldapId(String value) {
      ldapId = value;
      return this;
    }

    public UserBuilder locale(String value) {
      locale = value;
      return this;
    }

    public UserBuilder disabled(boolean value) {
      disabled = value;
      return this;
    }

    public User build() {
      return new User(
          id,
          createdAt,
          username,
          email,
          firstName,
          lastName,
          displayName,
          admin,
          ldapId,
          locale,
          disabled);
    }
  }

  /** Builds an {@link OidcClient}: confidential, one callback URL, created at {@link #T0}. */
  public static final class ClientBuilder {
    private final String id;
    private Instant createdAt = T0;
    private String name;
    private String secretHash = "$2a$10$abcdefghijklmnopqrstuuZ0123456789abcdefghijklmnopqrstu";
    private List<String> callbackUrls = List.of("https://rp.example/callback");
    private List<String> logoutCallbackUrls = List.of();
    private String backchannelLogoutUri;
    private String createdById;
    private boolean publicClient;
    private boolean pkceEnabled;
    private boolean requiresReauthentication;
    private String launchUrl;
    private List<FederatedIdentity> federatedIdentities = List.of();

    private ClientBuilder(String id) {
      this.id = id;
      this.name = "Client " + id;
    }

    public ClientBuilder createdAt(Instant value) {
      createdAt = value;
      return this;
    }

    public ClientBuilder name(String value) {
      name = value;
      return this;
    }

    public ClientBuilder secretHash(String value) {
      secretHash = value;
      return this;
    }

    public ClientBuilder callbackUrls(List<String> value) {
      callbackUrls = value;
      return this;
    }

    public ClientBuilder logoutCallbackUrls(List<String> value) {
      logoutCallbackUrls = value;
      return this;
    }

    public ClientBuilder backchannelLogoutUri(String value) {
      backchannelLogoutUri = value;
      return this;
    }

    public ClientBuilder createdById(String value) {
      createdById = value;
      return this;
    }

    public ClientBuilder publicClient(boolean value) {
      publicClient = value;
      return this;
    }

    public ClientBuilder pkceEnabled(boolean value) {
      pkceEnabled = value;
      return this;
    }

    public ClientBuilder requiresReauthentication(boolean value) {
      requiresReauthentication = value;
      return this;
    }

    public ClientBuilder launchUrl(String value) {
      launchUrl = value;
      return this;
    }

    public ClientBuilder federatedIdentities(List<FederatedIdentity> value) {
      federatedIdentities = value;
      return this;
    }

    public OidcClient build() {
      return OidcClient.builder(id, name)
          .createdAt(createdAt)
          .secretHash(secretHash)
          .callbackUrls(callbackUrls)
          .logoutCallbackUrls(logoutCallbackUrls)
          .backchannelLogoutUri(backchannelLogoutUri)
          .createdById(createdById)
          .publicClient(publicClient)
          .pkceEnabled(pkceEnabled)
          .requiresReauthentication(requiresReauthentication)
          .launchUrl(launchUrl)
          .federatedIdentities(federatedIdentities)
          .build();
    }
  }

  /** Builds a {@link Passkey} with a credential id derived from its name. */
  public static final class PasskeyBuilder {
    private final String name;
    private final String userId;
    private Instant createdAt = T0;
    private byte[] credentialId;
    private byte[] aaguid;
    private long signCount;
    private Instant lastUsedAt;

    private PasskeyBuilder(String name, String userId) {
      this.name = name;
      this.userId = userId;
      this.credentialId = ("cred-" + name).getBytes(StandardCharsets.UTF_8);
    }

    public PasskeyBuilder createdAt(Instant value) {
      createdAt = value;
      return this;
    }

    public PasskeyBuilder credentialId(byte[] value) {
      credentialId = value;
      return this;
    }

    public PasskeyBuilder aaguid(byte[] value) {
      aaguid = value;
      return this;
    }

    public PasskeyBuilder signCount(long value) {
      signCount = value;
      return this;
    }

    public PasskeyBuilder lastUsedAt(Instant value) {
      lastUsedAt = value;
      return this;
    }

    public Passkey build() {
      return new Passkey(
          id("passkey:" + userId + ":" + name),
          createdAt,
          name,
          credentialId,
          new byte[] {(byte) 0xa5, 0x01, 0x02, 0x03, 0x26, 0x00, (byte) 0xff},
          "none",
          List.of("internal", "hybrid"),
          userId,
          true,
          false,
          aaguid,
          signCount,
          lastUsedAt);
    }
  }
}
