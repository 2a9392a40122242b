package io.pocketid.mail;

import io.pocketid.core.mail.Mail;
import io.pocketid.core.mail.MailException;
import io.pocketid.core.mail.Mailer;
import io.pocketid.core.mail.SmtpSettings;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * {@link Mailer} on Jakarta Mail (Angus Mail): one connection per mail, as Pocket ID does; {@code
 * none} is plain SMTP, {@code starttls} requires the upgrade (a server that does not offer it is an
 * error, never a silent plain-text fallback), {@code tls} is TLS from the first byte. The server's
 * certificate and host name are checked unless {@code skipCertVerify}. Every step has a {@link
 * #TIMEOUT}. The message is {@code multipart/alternative} (text, then HTML) with a {@code
 * Message-ID} in the sender's domain.
 */
public final class AngusMailer implements Mailer {
  /** Connect, read and write timeout of every SMTP step (Pocket ID: 10 s). */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Clock clock;

  public AngusMailer(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void send(SmtpSettings smtp, Mail mail) throws MailException {
    Session session = Session.getInstance(properties(smtp));
    try {
      MimeMessage message = message(session, smtp, mail);
      String protocol = smtp.tls() == SmtpSettings.Tls.TLS ? "smtps" : "smtp";
      try (Transport transport = session.getTransport(protocol)) {
        if (smtp.user() == null || smtp.user().isEmpty()) {
          transport.connect(smtp.host(), smtp.port(), null, null);
        } else {
          transport.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
        }
        transport.sendMessage(message, message.getAllRecipients());
      }
    } catch (MessagingException e) {
      throw new MailException(describe(e), e);
    }
  }

  private MimeMessage message(Session session, SmtpSettings smtp, Mail mail)
      throws MessagingException {
    String messageId = "<" + UUID.randomUUID() + "@" + domainOf(smtp.from()) + ">";
    MimeMessage message =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    try {
      message.setFrom(new InternetAddress(smtp.from(), mail.senderName(), "UTF-8"));
    } catch (UnsupportedEncodingException e) {
      throw new MessagingException("UTF-8 unavailable", e);
    }
    message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
    message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
    message.setSentDate(Date.from(clock.instant()));
    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.saveChanges();
    return message;
  }

  static Properties properties(SmtpSettings smtp) {
    String prefix = smtp.tls() == SmtpSettings.Tls.TLS ? "mail.smtps." : "mail.smtp.";
    String timeout = Long.toString(TIMEOUT.toMillis());
    Properties props = new Properties();
    props.put(prefix + "host", smtp.host());
    props.put(prefix + "port", Integer.toString(smtp.port()));
    props.put(prefix + "connectiontimeout", timeout);
    props.put(prefix + "timeout", timeout);
    props.put(prefix + "writetimeout", timeout);
    props.put(prefix + "localhost", localHostName());
    props.put(prefix + "auth", Boolean.toString(smtp.user() != null && !smtp.user().isEmpty()));
    if (smtp.tls() == SmtpSettings.Tls.STARTTLS) {
      props.put(prefix + "starttls.enable", "true");
      props.put(prefix + "starttls.required", "true");
    }
    if (smtp.tls() != SmtpSettings.Tls.NONE) {
      if (smtp.skipCertVerify()) {
        props.put(prefix + "ssl.socketFactory", trustingEverything());
        props.put(prefix + "ssl.checkserveridentity", "false");
      } else {
        props.put(prefix + "ssl.checkserveridentity", "true");
      }
    }
    return props;
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static String domainOf(String from) {
    int at = from.lastIndexOf('@');
    String domain = at < 0 ? "" : from.substring(at + 1).trim();
    return domain.matches("[A-Za-z0-9.-]+") ? domain : "localhost";
  }

  /** The server's error without the Jakarta Mail wrapping, and the cause's when there is one. */
  private static String describe(MessagingException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable cause = e.getCause() != null ? e.getCause() : e.getNextException();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      message += ": " + cause.getMessage();
    }
    return message.replaceAll("[\\r\\n]+", " ").trim();
  }

  /** For {@code smtpSkipCertVerify}: accepts any certificate (the admin asked for it). */
  private static SSLSocketFactory trustingEverything() {
    TrustManager trustAll =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustAll}, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS", e);
    }
  }
}
