package io.pocketid.server;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** A real SMTP server for tests (GreenMail, plain SMTP on a free loopback port, no login). */
public final class TestSmtp {
  private TestSmtp() {}

  /** Starts one; the caller stops it. */
  public static GreenMail start() {
    GreenMail greenMail =
        new GreenMail(new ServerSetup(0, loopback(), "smtp").dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    greenMail.start();
    return greenMail;
  }

  /** The application settings that send mail through {@code greenMail}, plus {@code switches}. */
  public static Map<String, String> settings(GreenMail greenMail, String... switches) {
    Map<String, String> settings = new HashMap<>();
    settings.put("smtpHost", loopback());
    settings.put("smtpPort", Integer.toString(greenMail.getSmtp().getPort()));
    settings.put("smtpFrom", "id@example.com");
    for (String name : switches) {
      settings.put(name, "true");
    }
    return settings;
  }

  private static String loopback() {
    return InetAddress.getLoopbackAddress().getHostAddress();
  }
}
