package io.pocketid.server.internal.web;

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
    Assets assets) {

  /**
   * Versioned URLs of what every page loads.
   *
   * @param version the static files' version ({@code ?v=})
   * @param logoLight the light logo
   * @param logoDark the dark logo
   * @param favicon the favicon
   * @param faviconType its media type
   */
  public record Assets(
      String version, String logoLight, String logoDark, String favicon, String faviconType) {}

  public boolean signedIn() {
    return displayName != null;
  }
}
