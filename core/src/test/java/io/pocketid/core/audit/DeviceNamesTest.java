package io.pocketid.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceNamesTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0|Firefox on Linux",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36|Chrome on Windows 10/11",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0|Edge on Windows 10/11",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
            + " Gecko) Version/17.4 Mobile/15E148 Safari/604.1|Safari on iOS 17.4",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
            + " Version/17.1 Safari/605.1.15|Safari on macOS 10.15.7",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Mobile Safari/537.36|Chrome on Android 14",
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36|Samsung Internet on Android 14",
        "curl/8.5.0|curl",
        "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36|Chrome on ChromeOS",
        "something-else/1.0|Unknown device",
      })
  void namesCommonBrowsersAndSystems(String userAgent, String expected) {
    assertThat(DeviceNames.describe(userAgent)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"''", "'   '"})
  void aMissingHeaderIsAnUnknownDevice(String userAgent) {
    assertThat(DeviceNames.describe(userAgent)).isEqualTo("Unknown device");
    assertThat(DeviceNames.describe(null)).isEqualTo("Unknown device");
  }
}
