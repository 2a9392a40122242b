package io.pocketid.core.mail;

import java.util.Objects;

/**
 * One message, in plain text and HTML.
 *
 * @param to the recipient's address
 * @param senderName shown beside the sender address (the app name)
 */
public record Mail(String to, String senderName, String subject, String text, String html) {
  public Mail {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(senderName, "senderName");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
    // A header may never carry a line break (header injection).
    subject = subject.replaceAll("[\\r\\n\\u0000-\\u001f\\u007f]+", " ").trim();
    senderName = senderName.replaceAll("[\\r\\n\\u0000-\\u001f\\u007f]+", " ").trim();
    if (to.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("recipient address contains a control character");
    }
  }
}
