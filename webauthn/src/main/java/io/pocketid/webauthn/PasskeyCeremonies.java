package io.pocketid.webauthn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.AuthenticatorAttestationResponse;
import com.yubico.webauthn.data.AuthenticatorData;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.ClientRegistrationExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialParameters;
import com.yubico.webauthn.data.RegistrationExtensionInputs;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.AssertionFailedException;
import com.yubico.webauthn.exception.RegistrationFailedException;
import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.User;
import io.pocketid.core.model.WebauthnChallenge;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.PasskeyStore;
import io.pocketid.core.store.UserStore;
import io.pocketid.core.store.WebauthnChallengeStore;
import io.pocketid.webauthn.internal.AuthenticatorNames;
import io.pocketid.webauthn.internal.BackupFlags;
import io.pocketid.webauthn.internal.ResponseChecks;
import io.pocketid.webauthn.internal.StoreCredentialRepository;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passkey registration and discoverable sign-in. Thread-safe; one instance per relying party.
 * Challenges and passkeys are read and written through the storage SPI only, so a ceremony started
 * on one instance finishes on any other.
 */
public final class PasskeyCeremonies {
  private static final Logger LOG = LoggerFactory.getLogger(PasskeyCeremonies.class);

  /**
   * Yubico's own mapper configuration, built once, on the first ceremony (a holder class, so a
   * server that has not seen a passkey yet has not loaded Jackson's ~600 classes): its {@code
   * toJson()} / {@code toCredentials*Json()} build a new mapper per call (~5–20 ms each, most of a
   * sign-in start). The browser gets the options object itself, without Yubico's {@code
   * {"publicKey": …}} wrapper.
   */
  private static final class YubicoJson {
    static final ObjectMapper MAPPER = com.yubico.internal.util.JacksonCodecs.json();
    static final TypeReference<
            PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs>>
        ASSERTION_RESPONSE = new TypeReference<>() {};
  }

  private static final String USER_VERIFICATION = "required";

  private final WebauthnSettings settings;
  private final UserStore users;
  private final PasskeyStore passkeys;
  private final WebauthnChallengeStore challenges;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final StoreCredentialRepository credentials;
  private volatile RelyingParty relyingParty;
  private final ResponseChecks checks;

  public PasskeyCeremonies(
      WebauthnSettings settings,
      UserStore users,
      PasskeyStore passkeys,
      WebauthnChallengeStore challenges,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.users = Objects.requireNonNull(users, "users");
    this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
    this.challenges = Objects.requireNonNull(challenges, "challenges");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.checks = new ResponseChecks(settings.rpId(), settings.origins());
    this.credentials = new StoreCredentialRepository(users, passkeys);
  }

  /** Yubico's relying party, built on the first ceremony (it loads Jackson). */
  private RelyingParty relyingParty() {
    RelyingParty rp = relyingParty;
    if (rp == null) {
      synchronized (this) {
        rp = relyingParty;
        if (rp == null) {
          rp = newRelyingParty();
          relyingParty = rp;
        }
      }
    }
    return rp;
  }

  private RelyingParty newRelyingParty() {
    return RelyingParty.builder()
        .identity(
            RelyingPartyIdentity.builder().id(settings.rpId()).name(settings.rpName()).build())
        .credentialRepository(credentials)
        .origins(Set.copyOf(settings.origins()))
        .preferredPubkeyParams(
            List.of(
                PublicKeyCredentialParameters.ES256,
                PublicKeyCredentialParameters.EdDSA,
                PublicKeyCredentialParameters.RS256))
        .allowUntrustedAttestation(true)
        // The counter is checked below so that a regression gets its own reason.
        .validateSignatureCounter(false)
        .clock(clock)
        .build();
  }

  /**
   * Starts adding a passkey to {@code user}: resident key and user verification required, the
   * user's existing passkeys excluded, {@code credProps} requested.
   */
  public Ceremony startRegistration(User user) {
    return startRegistration(user, settings.rpName());
  }

