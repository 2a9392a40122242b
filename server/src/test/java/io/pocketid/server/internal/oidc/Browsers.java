package io.pocketid.server.internal.oidc;

import io.pocketid.server.internal.web.Browser;

/** The OIDC journeys' browser: the shared harness, with passkey autofill turned off. */
final class Browsers {
  private Browsers() {}

  static Browser withoutConditionalUi() {
    Browser browser = Browser.open();
    browser.disableConditionalUi();
    return browser;
  }
}
