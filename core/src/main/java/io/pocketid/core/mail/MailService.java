package io.pocketid.core.mail;

import io.pocketid.core.config.AppConfigKey;
import io.pocketid.core.config.AppConfigService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends mail with the SMTP settings in force. {@link #queue} never blocks and never fails the
 * caller: at most {@link #MAX_QUEUED} mails wait, each is tried up to {@link #RETRY_DELAYS}{@code
 * .size() + 1} times with back-off, and a failure is logged (never the message body) and kept as
 * {@link #lastFailure()} for the administrator. {@link #sendNow} is the synchronous path of the
 * test mail, which reports the error to its caller.
 */
public final class MailService {
  private static final Logger LOG = LoggerFactory.getLogger(MailService.class);

  /** How many mails may wait at once; more are dropped (and logged). */
  public static final int MAX_QUEUED = 500;

  /** The waits before the second, third and fourth attempt. */
  public static final List<Duration> RETRY_DELAYS =
      List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5));

  private final Mailer mailer;
  private final AppConfigService config;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final List<Duration> retryDelays;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicReference<Failure> lastFailure = new AtomicReference<>();

  /** When and why the last mail could not be sent. */
  public record Failure(Instant at, String to, String subject, String error) {}

  public MailService(
      Mailer mailer, AppConfigService config, ScheduledExecutorService executor, Clock clock) {
    this(mailer, config, executor, clock, RETRY_DELAYS);
  }

  /**
   * @param retryDelays the waits before each further attempt
   */
  public MailService(
      Mailer mailer,
      AppConfigService config,
      ScheduledExecutorService executor,
      Clock clock,
      List<Duration> retryDelays) {
    this.retryDelays = List.copyOf(retryDelays);
    this.mailer = Objects.requireNonNull(mailer, "mailer");
    this.config = Objects.requireNonNull(config, "config");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The SMTP settings in force. */
  public SmtpSettings smtp() {
    int port;
    try {
      port = Integer.parseInt(config.get(AppConfigKey.SMTP_PORT).trim());
    } catch (NumberFormatException e) {
      port = 0;
    }
    return new SmtpSettings(
        config.get(AppConfigKey.SMTP_HOST).trim(),
        port,
        config.get(AppConfigKey.SMTP_FROM).trim(),
        config.get(AppConfigKey.SMTP_USER),
        config.get(AppConfigKey.SMTP_PASSWORD),
        SmtpSettings.Tls.parse(config.get(AppConfigKey.SMTP_TLS)),
        config.bool(AppConfigKey.SMTP_SKIP_CERT_VERIFY));
  }

  /** Whether mail can be sent (SMTP host, port and sender set). */
  public boolean configured() {
    return smtp().configured();
  }

  /**
   * Sends {@code mail} in the background; returns at once. Dropped (and logged) when SMTP is not
   * configured or too many mails are waiting.
   */
  public void queue(Mail mail) {
    if (!configured()) {
      LOG.warn("Not sending \"{}\": SMTP is not configured", mail.subject());
      return;
    }
    if (queued.incrementAndGet() > MAX_QUEUED) {
      queued.decrementAndGet();
      fail(mail, "the mail queue is full (" + MAX_QUEUED + " waiting)");
      return;
    }
    schedule(mail, 0, Duration.ZERO);
  }

  /**
   * Sends {@code mail} now, on this thread.
   *
   * @throws MailException when SMTP is not configured or the server refuses or cannot be reached
   */
  public void sendNow(Mail mail) throws MailException {
    SmtpSettings smtp = smtp();
    if (!smtp.configured()) {
      throw new MailException("SMTP is not configured: set the SMTP host, port and sender");
    }
    mailer.send(smtp, mail);
  }

  /** The last failure of a queued mail, if any. */
  public Optional<Failure> lastFailure() {
    return Optional.ofNullable(lastFailure.get());
  }

  /** How many queued mails have not been sent or given up yet. */
  public int waiting() {
    return queued.get();
  }

  private void schedule(Mail mail, int attempt, Duration delay) {
    try {
      executor.schedule(() -> attempt(mail, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      queued.decrementAndGet();
      fail(mail, "the mail sender is stopped");
    }
  }

  private void attempt(Mail mail, int attempt) {
    try {
      mailer.send(smtp(), mail);
      queued.decrementAndGet();
    } catch (MailException | RuntimeException e) {
      if (attempt < retryDelays.size()) {
        Duration wait = retryDelays.get(attempt);
        LOG.info(
            "Sending \"{}\" failed ({}); trying again in {} s",
            mail.subject(),
            e.getMessage(),
            wait.toSeconds());
        schedule(mail, attempt + 1, wait);
      } else {
        queued.decrementAndGet();
        fail(mail, e.getMessage());
      }
    }
  }

  private void fail(Mail mail, String error) {
    lastFailure.set(new Failure(clock.instant(), mail.to(), mail.subject(), error));
    LOG.warn("Could not send \"{}\" to {}: {}", mail.subject(), mail.to(), error);
  }
}