  /**
   * As {@link #startRegistration(User)}, with the relying party's display name as it is now (the
   * app name can change while the server runs; authenticators show it when saving the passkey).
   */
  public Ceremony startRegistration(User user, String rpName) {
    PublicKeyCredentialCreationOptions built =
        relyingParty()
            .startRegistration(
                StartRegistrationOptions.builder()
                    .user(
                        UserIdentity.builder()
                            .name(user.username())
                            .displayName(displayName(user))
                            .id(StoreCredentialRepository.userHandle(user.id()))
                            .build())
                    .authenticatorSelection(
                        AuthenticatorSelectionCriteria.builder()
                            .residentKey(ResidentKeyRequirement.REQUIRED)
                            .userVerification(UserVerificationRequirement.REQUIRED)
                            .build())
                    .extensions(RegistrationExtensionInputs.builder().credProps().build())
                    .timeout(settings.timeout().toMillis())
                    .build());
    PublicKeyCredentialCreationOptions options =
        built.toBuilder()
            .rp(RelyingPartyIdentity.builder().id(settings.rpId()).name(rpName).build())
            .build();
    try {
      return store(
          options.getChallenge(),
          user.id(),
          YubicoJson.MAPPER.writeValueAsString(options),
          YubicoJson.MAPPER.writeValueAsString(options));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize registration options", e);
    }
  }

