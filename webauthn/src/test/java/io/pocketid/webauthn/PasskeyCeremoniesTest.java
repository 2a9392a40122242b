package io.pocketid.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.User;
import io.pocketid.core.store.PasskeyStore;
import io.pocketid.core.store.Storage;
import io.pocketid.core.store.UserStore;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.core.testing.TestClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasskeyCeremoniesTest {
  private static final String ORIGIN = "http://localhost:1411";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestClock clock = new TestClock(Instant.parse("2026-11-26T10:00:00Z"));
  private Storage storage;
  private PasskeyCeremonies ceremonies;
  private User alice;
  private SoftwareAuthenticator authenticator;

  @BeforeEach
  void setUp() {
    storage = new InMemoryStorage();
    ceremonies =
        new PasskeyCeremonies(
            WebauthnSettings.forAppUrl(ORIGIN, "Pocket ID", List.of()),
            storage.users(),
            storage.passkeys(),
            storage.webauthnChallenges(),
            clock);
    alice = user("alice");
    authenticator = new SoftwareAuthenticator(ORIGIN, "localhost");
  }

  @AfterEach
  void tearDown() {
    storage.close();
  }

  private User user(String username) {
    User user =
        new User(
            java.util.UUID.randomUUID().toString(),
            clock.instant(),
            username,
            username + "@example.com",
            "First",
            "Last",
            "First Last",
            false,
            null,
            null,
            false);
    storage.users().create(user);
    return user;
  }

  private Passkey register(User user, SoftwareAuthenticator auth) throws Exception {
    Ceremony ceremony = ceremonies.startRegistration(user);
    return ceremonies.finishRegistration(
        ceremony.id(), user, auth.register(ceremony.optionsJson()));
  }

  private SignIn login(SoftwareAuthenticator auth) throws Exception {
    Ceremony ceremony = ceremonies.startLogin();
    return ceremonies.finishLogin(ceremony.id(), auth.authenticate(ceremony.optionsJson()));
  }

  private static void assertFailure(ThrowingCallable call, CeremonyFailure failure) {
    assertThatThrownBy(call)
        .isInstanceOf(PasskeyCeremonyException.class)
        .satisfies(e -> assertThat(((PasskeyCeremonyException) e).failure()).isEqualTo(failure));
  }

  @Test
  @DisplayName("Registration then a discoverable sign-in with the same passkey succeeds")
  void registerThenLogin() throws Exception {
    Passkey passkey = register(alice, authenticator);
    assertThat(passkey.userId()).isEqualTo(alice.id());
    assertThat(passkey.name()).isEqualTo("New Passkey");
    assertThat(passkey.transports()).containsExactly("internal");
    assertThat(passkey.attestationType()).isEqualTo("none");
    assertThat(storage.passkeys().listForUser(alice.id())).containsExactly(passkey);

    SignIn signIn = login(authenticator);
    assertThat(signIn.user().id()).isEqualTo(alice.id());
    assertThat(signIn.passkey().signCount()).isEqualTo(1);
    assertThat(signIn.passkey().lastUsedAt()).isEqualTo(clock.instant());
    assertThat(storage.passkeys().findById(passkey.id()).orElseThrow().signCount()).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "Registration options: resident key and UV required, user handle = UTF-8 of the user id,"
          + " credProps, ES256/EdDSA/RS256, existing passkeys excluded")
  void registrationOptions() throws Exception {
    Passkey existing = register(alice, authenticator);
    JsonNode options = JSON.readTree(ceremonies.startRegistration(alice).optionsJson());
    assertThat(options.get("rp").get("id").asText()).isEqualTo("localhost");
    assertThat(options.get("user").get("id").asText())
        .isEqualTo(
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(alice.id().getBytes(StandardCharsets.UTF_8)));
    assertThat(options.get("user").get("name").asText()).isEqualTo("alice");
    assertThat(options.get("authenticatorSelection").get("residentKey").asText())
        .isEqualTo("required");
    assertThat(options.get("authenticatorSelection").get("userVerification").asText())
        .isEqualTo("required");
    assertThat(options.get("extensions").get("credProps").asBoolean()).isTrue();
    assertThat(options.get("pubKeyCredParams").findValuesAsText("alg"))
        .containsExactly("-7", "-8", "-257");
    assertThat(options.get("excludeCredentials").get(0).get("id").asText())
        .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(existing.credentialId()));
  }

  @Test
  @DisplayName("WebAuthn §7.1: a second registration of the same authenticator is refused")
  void duplicateRegistrationRefused() throws Exception {
    register(alice, authenticator);
    assertFailure(() -> register(alice, authenticator), CeremonyFailure.ALREADY_REGISTERED);
    assertThat(storage.passkeys().listForUser(alice.id())).hasSize(1);
  }

  @Test
  @DisplayName("WebAuthn §7.2 step 17: sign-in without user verification is refused")
  void loginWithoutUserVerificationRefused() throws Exception {
    register(alice, authenticator);
    authenticator.userVerified = false;
    assertFailure(() -> login(authenticator), CeremonyFailure.USER_VERIFICATION_MISSING);
  }

  @Test
  @DisplayName("WebAuthn §7.1 step 15: registration without user verification is refused")
  void registrationWithoutUserVerificationRefused() {
    authenticator.userVerified = false;
    assertFailure(() -> register(alice, authenticator), CeremonyFailure.USER_VERIFICATION_MISSING);
    assertThat(storage.passkeys().listForUser(alice.id())).isEmpty();
  }

  @Test
  @DisplayName("WebAuthn §7.2 step 13: a response from another origin is refused")
  void wrongOriginRefused() throws Exception {
    register(alice, authenticator);
    authenticator.origin = "https://evil.example";
    assertFailure(() -> login(authenticator), CeremonyFailure.WRONG_ORIGIN);
  }

  @Test
  @DisplayName("WebAuthn §7.2 step 15: an RP ID hash of another site is refused")
  void wrongRpIdRefused() throws Exception {
    register(alice, authenticator);
    authenticator.rpId = "evil.example";
    assertFailure(() -> login(authenticator), CeremonyFailure.WRONG_RP_ID);
  }

  @Test
  @DisplayName("A challenge is used once: replaying a finished ceremony is refused")
  void replayedChallengeRefused() throws Exception {
    register(alice, authenticator);
    Ceremony ceremony = ceremonies.startLogin();
    String response = authenticator.authenticate(ceremony.optionsJson());
    ceremonies.finishLogin(ceremony.id(), response);
    assertFailure(
        () -> ceremonies.finishLogin(ceremony.id(), response),
        CeremonyFailure.CHALLENGE_EXPIRED_OR_USED);
  }

  @Test
  @DisplayName("A challenge expires after the ceremony timeout")
  void expiredChallengeRefused() throws Exception {
    register(alice, authenticator);
    Ceremony ceremony = ceremonies.startLogin();
    String response = authenticator.authenticate(ceremony.optionsJson());
    clock.advance(Duration.ofSeconds(61));
    assertFailure(
        () -> ceremonies.finishLogin(ceremony.id(), response),
        CeremonyFailure.CHALLENGE_EXPIRED_OR_USED);
  }

  @Test
  @DisplayName("WebAuthn §7.2 step 12: a response signed for another challenge is refused")
  void challengeMismatchRefused() throws Exception {
    register(alice, authenticator);
    authenticator.challengeOverride = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assertFailure(() -> login(authenticator), CeremonyFailure.CHALLENGE_MISMATCH);
  }

  @Test
  @DisplayName("WebAuthn §7.2 step 21: a signature counter that goes backwards refuses sign-in")
  void counterRegressionRefused() throws Exception {
    register(alice, authenticator);
    authenticator.setCounter(10);
    SignIn first = login(authenticator);
    assertThat(first.passkey().signCount()).isEqualTo(11);
    authenticator.setCounter(4);
    assertThatThrownBy(() -> login(authenticator))
        .isInstanceOfSatisfying(
            PasskeyCeremonyException.class,
            e -> {
              assertThat(e.failure()).isEqualTo(CeremonyFailure.COUNTER_REGRESSION);
              assertThat(e.userId()).contains(alice.id());
            });
    assertThat(storage.passkeys().findById(first.passkey().id()).orElseThrow().signCount())
        .isEqualTo(11);
  }

  @Test
  @DisplayName("Synced passkeys that always report counter 0 keep working")
  void zeroCounterAccepted() throws Exception {
    authenticator.incrementCounter = false;
    register(alice, authenticator);
    assertThat(login(authenticator).passkey().signCount()).isZero();
    assertThat(login(authenticator).passkey().signCount()).isZero();
  }

  @Test
  @DisplayName("An unknown credential is refused with a message the UI can show")
  void unknownCredentialRefused() throws Exception {
    SoftwareAuthenticator registered = new SoftwareAuthenticator(ORIGIN, "localhost");
    register(alice, registered);
    SoftwareAuthenticator stranger = new SoftwareAuthenticator(ORIGIN, "localhost");
    stranger.register(ceremonies.startRegistration(alice).optionsJson()); // never finished
    assertThatThrownBy(() -> login(stranger))
        .isInstanceOfSatisfying(
            PasskeyCeremonyException.class,
            e -> {
              assertThat(e.failure()).isEqualTo(CeremonyFailure.UNKNOWN_CREDENTIAL);
              assertThat(e.getMessage()).contains("This passkey is not registered here");
            });
  }

  @Test
  @DisplayName("A disabled user cannot sign in, even with a valid passkey")
  void disabledUserRefused() throws Exception {
    register(alice, authenticator);
    storage.users().update(alice.withDisabled(true));
    assertFailure(() -> login(authenticator), CeremonyFailure.DISABLED_USER);
  }

  @Test
  @DisplayName("Backup flags are updated on sign-in instead of failing when they change")
  void backupFlagsUpdated() throws Exception {
    authenticator.backupState = false;
    Passkey passkey = register(alice, authenticator);
    assertThat(passkey.backupState()).isFalse();
    authenticator.backupState = true;
    assertThat(login(authenticator).passkey().backupState()).isTrue();
    assertThat(storage.passkeys().findById(passkey.id()).orElseThrow().backupState()).isTrue();
  }

  @Test
  @DisplayName("A sign-in whose backup eligibility differs from the registration's is refused")
  void backupEligibilityChangeRefused() throws Exception {
    Passkey passkey = register(alice, authenticator);
    assertThat(passkey.backupEligible()).isTrue();
    authenticator.backupEligible = false;
    authenticator.backupState = false;
    assertFailure(() -> login(authenticator), CeremonyFailure.VERIFICATION_FAILED);
    assertThat(storage.passkeys().findById(passkey.id()).orElseThrow().signCount()).isZero();
  }

  @Test
  @DisplayName("A ceremony started on one instance finishes on another sharing the database")
  void ceremonySpansInstances() throws Exception {
    register(alice, authenticator);
    PasskeyCeremonies other =
        new PasskeyCeremonies(
            WebauthnSettings.forAppUrl(ORIGIN, "Pocket ID", List.of()),
            storage.users(),
            storage.passkeys(),
            storage.webauthnChallenges(),
            clock);
    Ceremony ceremony = ceremonies.startLogin();
    SignIn signIn =
        other.finishLogin(ceremony.id(), authenticator.authenticate(ceremony.optionsJson()));
    assertThat(signIn.user().id()).isEqualTo(alice.id());
  }

  /** A proxy of {@code store} that counts the calls of each of its methods. */
  @SuppressWarnings("unchecked")
  private static <T> T counting(Class<T> type, T store, Map<String, Integer> calls) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              calls.merge(type.getSimpleName() + "." + method.getName(), 1, Integer::sum);
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  @DisplayName("A sign-in reads the passkey and its user once each")
  void signInReadsPasskeyAndUserOnce() throws Exception {
    register(alice, authenticator);
    Map<String, Integer> calls = new TreeMap<>();
    PasskeyCeremonies counted =
        new PasskeyCeremonies(
            WebauthnSettings.forAppUrl(ORIGIN, "Pocket ID", List.of()),
            counting(UserStore.class, storage.users(), calls),
            counting(PasskeyStore.class, storage.passkeys(), calls),
            storage.webauthnChallenges(),
            clock);
    Ceremony ceremony = counted.startLogin();
    SignIn signIn =
        counted.finishLogin(ceremony.id(), authenticator.authenticate(ceremony.optionsJson()));
    assertThat(signIn.user()).isEqualTo(alice);
    assertThat(calls)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "PasskeyStore.findByCredentialId", 1,
                "UserStore.findById", 1,
                "PasskeyStore.update", 1));
  }

  @Test
  @DisplayName("A malformed response is refused and stores nothing")
  void malformedResponseRefused() {
    Ceremony ceremony = ceremonies.startRegistration(alice);
    assertFailure(
        () -> ceremonies.finishRegistration(ceremony.id(), alice, "{\"id\": 12"),
        CeremonyFailure.MALFORMED_RESPONSE);
    assertThat(storage.passkeys().listForUser(alice.id())).isEmpty();
  }

  @Test
  @DisplayName("A registration started for one user cannot be finished by another")
  void registrationOfAnotherUserRefused() throws Exception {
    User bob = user("bob");
    Ceremony ceremony = ceremonies.startRegistration(alice);
    String response = authenticator.register(ceremony.optionsJson());
    assertFailure(
        () -> ceremonies.finishRegistration(ceremony.id(), bob, response),
        CeremonyFailure.USER_MISMATCH);
    assertThat(storage.passkeys().listForUser(bob.id())).isEmpty();
  }

  @Test
  @DisplayName("WebAuthn §7.2 step 20: a tampered signature is refused")
  void tamperedSignatureRefused() throws Exception {
    register(alice, authenticator);
    Ceremony ceremony = ceremonies.startLogin();
    ObjectMapper mapper = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode response =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            mapper.readTree(authenticator.authenticate(ceremony.optionsJson()));
    com.fasterxml.jackson.databind.node.ObjectNode inner =
        (com.fasterxml.jackson.databind.node.ObjectNode) response.get("response");
    byte[] signature = Base64.getUrlDecoder().decode(inner.get("signature").asText());
    signature[signature.length - 1] ^= 1;
    inner.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
    assertFailure(
        () -> ceremonies.finishLogin(ceremony.id(), mapper.writeValueAsString(response)),
        CeremonyFailure.VERIFICATION_FAILED);
  }

  @Test
  @DisplayName("Login options ask for user verification and allow any discoverable credential")
  void loginOptions() throws Exception {
    JsonNode options = JSON.readTree(ceremonies.startLogin().optionsJson());
    assertThat(options.get("userVerification").asText()).isEqualTo("required");
    assertThat(options.get("rpId").asText()).isEqualTo("localhost");
    assertThat(options.path("allowCredentials").size()).isZero();
  }
}
