package io.pocketid.server.internal.jmx;

import javax.management.MBeanServer;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;

/**
 * Keeps the platform MBean server from starting unless JMX is asked for. XNIO registers an MBean
 * for its provider and each worker, which starts the platform MBean server and introspects every
 * platform MXBean: ~0.4 s of a 2-core start-up for beans nobody reads. With this builder (set as
 * {@code javax.management.builder.initial} by {@code pocket-id serve}) creating an MBean server
 * fails at once, and XNIO, which ignores any failure to register, goes on without them.
 *
 * <p>JMX stays available: with {@code -Dcom.sun.management.jmxremote…} or {@code
 * -Dpocketid.jmx=true} in {@code JAVA_OPTS} this builds the JDK's MBean server as usual.
 */
public final class OnDemandMBeanServerBuilder extends MBeanServerBuilder {
  /** The system property that names the builder. */
  public static final String PROPERTY = "javax.management.builder.initial";

  /** Installs this builder unless one is configured already. */
  public static void install() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, OnDemandMBeanServerBuilder.class.getName());
    }
  }

  /** Whether the operator asked for JMX. */
  static boolean wanted() {
    return Boolean.getBoolean("pocketid.jmx")
        || System.getProperties().stringPropertyNames().stream()
            .anyMatch(name -> name.startsWith("com.sun.management.jmxremote"));
  }

  @Override
  public MBeanServer newMBeanServer(
      String defaultDomain, MBeanServer outer, MBeanServerDelegate delegate) {
    if (wanted()) {
      return super.newMBeanServer(defaultDomain, outer, delegate);
    }
    throw new UnsupportedOperationException(
        "JMX is off in pocket-id serve; add -Dpocketid.jmx=true to JAVA_OPTS to turn it on");
  }
}
