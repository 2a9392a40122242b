/**
 * SMTP delivery for core's {@link io.pocketid.core.mail.Mailer} port, on Jakarta Mail (Angus Mail).
 * What to send and when is decided in core ({@code MailNotifications}, {@code MailService}).
 */
package io.pocketid.mail;
