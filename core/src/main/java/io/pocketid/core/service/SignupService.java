package io.pocketid.core.service;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.audit.AuditService;
import io.pocketid.core.audit.RequestOrigin;
import io.pocketid.core.auth.SessionService;
import io.pocketid.core.config.AppConfigKey;
import io.pocketid.core.config.AppConfigService;
import io.pocketid.core.model.SignupToken;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.SignupTokenStore;
import io.pocketid.core.store.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Self-service sign-up under the {@code allowUserSignups} setting ({@code disabled}, {@code
 * withToken}, {@code open}) and the signup tokens (invitations) an administrator hands out.
 *
 * <p>Unlike Pocket ID v1.15 (§3.5, §10), a token never works while signups are {@code disabled};
 * tokens are stored as hashes (so a list shows them without their value); the token's use and the
 * new user are written in one transaction, so a refused user (a taken username) does not use up the
 * token; and the audit event names the token by id, never by its value.
 */
public final class SignupService {
  /** Signup token length (Pocket ID: 16 alphanumeric characters). */
  public static final int TOKEN_LENGTH = 16;

  /** Lifetime of a token created with none (Pocket ID: one hour). */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);

  /** The longest lifetime of a token. */
  public static final Duration MAX_TTL = Duration.ofDays(365);

  /** Usage limits Pocket ID accepts. */
  public static final int MAX_USAGE_LIMIT = 100;

  static final String MODE_OPEN = "open";
  static final String MODE_WITH_TOKEN = "withToken";

  private final Transactions tx;
  private final SignupTokenStore tokens;
  private final UserAdminService userAdmin;
  private final SessionService sessions;
  private final AuditService audit;
  private final AppConfigService config;
  private final RandomTokens random;
  private final Clock clock;

  public SignupService(
      Transactions tx,
      SignupTokenStore tokens,
      UserAdminService userAdmin,
      SessionService sessions,
      AuditService audit,
      AppConfigService config,
      RandomTokens random,
      Clock clock) {
    this.tx = Objects.requireNonNull(tx, "tx");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.userAdmin = Objects.requireNonNull(userAdmin, "userAdmin");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.config = Objects.requireNonNull(config, "config");
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** How people may sign up, from the {@code allowUserSignups} setting. */
  public enum Mode {
    /** Only administrators create accounts. */
    DISABLED,
    /** Anyone with a signup token (a link {@code /st/<token>}). */
    WITH_TOKEN,
    /** Anyone. */
    OPEN
  }

  /** The signup mode now in effect. */
  public Mode mode() {
    String mode = config.get(AppConfigKey.ALLOW_USER_SIGNUPS);
    if (MODE_OPEN.equals(mode)) {
      return Mode.OPEN;
    }
    return MODE_WITH_TOKEN.equals(mode) ? Mode.WITH_TOKEN : Mode.DISABLED;
  }

  /** A token just created: {@code token} is shown once and never stored. */
  public record NewSignupToken(String token, SignupToken stored) {}

  /**
   * What a person sends to sign up.
   *
   * @param email nullable
   * @param lastName nullable
   * @param token nullable: the signup token
   */
  public record SignupRequest(
      String username, String email, String firstName, String lastName, String token) {}

  /**
   * @param ttl nullable or zero: one hour
   * @throws ServiceException INVALID_INPUT naming {@code Ttl} or {@code UsageLimit}
   */
  public NewSignupToken createToken(Duration ttl, int usageLimit) {
    Duration lifetime = ttl == null || ttl.isZero() ? DEFAULT_TTL : ttl;
    if (lifetime.isNegative() || lifetime.compareTo(MAX_TTL) > 0) {
      throw new ServiceException(
          ServiceError.INVALID_INPUT, "Ttl must be positive and at most 365 days");
    }
    if (usageLimit < 1 || usageLimit > MAX_USAGE_LIMIT) {
      throw new ServiceException(
          ServiceError.INVALID_INPUT, "UsageLimit must be between 1 and " + MAX_USAGE_LIMIT);
    }
    String token = random.fromAlphabet(RandomTokens.ALPHANUMERIC, TOKEN_LENGTH);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    SignupToken stored =
        new SignupToken(
            UUID.randomUUID().toString(),
            TokenHasher.hash(token),
            now,
            now.plus(lifetime),
            usageLimit,
            0);
    tokens.save(stored);
    return new NewSignupToken(token, stored);
  }

  public Page<SignupToken> listTokens(PageRequest request) {
    return tokens.list(request);
  }

  /**
   * @throws ServiceException NOT_FOUND
   */
  public void deleteToken(String id) {
    if (!tokens.delete(id)) {
      throw CustomClaimService.notFound();
    }
  }

  /**
   * Creates the account (with the signup defaults) and signs the new user in; audits {@code
   * ACCOUNT_CREATED}.
   *
   * @throws ServiceException FORBIDDEN while signups are disabled, or without a token while they
   *     need one; INVALID_INPUT naming the field, or for a bad token; ALREADY_IN_USE
   */
  public SignInService.SignedIn signUp(SignupRequest request, RequestOrigin origin) {
    String mode = config.get(AppConfigKey.ALLOW_USER_SIGNUPS);
    String token = request.token() == null || request.token().isBlank() ? null : request.token();
    if (!MODE_OPEN.equals(mode) && !MODE_WITH_TOKEN.equals(mode)) {
      throw new ServiceException(ServiceError.FORBIDDEN, "User signups are disabled");
    }
    if (token == null && !MODE_OPEN.equals(mode)) {
      throw new ServiceException(ServiceError.FORBIDDEN, "Open user signup is not enabled");
    }
    String email = request.email() == null || request.email().isBlank() ? null : request.email();
    new UserInputRules()
        .username(request.username())
        .optionalEmail(email)
        .firstName(request.firstName())
        .lastName(request.lastName())
        .check();
    if (email == null && config.requireUserEmail()) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "Email is required");
    }
    String lastName =
        request.lastName() == null || request.lastName().isBlank() ? null : request.lastName();
    String displayName = (request.firstName() + " " + (lastName == null ? "" : lastName)).trim();
    User user =
        new User(
            UUID.randomUUID().toString(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS),
            request.username(),
            email,
            request.firstName(),
            lastName,
            displayName,
            false,
            null,
            null,
            false);
    Optional<SignupToken> used =
        tx.inTransaction(
            () -> {
              Optional<SignupToken> spent = Optional.empty();
              if (token != null) {
                spent =
                    token.length() > 64
                        ? Optional.empty()
                        : tokens.use(TokenHasher.hash(token), clock.instant());
                if (spent.isEmpty()) {
                  throw new ServiceException(
                      ServiceError.INVALID_INPUT, "Token is invalid or expired");
                }
              }
              userAdmin.createWithDefaults(user);
              return spent;
            });
    SignInService.SignedIn signedIn =
        new SignInService.SignedIn(
            user,
            sessions.start(
                user.id(), SessionService.METHOD_SIGNUP, origin.ipAddress(), origin.userAgent()));
    audit.record(
        AuditEvents.ACCOUNT_CREATED,
        user.id(),
        origin,
        used.map(t -> Map.of("method", "signup_token", "signupTokenId", t.id()))
            .orElse(Map.of("method", "open_signup")));
    return signedIn;
  }
}
