package io.pocketid.oidc.device;

import io.pocketid.core.model.DeviceCode;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.DeviceCodeStore;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.OidcClientStore;
import io.pocketid.core.store.Transactions;
import io.pocketid.oidc.OAuthError;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.authorize.AuthorizationCompletion;
import io.pocketid.oidc.authorize.AuthorizationRequestValidator;
import io.pocketid.oidc.client.AuthenticatedClient;
import io.pocketid.oidc.client.ClientAuthenticator;
import io.pocketid.oidc.internal.Params;
import io.pocketid.oidc.token.UserClaimsLoader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The device authorization request (RFC 8628 §3.1–3.2) and the signed-in user's decision on the
 * {@code /device} page (§3.3). Token polling is {@code TokenService.deviceCode}.
 */
public final class DeviceAuthorizationService {
  private final OidcSettings settings;
  private final Transactions transactions;
  private final OidcClientStore clients;
  private final DeviceCodeStore deviceCodes;
  private final ClientAuthenticator authenticator;
  private final UserClaimsLoader claims;
  private final AuthorizationCompletion completion;
  private final RandomTokens random;
  private final Clock clock;

  public DeviceAuthorizationService(
      OidcSettings settings,
      Transactions transactions,
      OidcClientStore clients,
      DeviceCodeStore deviceCodes,
      ClientAuthenticator authenticator,
      UserClaimsLoader claims,
      AuthorizationCompletion completion,
      RandomTokens random,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.deviceCodes = Objects.requireNonNull(deviceCodes, "deviceCodes");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.claims = Objects.requireNonNull(claims, "claims");
    this.completion = Objects.requireNonNull(completion, "completion");
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A device waiting for the user, as shown on the {@code /device} page. */
  public record PendingDevice(
      String userCode, String clientId, String clientName, List<String> scopes, Instant expiresAt) {
    public PendingDevice {
      scopes = List.copyOf(scopes);
    }
  }

  /**
   * The user's approval.
   *
   * @param newConsent whether consent was given or widened now (for the audit log)
   */
  public record Approval(String clientId, String clientName, boolean newConsent) {}

  /** Handles {@code POST /api/oidc/device/authorize}: authenticates the client (public allowed). */
  public DeviceAuthorization authorize(
      Map<String, List<String>> params, Optional<String> authorization) throws OAuthException {
    Params form = Params.of(params);
    form.requireSingle("scope");
    AuthenticatedClient client = authenticator.authenticate(params, authorization);
    return authorize(client, form.optional("scope"));
  }

  /**
   * Starts a device authorization. Unknown scopes are dropped, as at the authorization endpoint.
   */
  public DeviceAuthorization authorize(AuthenticatedClient client, Optional<String> scope) {
    List<String> scopes = new ArrayList<>();
    for (String value : scope.orElse("").trim().split(" +")) {
      if (AuthorizationRequestValidator.SUPPORTED_SCOPES.contains(value)
          && !scopes.contains(value)) {
        scopes.add(value);
      }
    }
    String deviceCode = random.urlSafe(32);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    for (int attempt = 0; ; attempt++) {
      String userCode = UserCodes.generate(random);
      try {
        deviceCodes.save(
            new DeviceCode(
                UUID.randomUUID().toString(),
                TokenHasher.hash(deviceCode),
                userCode,
                now,
                now.plus(settings.deviceCodeLifetime()),
                client.id(),
                String.join(" ", scopes),
                DeviceCode.Status.PENDING,
                null,
                null,
                null));
        String verification = settings.issuer() + "/device";
        return new DeviceAuthorization(
            deviceCode,
            UserCodes.format(userCode),
            verification,
            verification + "?code=" + URLEncoder.encode(userCode, StandardCharsets.UTF_8),
            settings.deviceCodeLifetime().toSeconds(),
            settings.devicePollInterval().toSeconds());
      } catch (DuplicateKeyException e) {
        if (attempt >= 4) {
          throw e;
        }
      }
    }
  }

  /** The pending device for what the user typed, if it exists and has not expired. */
  public Optional<PendingDevice> lookup(String userCodeInput) {
    return find(userCodeInput)
        .flatMap(
            code ->
                clients
                    .findById(code.clientId())
                    .map(
                        client ->
                            new PendingDevice(
                                UserCodes.format(code.userCode()),
                                client.id(),
                                client.name(),
                                split(code.scope()),
                                code.expiresAt())));
  }

  /**
   * The signed-in user approves. Re-approving a code the same user already approved is allowed
   * (Pocket ID). The code is read and updated in one unit of work, so of two users approving the
   * same code at once only one succeeds.
   *
   * @throws OAuthException {@code invalid_grant} for an unknown, expired, denied or other user's
   *     code; {@code access_denied} (403) when the user is not in the client's allowed groups
   */
  public Approval approve(String userCodeInput, User user, Instant authTime) throws OAuthException {
    if (user.disabled()) {
      throw notAllowed();
    }
    Instant now = clock.instant();
    Decided<Approval> decided =
        transactions.inTransaction(
            () -> {
              Optional<DeviceCode> found = find(userCodeInput);
              if (found.isEmpty()
                  || found.get().status() == DeviceCode.Status.DENIED
                  || (found.get().userId() != null && !found.get().userId().equals(user.id()))) {
                return Decided.<Approval>failed(invalidCode());
              }
              DeviceCode code = found.get();
              Optional<OidcClient> client = clients.findById(code.clientId());
              if (client.isEmpty()) {
                return Decided.<Approval>failed(invalidCode());
              }
              if (!claims.mayUse(client.get().id(), user.id())) {
                return Decided.<Approval>failed(notAllowed());
              }
              deviceCodes.update(
                  code.decided(
                      DeviceCode.Status.AUTHORIZED,
                      user.id(),
                      authTime.truncatedTo(ChronoUnit.MILLIS)));
              boolean newConsent =
                  completion.upsertConsent(user.id(), client.get().id(), split(code.scope()), now);
              return Decided.ok(new Approval(client.get().id(), client.get().name(), newConsent));
            });
    return decided.get();
  }

  /** The signed-in user denies: the device's next poll gets {@code access_denied}. */
  public void deny(String userCodeInput, User user) throws OAuthException {
    Decided<Boolean> decided =
        transactions.inTransaction(
            () -> {
              Optional<DeviceCode> found = find(userCodeInput);
              if (found.isEmpty() || found.get().status() != DeviceCode.Status.PENDING) {
                return Decided.<Boolean>failed(invalidCode());
              }
              deviceCodes.update(found.get().decided(DeviceCode.Status.DENIED, user.id(), null));
              return Decided.ok(true);
            });
    decided.get();
  }

  /** A value or the exception to throw once the unit of work has ended. */
  private record Decided<T>(T value, OAuthException error) {
    static <T> Decided<T> ok(T value) {
      return new Decided<>(value, null);
    }

    static <T> Decided<T> failed(OAuthException error) {
      return new Decided<>(null, error);
    }

    T get() throws OAuthException {
      if (error != null) {
        throw error;
      }
      return value;
    }
  }

  private static OAuthException notAllowed() {
    return new OAuthException(
        new OAuthError(OAuthError.ACCESS_DENIED, AuthorizationCompletion.NOT_ALLOWED), 403, null);
  }

  private Optional<DeviceCode> find(String userCodeInput) {
    return UserCodes.normalize(userCodeInput)
        .flatMap(deviceCodes::findByUserCode)
        .filter(code -> clock.instant().isBefore(code.expiresAt()));
  }

  private static OAuthException invalidCode() {
    return OAuthException.badRequest(OAuthError.invalidGrant("Invalid device code"));
  }

  private static List<String> split(String scope) {
    return scope.isBlank() ? List.of() : List.of(scope.trim().split(" +"));
  }
}
