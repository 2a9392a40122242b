/**
 * Mail: the {@link io.pocketid.core.mail.Mailer} port (implemented by the {@code mail} module), the
 * messages ({@link io.pocketid.core.mail.MailTemplates}, text and HTML, in the user's language) and
 * {@link io.pocketid.core.mail.MailService}, which sends them in the background with retries so a
 * slow or failing SMTP server never blocks or fails a request.
 */
package io.pocketid.core.mail;
