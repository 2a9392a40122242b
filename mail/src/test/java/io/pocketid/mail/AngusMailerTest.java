package io.pocketid.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.pocketid.core.mail.Mail;
import io.pocketid.core.mail.MailException;
import io.pocketid.core.mail.SmtpSettings;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivery through real SMTP servers on loopback (GreenMail), in each TLS mode. */
class AngusMailerTest {
  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
  private static final String LOOPBACK = InetAddress.getLoopbackAddress().getHostAddress();

  private final AngusMailer mailer = new AngusMailer(Clock.fixed(NOW, ZoneOffset.UTC));
  private GreenMail greenMail;

  @AfterEach
  void stop() {
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  private GreenMail start(String protocol, GreenMailConfiguration config) {
    greenMail =
        new GreenMail(new ServerSetup(0, LOOPBACK, protocol).dynamicPort())
            .withConfiguration(config);
    greenMail.start();
    return greenMail;
  }

  private static SmtpSettings smtp(int port, SmtpSettings.Tls tls, boolean skipVerify) {
    return new SmtpSettings(LOOPBACK, port, "id@example.com", "", "", tls, skipVerify);
  }

  private static Mail mail() {
    return new Mail(
        "alice@example.org",
        "Pocket ID",
        "Grüße: Login Code",
        "Your code is 123456",
        "<p>Your code is <b>123456</b></p>");
  }

  @Test
  void plainSmtpDeliversTextAndHtmlWithTheHeadersPocketIdSends() throws Exception {
    start("smtp", GreenMailConfiguration.aConfig().withDisabledAuthentication());

    mailer.send(smtp(greenMail.getSmtp().getPort(), SmtpSettings.Tls.NONE, false), mail());

    MimeMessage received = greenMail.getReceivedMessages()[0];
    assertThat(received.getSubject()).isEqualTo("Grüße: Login Code");
    InternetAddress from = (InternetAddress) received.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo("id@example.com");
    assertThat(from.getPersonal()).isEqualTo("Pocket ID");
    assertThat(received.getAllRecipients()[0].toString()).isEqualTo("alice@example.org");
    assertThat(received.getMessageID()).endsWith("@example.com>");
    assertThat(received.getSentDate().toInstant()).isEqualTo(NOW);
    MimeMultipart parts = (MimeMultipart) received.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Your code is 123456");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat((String) parts.getBodyPart(1).getContent()).contains("<b>123456</b>");
  }

  @Test
  void implicitTlsDeliversWhenTheCertificateCheckIsSkippedAndRefusesAnUntrustedOne()
      throws Exception {
    start("smtps", GreenMailConfiguration.aConfig().withDisabledAuthentication());
    int port = greenMail.getSmtps().getPort();

    assertThatThrownBy(() -> mailer.send(smtp(port, SmtpSettings.Tls.TLS, false), mail()))
        .isInstanceOf(MailException.class)
        .hasMessageContaining("certif");
    assertThat(greenMail.getReceivedMessages()).isEmpty();

    mailer.send(smtp(port, SmtpSettings.Tls.TLS, true), mail());
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void startTlsUpgradesBeforeSendingAndRefusesAnUntrustedCertificate() throws Exception {
    start("smtp", GreenMailConfiguration.aConfig().withDisabledAuthentication());
    try (StartTlsProxy front = new StartTlsProxy(greenMail.getSmtp().getPort())) {
      assertThatThrownBy(
              () -> mailer.send(smtp(front.port(), SmtpSettings.Tls.STARTTLS, false), mail()))
          .isInstanceOf(MailException.class);
      assertThat(greenMail.getReceivedMessages()).isEmpty();

      mailer.send(smtp(front.port(), SmtpSettings.Tls.STARTTLS, true), mail());
    }
    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("Grüße: Login Code");
  }

  @Test
  void startTlsAgainstAServerWithoutItFailsInsteadOfSendingInPlainText() {
    start("smtp", GreenMailConfiguration.aConfig().withDisabledAuthentication());

    assertThatThrownBy(
            () ->
                mailer.send(
                    smtp(greenMail.getSmtp().getPort(), SmtpSettings.Tls.STARTTLS, true), mail()))
        .isInstanceOf(MailException.class)
        .hasMessageContaining("STARTTLS");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void authenticationWithTheRightPasswordDeliversAndTheWrongOneFailsWithTheServersAnswer()
      throws Exception {
    start("smtp", GreenMailConfiguration.aConfig().withUser("mailer", "s3cret"));
    int port = greenMail.getSmtp().getPort();
    SmtpSettings right =
        new SmtpSettings(
            LOOPBACK, port, "id@example.com", "mailer", "s3cret", SmtpSettings.Tls.NONE, false);
    SmtpSettings wrong =
        new SmtpSettings(
            LOOPBACK, port, "id@example.com", "mailer", "nope", SmtpSettings.Tls.NONE, false);

    assertThatThrownBy(() -> mailer.send(wrong, mail())).isInstanceOf(MailException.class);
    mailer.send(right, mail());

    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(wrong.toString()).doesNotContain("nope");
  }

  @Test
  void aServerThatIsDownFailsQuicklyWithTheConnectionError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    long start = System.nanoTime();

    assertThatThrownBy(() -> mailer.send(smtp(closedPort, SmtpSettings.Tls.NONE, false), mail()))
        .isInstanceOf(MailException.class)
        .hasMessageContaining("connect");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AngusMailer.TIMEOUT);
  }
}