  /**
   * Verifies the browser's answer to {@link #startRegistration} and stores the new passkey.
   *
   * @param ceremonyId the id returned by {@code startRegistration}
   * @param user the signed-in user; must be the user the ceremony was started for
   * @param responseJson the browser's {@code RegistrationResponseJSON}
   * @return the stored passkey
   */
  public Passkey finishRegistration(String ceremonyId, User user, String responseJson)
      throws PasskeyCeremonyException {
    WebauthnChallenge challenge = consume(ceremonyId, user.id());
    if (!user.id().equals(challenge.userId())) {
      throw new PasskeyCeremonyException(CeremonyFailure.USER_MISMATCH, user.id(), null);
    }
    PublicKeyCredentialCreationOptions options;
    try {
      options = PublicKeyCredentialCreationOptions.fromJson(challenge.requestJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored registration options cannot be read", e);
    }
    PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs>
        credential;
    try {
      credential = PublicKeyCredential.parseRegistrationResponseJson(responseJson);
    } catch (IOException | RuntimeException e) {
      throw new PasskeyCeremonyException(
          CeremonyFailure.MALFORMED_RESPONSE, user.id(), e.getClass().getSimpleName());
    }
    checks.check(credential.getResponse(), "webauthn.create", options.getChallenge(), user.id());
    if (passkeys.findByCredentialId(credential.getId().getBytes()).isPresent()) {
      throw new PasskeyCeremonyException(CeremonyFailure.ALREADY_REGISTERED, user.id(), null);
    }
    RegistrationResult result;
    try {
      result =
          relyingParty()
              .finishRegistration(
                  FinishRegistrationOptions.builder()
                      .request(options)
                      .response(credential)
                      .build());
    } catch (RegistrationFailedException | RuntimeException e) {
      throw new PasskeyCeremonyException(
          CeremonyFailure.VERIFICATION_FAILED, user.id(), e.getMessage());
    }
    Instant now = now();
    byte[] aaguid = result.getAaguid().getBytes();
    Passkey passkey =
        new Passkey(
            UUID.randomUUID().toString(),
            now,
            AuthenticatorNames.defaultPasskeyName(aaguid),
            result.getKeyId().getId().getBytes(),
            result.getPublicKeyCose().getBytes(),
            result.getAttestationType().name().toLowerCase(java.util.Locale.ROOT),
            transports(credential.getResponse()),
            user.id(),
            BackupFlags.eligible(credential.getResponse().getParsedAuthenticatorData()),
            BackupFlags.backedUp(credential.getResponse().getParsedAuthenticatorData()),
            aaguid,
            result.getSignatureCount(),
            null);
    try {
      passkeys.create(passkey);
    } catch (DuplicateKeyException e) {
      throw new PasskeyCeremonyException(CeremonyFailure.ALREADY_REGISTERED, user.id(), null);
    }
    return passkey;
  }

  /** Starts a discoverable (username-less) sign-in with user verification required. */
  public Ceremony startLogin() {
    AssertionRequest request =
        relyingParty()
            .startAssertion(
                StartAssertionOptions.builder()
                    .userVerification(UserVerificationRequirement.REQUIRED)
                    .timeout(settings.timeout().toMillis())
                    .build());
    try {
      return store(
          request.getPublicKeyCredentialRequestOptions().getChallenge(),
          null,
          YubicoJson.MAPPER.writeValueAsString(request),
          YubicoJson.MAPPER.writeValueAsString(request.getPublicKeyCredentialRequestOptions()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize assertion request", e);
    }
  }

  /**
   * Verifies the browser's answer to {@link #startLogin}; on success stores the passkey's new
   * counter, backup flags and last-used time.
   *
   * @throws PasskeyCeremonyException with {@link CeremonyFailure#DISABLED_USER} only after the
   *     assertion itself verified
   */
  public SignIn finishLogin(String ceremonyId, String responseJson)
      throws PasskeyCeremonyException {
    WebauthnChallenge challenge = consume(ceremonyId, null);
    AssertionRequest request;
    try {
      request = YubicoJson.MAPPER.readValue(challenge.requestJson(), AssertionRequest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored assertion request cannot be read", e);
    }
    PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> credential;
    try {
      credential = YubicoJson.MAPPER.readValue(responseJson, YubicoJson.ASSERTION_RESPONSE);
    } catch (IOException | RuntimeException e) {
      throw new PasskeyCeremonyException(
          CeremonyFailure.MALFORMED_RESPONSE, null, e.getClass().getSimpleName());
    }
    Passkey passkey =
        passkeys
            .findByCredentialId(credential.getId().getBytes())
            .orElseThrow(() -> new PasskeyCeremonyException(CeremonyFailure.UNKNOWN_CREDENTIAL));
    String userId = passkey.userId();
    Optional<User> found = users.findById(userId);
    checks.check(
        credential.getResponse(),
        "webauthn.get",
        request.getPublicKeyCredentialRequestOptions().getChallenge(),
        userId);
    AssertionResult result;
    try {
      result =
          credentials.withKnown(
              passkey,
              found,
              () ->
                  relyingParty()
                      .finishAssertion(
                          FinishAssertionOptions.builder()
                              .request(request)
                              .response(credential)
                              .build()));
    } catch (AssertionFailedException | RuntimeException e) {
      throw new PasskeyCeremonyException(
          CeremonyFailure.VERIFICATION_FAILED, userId, e.getMessage());
    }
    if (!result.isSuccess()) {
      throw new PasskeyCeremonyException(CeremonyFailure.VERIFICATION_FAILED, userId, null);
    }
    AuthenticatorData data = credential.getResponse().getParsedAuthenticatorData();
    if (!BackupFlags.consistent(data, passkey.backupEligible())) {
      throw new PasskeyCeremonyException(
          CeremonyFailure.VERIFICATION_FAILED, userId, "backup eligibility changed");
    }
    if (!result.isSignatureCounterValid()) {
      LOG.warn(
          "Passkey {} of user {}: signature counter went from {} to {}; sign-in refused",
          passkey.id(),
          userId,
          passkey.signCount(),
          result.getSignatureCount());
      throw new PasskeyCeremonyException(
          CeremonyFailure.COUNTER_REGRESSION,
          userId,
          "stored " + passkey.signCount() + ", received " + result.getSignatureCount());
    }
    User user =
        found.orElseThrow(() -> new PasskeyCeremonyException(CeremonyFailure.UNKNOWN_CREDENTIAL));
    if (user.disabled()) {
      throw new PasskeyCeremonyException(CeremonyFailure.DISABLED_USER, userId, null);
    }
    Passkey updated =
        passkey.afterAssertion(
            result.getSignatureCount(),
            BackupFlags.eligible(data),
            BackupFlags.backedUp(data),
            now());
    passkeys.update(updated);
    return new SignIn(user, updated);
  }

  private Ceremony store(ByteArray challenge, String userId, String requestJson, String options) {
    Instant now = now();
    Instant expiresAt = now.plus(settings.timeout());
    String id = randomId();
    challenges.save(
        new WebauthnChallenge(
            id, challenge.getBase64Url(), now, expiresAt, USER_VERIFICATION, userId, requestJson));
    return new Ceremony(id, options, expiresAt);
  }

  private WebauthnChallenge consume(String ceremonyId, String userId)
      throws PasskeyCeremonyException {
    if (ceremonyId == null || ceremonyId.isBlank()) {
      throw new PasskeyCeremonyException(CeremonyFailure.CHALLENGE_EXPIRED_OR_USED, userId, null);
    }
    return challenges
        .consume(ceremonyId, now())
        .orElseThrow(
            () ->
                new PasskeyCeremonyException(
                    CeremonyFailure.CHALLENGE_EXPIRED_OR_USED, userId, null));
  }

  private static List<String> transports(AuthenticatorAttestationResponse response) {
    return response.getTransports().stream()
        .map(AuthenticatorTransport::getId)
        .sorted()
        .collect(Collectors.toUnmodifiableList());
  }

  private static String displayName(User user) {
    if (!user.displayName().isBlank()) {
      return user.displayName();
    }
    String name =
        ((user.firstName() == null ? "" : user.firstName())
                + " "
                + (user.lastName() == null ? "" : user.lastName()))
            .trim();
    return name.isEmpty() ? user.username() : name;
  }

  private String randomId() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
