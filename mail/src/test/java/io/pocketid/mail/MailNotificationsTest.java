package io.pocketid.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.audit.AuditService;
import io.pocketid.core.audit.GeoLocator;
import io.pocketid.core.audit.RequestOrigin;
import io.pocketid.core.auth.LoginCodeService;
import io.pocketid.core.config.AppConfigService;
import io.pocketid.core.mail.Mail;
import io.pocketid.core.mail.MailService;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.service.MailNotifications;
import io.pocketid.core.service.ServiceException;
import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.core.testing.TestClock;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mails end to end, without HTTP: the notification rules in core, the queue, Angus Mail and a
 * real SMTP server (GreenMail) on loopback.
 */
class MailNotificationsTest {
  private static final String APP_URL = "https://id.example.com";
  private static final RequestOrigin HOME =
      new RequestOrigin(
          "81.2.69.142", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
  private static final String IPHONE_SAFARI =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

  private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final InMemoryStorage storage = new InMemoryStorage();
  private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
  private final Map<String, String> settings = new HashMap<>();
  private GreenMail greenMail;
  private MailService mail;
  private MailNotifications mails;
  private final User ada = Fixtures.user("ada").email("ada@example.com").locale("de").build();
  private final User bob = Fixtures.user("bob").email(null).build();

  @BeforeEach
  void start() {
    greenMail =
        new GreenMail(
                new ServerSetup(0, InetAddress.getLoopbackAddress().getHostAddress(), "smtp")
                    .dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    greenMail.start();
    settings.put("smtpHost", InetAddress.getLoopbackAddress().getHostAddress());
    settings.put("smtpPort", Integer.toString(greenMail.getSmtp().getPort()));
    settings.put("smtpFrom", "id@example.com");
    settings.put("appName", "Acme <ID>");
    storage.appConfig().saveAll(settings);
    storage.users().create(ada);
    storage.users().create(bob);
    AppConfigService config = new AppConfigService(false, Map.of(), storage.appConfig(), clock);
    mail = new MailService(new AngusMailer(clock), config, sender, clock);
    mails =
        new MailNotifications(
            mail,
            config,
            new LoginCodeService(storage, clock, new RandomTokens()),
            storage.users(),
            storage.apiKeys(),
            storage.auditLog(),
            ip -> new GeoLocator.Location("United Kingdom", "London"),
            clock,
            APP_URL);
  }

  @AfterEach
  void stop() {
    sender.shutdownNow();
    greenMail.stop();
    storage.close();
  }

  private void enable(String key) {
    storage.appConfig().saveAll(Map.of(key, "true"));
    clock.advance(AppConfigService.TTL.plusSeconds(1));
  }

  private MimeMessage[] awaitMails(int count) {
    assertThat(greenMail.waitForIncomingEmail(10_000, count)).as("%d mails", count).isTrue();
    return greenMail.getReceivedMessages();
  }

  private static String text(MimeMessage message) throws Exception {
    return (String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
  }

  private static String html(MimeMessage message) throws Exception {
    return (String) ((MimeMultipart) message.getContent()).getBodyPart(1).getContent();
  }

  @Test
  void ownLoginCodeGoesOnlyToAnExistingAddressAndSignsIn() throws Exception {
    enable("emailOneTimeAccessAsUnauthenticatedEnabled");

    mails.emailOwnLoginCode("nobody@example.com", null);
    mails.emailOwnLoginCode("ADA@example.com", "/settings/account");

    MimeMessage[] received = awaitMails(1);
    assertThat(received).hasSize(1);
    assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
    assertThat(received[0].getSubject()).isEqualTo("Anmeldecode");
    Matcher link =
        Pattern.compile(
                Pattern.quote(APP_URL) + "/lc/([A-Za-z0-9]+)\\?redirect=%2Fsettings%2Faccount")
            .matcher(text(received[0]));
    assertThat(link.find()).isTrue();
    assertThat(
            new LoginCodeService(storage, clock, new RandomTokens()).exchange(link.group(1)).id())
        .isEqualTo(ada.id());
    assertThat(html(received[0])).contains("Acme &lt;ID&gt;").doesNotContain("Acme <ID>");
  }

  @Test
  void ownLoginCodeIsRefusedWhileDisabledAndForAMalformedAddress() {
    assertThatThrownBy(() -> mails.emailOwnLoginCode("ada@example.com", null))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("disabled");
    enable("emailOneTimeAccessAsUnauthenticatedEnabled");
    assertThatThrownBy(() -> mails.emailOwnLoginCode("not an address", null))
        .hasMessage("Email must be a valid email address");
    assertThat(storage.loginCodes().deleteExpired(Instant.MAX)).isZero();
  }

  @Test
  void anAdminMailsACodeOnlyWhileEnabledAndOnlyToAUserWithAnAddress() throws Exception {
    assertThatThrownBy(() -> mails.emailLoginCodeFor(ada.id(), Duration.ofHours(1)))
        .hasMessageContaining("disabled");
    enable("emailOneTimeAccessAsAdminEnabled");
    assertThatThrownBy(() -> mails.emailLoginCodeFor(bob.id(), Duration.ofHours(1)))
        .hasMessage("The user has no email address");
    assertThatThrownBy(() -> mails.emailLoginCodeFor("nobody", Duration.ofHours(1)))
        .hasMessage("Record not found");

    mails.emailLoginCodeFor(ada.id(), Duration.ofHours(1));

    assertThat(text(awaitMails(1)[0])).contains("60 Minuten");
  }

  @Test
  void newDeviceMailOnlyForAnAddressAndBrowserNotSeenBefore() throws Exception {
    enable("emailLoginNotificationEnabled");
    AuditService audit = new AuditService(storage.auditLog(), clock, GeoLocator.NONE);

    mails.passkeySignIn(ada, HOME);
    audit.record(AuditEvents.SIGN_IN, ada.id(), HOME);
    mails.passkeySignIn(ada, HOME);
    audit.record(AuditEvents.SIGN_IN, ada.id(), HOME);
    mails.passkeySignIn(ada, new RequestOrigin("81.2.69.142", IPHONE_SAFARI));
    mails.passkeySignIn(bob, HOME);

    MimeMessage[] received = awaitMails(2);
    assertThat(received).hasSize(2);
    assertThat(received[0].getSubject()).isEqualTo("Neue Geräteanmeldung bei Acme <ID>");
    assertThat(text(received[0])).contains("81.2.69.142").contains("London, United Kingdom");
    assertThat(text(received[0])).contains("Firefox on Linux").doesNotContain("Gecko");
    assertThat(text(received[1])).contains("Safari on iOS 17.4");
  }

  @Test
  void apiKeyRemindersGoOutOncePerKeyWithinSevenDays() throws Exception {
    enable("emailApiKeyExpirationEnabled");
    storage
        .apiKeys()
        .save(Fixtures.apiKey("<deploy>", ada.id(), clock.instant().plus(Duration.ofDays(3))));
    storage
        .apiKeys()
        .save(Fixtures.apiKey("later", ada.id(), clock.instant().plus(Duration.ofDays(30))));
    storage
        .apiKeys()
        .save(Fixtures.apiKey("bobs", bob.id(), clock.instant().plus(Duration.ofDays(2))));

    assertThat(mails.remindExpiringApiKeys(clock.instant())).isEqualTo(1);
    assertThat(mails.remindExpiringApiKeys(clock.instant())).isZero();

    MimeMessage[] received = awaitMails(1);
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("API-Schlüssel \"<deploy>\" läuft bald ab");
    assertThat(html(received[0])).contains("&lt;deploy&gt;");
  }

  @Test
  void testMailReportsTheSmtpErrorWhenTheServerIsDown() throws Exception {
    mails.sendTest(ada);
    assertThat(awaitMails(1)[0].getSubject()).isEqualTo("Test-E-Mail");

    greenMail.stop();
    assertThatThrownBy(() -> mails.sendTest(ada))
        .isInstanceOf(ServiceException.class)
        .hasMessageStartingWith("The test email could not be sent: ")
        .hasMessageContaining("connect");
    assertThatThrownBy(() -> mails.sendTest(bob)).hasMessageContaining("no email address");
  }

  @Test
  void aQueuedMailThatCannotBeSentIsTriedAgainThenRecordedAsTheLastFailure() throws Exception {
    AppConfigService config = new AppConfigService(false, Map.of(), storage.appConfig(), clock);
    AtomicInteger attempts = new AtomicInteger();
    AngusMailer smtp = new AngusMailer(clock);
    MailService retrying =
        new MailService(
            (settings, message) -> {
              attempts.incrementAndGet();
              smtp.send(settings, message);
            },
            config,
            sender,
            clock,
            List.of(Duration.ofMillis(10), Duration.ofMillis(10)));
    greenMail.stop();

    retrying.queue(new Mail("ada@example.com", "Acme", "Hello", "text", "<p>html</p>"));

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (retrying.lastFailure().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(retrying.lastFailure())
        .hasValueSatisfying(
            failure -> {
              assertThat(failure.to()).isEqualTo("ada@example.com");
              assertThat(failure.error()).contains("connect");
            });
    assertThat(attempts.get()).isEqualTo(3);
    assertThat(retrying.waiting()).isZero();
  }
}
