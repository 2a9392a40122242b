package io.pocketid.core.service;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.audit.DeviceNames;
import io.pocketid.core.audit.GeoLocator;
import io.pocketid.core.audit.RequestOrigin;
import io.pocketid.core.auth.LoginCodeService;
import io.pocketid.core.config.AppConfigKey;
import io.pocketid.core.config.AppConfigService;
import io.pocketid.core.mail.MailException;
import io.pocketid.core.mail.MailService;
import io.pocketid.core.mail.MailTemplates;
import io.pocketid.core.model.ApiKey;
import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.model.User;
import io.pocketid.core.store.ApiKeyStore;
import io.pocketid.core.store.AuditLogStore;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.UserStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The mails the provider sends and when: login codes (asked for by the user, or sent by an admin),
 * a sign-in from a new device, API keys about to expire, and the admin's test mail. Each is gated
 * by its application setting; all but the test mail go through {@link MailService#queue}, so they
 * never block or fail the request that caused them.
 */
public final class MailNotifications implements SignInService.SignInNotifier {
  /** How long an emailed login code lives when the user asks for one. */
  public static final Duration OWN_CODE_TTL = LoginCodeService.SHORT_CODE_MAX_TTL;

  /** API keys expiring within this window get a reminder (once). */
  public static final Duration API_KEY_NOTICE = Duration.ofDays(7);

  private final MailService mail;
  private final MailTemplates templates;
  private final AppConfigService config;
  private final LoginCodeService loginCodes;
  private final UserStore users;
  private final ApiKeyStore apiKeys;
  private final AuditLogStore auditLog;
  private final GeoLocator geo;
  private final Clock clock;
  private final String appUrl;

  public MailNotifications(
      MailService mail,
      AppConfigService config,
      LoginCodeService loginCodes,
      UserStore users,
      ApiKeyStore apiKeys,
      AuditLogStore auditLog,
      GeoLocator geo,
      Clock clock,
      String appUrl) {
    this.mail = Objects.requireNonNull(mail, "mail");
    this.templates = new MailTemplates(appUrl);
    this.config = Objects.requireNonNull(config, "config");
    this.loginCodes = Objects.requireNonNull(loginCodes, "loginCodes");
    this.users = Objects.requireNonNull(users, "users");
    this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
    this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
    this.geo = Objects.requireNonNull(geo, "geo");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.appUrl = Objects.requireNonNull(appUrl, "appUrl");
  }

  /**
   * "Email me a login code": the same answer whether or not an account has this address (no
   * enumeration); a code goes out only to an enabled account with that address.
   *
   * @param redirectPath a local path to return to after signing in, or null
   * @throws ServiceException INVALID_INPUT when the feature is off or the address is malformed
   */
  public void emailOwnLoginCode(String email, String redirectPath) {
    if (!config.bool(AppConfigKey.EMAIL_ONE_TIME_ACCESS_AS_UNAUTHENTICATED_ENABLED)) {
      throw new ServiceException(
          ServiceError.INVALID_INPUT, "Email login codes are disabled on this instance");
    }
    if (email == null || !UserInputRules.isEmail(email.trim())) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "Email must be a valid email address");
    }
    Optional<User> user = users.findByEmail(email.trim()).filter(u -> !u.disabled());
    if (user.isEmpty() || user.get().email() == null) {
      return;
    }
    sendLoginCode(user.get(), OWN_CODE_TTL, redirectPath);
  }

  /**
   * An admin sends a user a login code by mail.
   *
   * @throws ServiceException INVALID_INPUT when the feature is off, the user has no address or the
   *     lifetime is out of range; NOT_FOUND for an unknown user
   */
  public void emailLoginCodeFor(String userId, Duration ttl) {
    if (!config.bool(AppConfigKey.EMAIL_ONE_TIME_ACCESS_AS_ADMIN_ENABLED)) {
      throw new ServiceException(
          ServiceError.INVALID_INPUT, "Sending login codes by email is disabled on this instance");
    }
    User user =
        users
            .findById(userId)
            .orElseThrow(() -> new ServiceException(ServiceError.NOT_FOUND, "Record not found"));
    if (user.email() == null) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "The user has no email address");
    }
    sendLoginCode(user, ttl, null);
  }

  private void sendLoginCode(User user, Duration ttl, String redirectPath) {
    String code = loginCodes.create(user.id(), ttl);
    String link = appUrl + "/lc/" + code;
    if (redirectPath != null && redirectPath.startsWith("/") && !redirectPath.startsWith("//")) {
      link += "?redirect=" + URLEncoder.encode(redirectPath, StandardCharsets.UTF_8);
    }
    mail.queue(
        templates.loginCode(
            user.email(), user.locale(), config.appName(), code, link, ttl.toMinutes()));
  }

  /**
   * Called before a passkey sign-in is recorded: with {@code emailLoginNotificationEnabled}, a user
   * with an address hears of a sign-in from an address and browser not seen for them before.
   */
  @Override
  public void passkeySignIn(User user, RequestOrigin origin) {
    if (user.email() == null || !config.bool(AppConfigKey.EMAIL_LOGIN_NOTIFICATION_ENABLED)) {
      return;
    }
    if (seenBefore(user.id(), origin)) {
      return;
    }
    GeoLocator.Location where =
        origin.ipAddress() == null ? GeoLocator.Location.UNKNOWN : geo.locate(origin.ipAddress());
    String location =
        where.city() == null
            ? where.country()
            : where.country() == null ? where.city() : where.city() + ", " + where.country();
    mail.queue(
        templates.newDevice(
            user.email(),
            user.locale(),
            config.appName(),
            origin.ipAddress(),
            location,
            DeviceNames.describe(origin.userAgent()),
            clock.instant()));
  }

  private boolean seenBefore(String userId, RequestOrigin origin) {
    String ip = origin.ipAddress() == null ? "" : origin.ipAddress();
    PageRequest request = PageRequest.of(1, PageRequest.MAX_SIZE);
    if (!ip.isEmpty()) {
      request = request.withSearch(ip);
    }
    for (AuditEvent event : auditLog.list(userId, request).items()) {
      if (AuditEvents.SIGN_IN.equals(event.event())
          && ip.equals(event.ipAddress() == null ? "" : event.ipAddress())
          && Objects.equals(event.userAgent(), origin.userAgent())) {
        return true;
      }
    }
    return false;
  }

  /**
   * With {@code emailApiKeyExpirationEnabled}, reminds the owners of keys that expire within {@link
   * #API_KEY_NOTICE}, once per key.
   *
   * @return how many reminders were queued
   */
  public int remindExpiringApiKeys(Instant now) {
    if (!config.bool(AppConfigKey.EMAIL_API_KEY_EXPIRATION_ENABLED) || !mail.configured()) {
      return 0;
    }
    int sent = 0;
    for (ApiKey key : apiKeys.expiringWithoutReminder(now, now.plus(API_KEY_NOTICE))) {
      Optional<User> owner = users.findById(key.userId()).filter(u -> u.email() != null);
      if (owner.isPresent()) {
        mail.queue(
            templates.apiKeyExpiring(
                owner.get().email(),
                owner.get().locale(),
                config.appName(),
                key.name(),
                key.expiresAt()));
        sent++;
      }
      apiKeys.markReminderSent(key.id());
    }
    return sent;
  }

  /** The state of mail delivery, for the administrator. */
  public record Status(
      boolean configured, int waiting, Optional<MailService.Failure> lastFailure) {}

  public Status status() {
    return new Status(mail.configured(), mail.waiting(), mail.lastFailure());
  }

  /**
   * Sends the test mail to {@code caller} now.
   *
   * @throws ServiceException INVALID_INPUT when the caller has no address, or the mail could not be
   *     sent (the message carries the SMTP error)
   */
  public void sendTest(User caller) {
    if (caller.email() == null) {
      throw new ServiceException(
          ServiceError.INVALID_INPUT, "You have no email address to send to");
    }
    try {
      mail.sendNow(templates.test(caller.email(), caller.locale(), config.appName()));
    } catch (MailException e) {
      throw new ServiceException(
          ServiceError.INVALID_INPUT, "The test email could not be sent: " + e.getMessage());
    }
  }
}
