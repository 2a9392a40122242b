package io.pocketid.core.mail;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The mails, each as plain text and HTML, in the recipient's language (English, German, French;
 * English when the locale is unknown). Every value put into the HTML is escaped.
 */
public final class MailTemplates {
  private static final String BUNDLE = "io.pocketid.core.mail.messages";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private final String appUrl;

  /**
   * @param appUrl the public base URL (links and the logo point there)
   */
  public MailTemplates(String appUrl) {
    this.appUrl = appUrl;
  }

  /** The bundle for a user's locale ({@code de}, {@code fr-CH}...; null or unknown: English). */
  static ResourceBundle bundle(String locale) {
    Locale wanted =
        locale == null || locale.isBlank() ? Locale.ROOT : Locale.forLanguageTag(locale);
    return ResourceBundle.getBundle(
        BUNDLE,
        wanted,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** A login code, with a link that signs in with it. */
  public Mail loginCode(
      String to, String locale, String appName, String code, String link, long minutes) {
    ResourceBundle text = bundle(locale);
    Body body = new Body(text, appName);
    body.paragraph(format(text, "login-code.intro", appName));
    body.code(code);
    body.button(format(text, "login-code.button"), link);
    body.paragraph(format(text, "login-code.expiry", minutes));
    body.paragraph(format(text, "login-code.ignore"));
    return body.mail(to, format(text, "login-code.subject"));
  }

  /** A sign-in from a device not seen before. */
  public Mail newDevice(
      String to,
      String locale,
      String appName,
      String ipAddress,
      String location,
      String device,
      Instant when) {
    ResourceBundle text = bundle(locale);
    Body body = new Body(text, appName);
    body.paragraph(format(text, "new-device.intro", appName));
    body.facts(
        List.of(
            Map.entry(format(text, "new-device.ip"), nullToDash(ipAddress)),
            Map.entry(format(text, "new-device.location"), nullToDash(location)),
            Map.entry(format(text, "new-device.device"), nullToDash(device)),
            Map.entry(format(text, "new-device.time"), TIME.format(when))));
    body.paragraph(format(text, "new-device.advice"));
    return body.mail(to, format(text, "new-device.subject", appName));
  }

  /** An API key that expires within days. */
  public Mail apiKeyExpiring(
      String to, String locale, String appName, String keyName, Instant expiresAt) {
    ResourceBundle text = bundle(locale);
    Body body = new Body(text, appName);
    body.paragraph(format(text, "api-key.intro", keyName, TIME.format(expiresAt)));
    body.paragraph(format(text, "api-key.advice"));
    return body.mail(to, format(text, "api-key.subject", keyName));
  }

  /** The administrator's test mail. */
  public Mail test(String to, String locale, String appName) {
    ResourceBundle text = bundle(locale);
    Body body = new Body(text, appName);
    body.paragraph(format(text, "test.intro", appName));
    return body.mail(to, format(text, "test.subject"));
  }

  private static String format(ResourceBundle bundle, String key, Object... args) {
    return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(args);
  }

  private static String nullToDash(String value) {
    return value == null || value.isBlank() ? "-" : value;
  }

  /** HTML-escapes text (element content and double-quoted attributes). */
  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A mail being written: the text and HTML parts side by side. */
  private final class Body {
    private final ResourceBundle text;
    private final String appName;
    private final List<String> plain = new ArrayList<>();
    private final StringBuilder html = new StringBuilder();

    Body(ResourceBundle text, String appName) {
      this.text = text;
      this.appName = appName;
    }

    void paragraph(String value) {
      plain.add(value);
      html.append("<p style=\"margin:0 0 16px\">").append(escape(value)).append("</p>");
    }

    void code(String code) {
      plain.add("    " + code);
      html.append(
              "<p style=\"margin:0 0 16px;font-size:24px;font-weight:bold;letter-spacing:2px\">")
          .append(escape(code))
          .append("</p>");
    }

    void button(String label, String href) {
      plain.add(label + ": " + href);
      html.append("<p style=\"margin:0 0 16px\"><a href=\"")
          .append(escape(href))
          .append(
              "\" style=\"display:inline-block;padding:10px 18px;background:#111;color:#fff;"
                  + "border-radius:6px;text-decoration:none\">")
          .append(escape(label))
          .append("</a></p>");
    }

    void facts(List<Map.Entry<String, String>> rows) {
      html.append("<table style=\"margin:0 0 16px;border-collapse:collapse\">");
      for (Map.Entry<String, String> row : rows) {
        plain.add(row.getKey() + ": " + row.getValue());
        html.append("<tr><td style=\"padding:2px 12px 2px 0;color:#555\">")
            .append(escape(row.getKey()))
            .append("</td><td style=\"padding:2px 0\">")
            .append(escape(row.getValue()))
            .append("</td></tr>");
      }
      html.append("</table>");
    }

    Mail mail(String to, String subject) {
      String footer = format(text, "footer", appName);
      String plainText = String.join("\n\n", plain) + "\n\n-- \n" + footer + "\n" + appUrl + "\n";
      String page =
          "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
              + escape(subject)
              + "</title></head><body style=\"font-family:sans-serif;color:#111;margin:0;"
              + "padding:24px\"><div style=\"max-width:560px;margin:0 auto\">"
              + "<p style=\"margin:0 0 24px\"><img src=\""
              + escape(appUrl + "/static/logo.svg")
              + "\" alt=\"\" width=\"32\" height=\"32\" style=\"vertical-align:middle\"> "
              + "<strong style=\"vertical-align:middle\">"
              + escape(appName)
              + "</strong></p>"
              + html
              + "<p style=\"margin:24px 0 0;color:#777;font-size:12px\">"
              + escape(footer)
              + "</p></div></body></html>";
      return new Mail(to, appName, subject, plainText, page);
    }
  }
}
