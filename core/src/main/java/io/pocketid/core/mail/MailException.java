package io.pocketid.core.mail;

/** Sending failed; the message says why (the SMTP server's answer or the connection error). */
public class MailException extends Exception {
  private static final long serialVersionUID = 1L;

  public MailException(String message, Throwable cause) {
    super(message, cause);
  }

  public MailException(String message) {
    super(message);
  }
}
