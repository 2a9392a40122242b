/**
 * The application settings Pocket ID lets administrators edit ({@link
 * io.pocketid.core.config.AppConfigKey}), read typed and cached by {@link
 * io.pocketid.core.config.AppConfigService}. The environment is read by the server only; it hands
 * the values in.
 */
package io.pocketid.core.config;
