package io.pocketid.core.mail;

/** Sends one message over SMTP: the port the {@code mail} module implements (Jakarta Mail). */
public interface Mailer {
  /**
   * Sends {@code mail} now, over a new connection.
   *
   * @throws MailException with the server's or the connection's error
   */
  void send(SmtpSettings smtp, Mail mail) throws MailException;
}
