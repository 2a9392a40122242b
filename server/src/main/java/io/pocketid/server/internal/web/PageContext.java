package io.pocketid.server.internal.web;

import gg.jte.Content;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every page's layout needs.
 *
 * @param appName the app name (the {@code appName} setting)
 * @param title the page title
 * @param pageId selects the page's script behaviour ({@code data-page})
 * @param nonce the CSP nonce of this response
 * @param csrfToken the CSRF token for forms on this page
 * @param displayName the signed-in user's display name, or null when signed out
 * @param redirect where to go after signing in (a local path)
 * @param admin whether the signed-in user is an administrator (the header shows admin links)
 * @param accentStyle the {@code style} attribute that sets the accent colour, empty for the default
 * @param assets where the page's script, stylesheet and images come from (versioned URLs)
 * @param base where the application is mounted ({@code /auth}), empty at the root: the prefix of
 *     every link in the page
 * @param messages the texts in the language chosen for this request
 */
public record PageContext(
    String appName,
    String title,
    String pageId,
    String nonce,
    String csrfToken,
    String displayName,
    String redirect,
    boolean admin,
    String accentStyle,
    Assets assets,
    Messages messages,
    String base) {

  /**
   * Versioned URLs of what every page loads.
   *
   * @param version the static files' version ({@code ?v=})
   * @param logoLight the light logo
   * @param logoDark the dark logo
   * @param favicon the favicon
   * @param faviconType its media type
   * @param background the background image of the signed-out pages, empty when none was uploaded
   */
  public record Assets(
      String version,
      String logoLight,
      String logoDark,
      String favicon,
      String faviconType,
      String background) {

    /** The {@code style} of a signed-out page's body: the background image, if any. */
    public String backgroundStyle() {
      return background.isEmpty()
          ? null
          : "background: url(" + background + ") center / cover fixed";
    }
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

  public boolean signedIn() {
    return displayName != null;
  }

  /** The text of {@code key} in this page's language (see {@link Messages#t}). */
  public String t(String key, Object... args) {
    return messages.t(key, args);
  }

  /**
   * The text of {@code key} with markup in its placeholders: {@code {0}}, {@code {1}}… are replaced
   * by the given template fragments (for example {@code @`<strong>${name}</strong>`}), the text
   * around them is escaped; {@code ''} stands for an apostrophe, as in {@link
   * java.text.MessageFormat}.
   */
  public Content html(String key, Content... args) {
    String pattern = messages.t(key);
    return output -> {
      Matcher placeholder = PLACEHOLDER.matcher(pattern);
      int from = 0;
      while (placeholder.find()) {
        output.writeUserContent(pattern.substring(from, placeholder.start()).replace("''", "'"));
        output.writeUserContent(args[Integer.parseInt(placeholder.group(1))]);
        from = placeholder.end();
      }
      output.writeUserContent(pattern.substring(from).replace("''", "'"));
    };
  }

  /** The page's language tag ({@code <html lang>}). */
  public String lang() {
    return messages.language();
  }
}
