package io.pocketid.server.config;

/**
 * Switches that are accepted for compatibility; metrics and tracing are not implemented yet (a
 * warning is logged when they are on).
 *
 * @param metricsEnabled {@code METRICS_ENABLED}
 * @param tracingEnabled {@code TRACING_ENABLED}
 * @param analyticsDisabled {@code ANALYTICS_DISABLED}
 */
public record ObservabilitySettings(
    boolean metricsEnabled, boolean tracingEnabled, boolean analyticsDisabled) {}
