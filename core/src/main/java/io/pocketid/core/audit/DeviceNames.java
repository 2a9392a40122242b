package io.pocketid.core.audit;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short, human name for the device behind a {@code User-Agent} ("Firefox on Linux", "Safari on
 * iOS 17.4"), as Pocket ID's audit log shows it. Only the common browsers and systems are named;
 * anything else is "Unknown device", never the raw header (which is long and may carry tracking
 * details).
 */
public final class DeviceNames {
  private static final String UNKNOWN = "Unknown device";

  private record Rule(String name, Pattern pattern) {}

  /** Browsers, most specific first (Edge and Opera also say Chrome; Chrome also says Safari). */
  private static final List<Rule> BROWSERS =
      List.of(
          new Rule("Edge", Pattern.compile("Edg(?:e|A|iOS)?/")),
          new Rule("Opera", Pattern.compile("OPR/|Opera")),
          new Rule("Samsung Internet", Pattern.compile("SamsungBrowser/")),
          new Rule("Firefox", Pattern.compile("Firefox/|FxiOS/")),
          new Rule("Chrome", Pattern.compile("Chrome/|CriOS/|Chromium/")),
          new Rule("Safari", Pattern.compile("Version/[0-9.]+.*Safari/")),
          new Rule("curl", Pattern.compile("^curl/")),
          new Rule("Java", Pattern.compile("^Java-http-client|^Java/")));

  private static final Pattern IOS = Pattern.compile("(?:iPhone|iPad|iPod).*? OS ([0-9_]+)");
  private static final Pattern ANDROID = Pattern.compile("Android ([0-9.]+)");
  private static final Pattern MAC = Pattern.compile("Mac OS X ([0-9_.]+)");
  private static final Pattern WINDOWS = Pattern.compile("Windows NT ([0-9.]+)");

  private DeviceNames() {}

  /** The device's name; "Unknown device" for a missing or unrecognised header. */
  public static String describe(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return UNKNOWN;
    }
    String browser = null;
    for (Rule rule : BROWSERS) {
      if (rule.pattern().matcher(userAgent).find()) {
        browser = rule.name();
        break;
      }
    }
    String system = system(userAgent);
    if (browser == null && system == null) {
      return UNKNOWN;
    }
    if (browser == null) {
      return system;
    }
    return system == null ? browser : browser + " on " + system;
  }

  private static String system(String ua) {
    Matcher m = IOS.matcher(ua);
    if (m.find()) {
      return "iOS " + m.group(1).replace('_', '.');
    }
    m = ANDROID.matcher(ua);
    if (m.find()) {
      return "Android " + m.group(1);
    }
    m = WINDOWS.matcher(ua);
    if (m.find()) {
      return switch (m.group(1)) {
        case "10.0" -> "Windows 10/11";
        case "6.3" -> "Windows 8.1";
        case "6.1" -> "Windows 7";
        default -> "Windows";
      };
    }
    m = MAC.matcher(ua);
    if (m.find()) {
      return "macOS " + m.group(1).replace('_', '.');
    }
    String lower = ua.toLowerCase(Locale.ROOT);
    if (lower.contains("cros")) {
      return "ChromeOS";
    }
    return lower.contains("linux") ? "Linux" : null;
  }
}
