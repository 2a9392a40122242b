package io.pocketid.server.internal.web;

import io.pocketid.core.json.JsonWriter;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The texts of the pages and of their scripts in one language, from {@code
 * io/pocketid/server/messages*.properties} (UTF-8). English is the reference and has every key;
 * German and French fall back to it key by key, and a key English lacks is a bug: {@link #t} throws
 * rather than show a raw key. Keys starting with {@code js.} are the scripts' texts ({@link
 * #scriptJson}). Loaded once per language, immutable.
 */
public final class Messages {
  /** The base name of the bundles. */
  public static final String BUNDLE = "io.pocketid.server.messages";

  /** The languages the pages speak, English first (the default). */
  public static final List<String> LANGUAGES = List.of("en", "de", "fr");

  private static final String SCRIPT_PREFIX = "js.";

  private static final Map<String, Messages> BY_LANGUAGE =
      LANGUAGES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), Messages::load));

  private final Locale locale;
  private final Map<String, String> texts;
  private final String scriptJson;

  private Messages(Locale locale, Map<String, String> texts) {
    this.locale = locale;
    this.texts = Collections.unmodifiableMap(texts);
    Map<String, String> script = new TreeMap<>();
    texts.forEach(
        (key, value) -> {
          if (key.startsWith(SCRIPT_PREFIX)) {
            script.put(key, value);
          }
        });
    this.scriptJson = JsonWriter.write(script);
  }

  /** English, the default. */
  public static Messages english() {
    return BY_LANGUAGE.get("en");
  }

  /** The messages of a supported language tag ({@code en}, {@code de}, {@code fr}), else null. */
  public static Messages of(String language) {
    return language == null ? null : BY_LANGUAGE.get(language.toLowerCase(Locale.ROOT));
  }

  /**
   * The first supported language of an {@code Accept-Language} header by its q-values, English when
   * none is (or the header is missing or malformed).
   */
  public static Messages fromAcceptLanguage(String header) {
    if (header == null || header.isBlank()) {
      return english();
    }
    List<Locale.LanguageRange> ranges;
    try {
      ranges = Locale.LanguageRange.parse(header);
    } catch (IllegalArgumentException | IllformedLocaleException e) {
      return english();
    }
    for (Locale.LanguageRange range : ranges) {
      if (range.getWeight() > 0) {
        Messages messages = of(range.getRange().split("-", 2)[0]);
        if (messages != null) {
          return messages;
        }
      }
    }
    return english();
  }

  /**
   * The text of {@code key}; with arguments a {@link MessageFormat} pattern ({@code {0}}, and
   * {@code ''} for an apostrophe).
   *
   * @throws MissingResourceException when not even English has the key
   */
  public String t(String key, Object... args) {
    String text = texts.get(key);
    if (text == null) {
      throw new MissingResourceException("No message " + key, BUNDLE, key);
    }
    return args.length == 0 ? text : new MessageFormat(text, locale).format(args);
  }

  /** The BCP 47 language tag ({@code <html lang>}). */
  public String language() {
    return locale.toLanguageTag();
  }

  /** The locale (dates on the pages). */
  public Locale locale() {
    return locale;
  }

  /**
   * The scripts' texts (the {@code js.} keys) as a JSON object, safe inside a {@code <script>}
   * element: {@link JsonWriter} escapes {@code <}, {@code >} and {@code &}.
   */
  public String scriptJson() {
    return scriptJson;
  }

  private static Messages load(String language) {
    Locale locale = Locale.forLanguageTag(language);
    ResourceBundle bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    Map<String, String> texts = new TreeMap<>();
    for (String key : Collections.list(bundle.getKeys())) {
      texts.put(key, bundle.getString(key));
    }
    return new Messages(locale, texts);
  }
}
