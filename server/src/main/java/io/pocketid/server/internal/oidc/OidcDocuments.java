package io.pocketid.server.internal.oidc;

import io.pocketid.core.json.JsonWriter;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.discovery.Discovery;
import io.pocketid.oidc.keys.KeyRing;
import java.util.List;
import java.util.function.Supplier;

/** The discovery and JWKS documents of the current key ring, rendered once per ring. */
public final class OidcDocuments {
  private final OidcSettings settings;
  private final Supplier<KeyRing> keys;
  private volatile Cached cached;

  /** Both documents for one key ring (bytes and ETag). */
  record Cached(KeyRing ring, StaticDocument openidConfiguration, StaticDocument jwks) {}

  public OidcDocuments(OidcSettings settings, Supplier<KeyRing> keys) {
    this.settings = settings;
    this.keys = keys;
  }

  /** The documents of the current ring (re-rendered after a rotation). */
  Cached current() {
    KeyRing ring = keys.get();
    Cached current = cached;
    if (current == null || current.ring() != ring) {
      String config =
          JsonWriter.write(
              Discovery.openidConfiguration(settings, List.of(ring.currentAlgorithm())));
      current = new Cached(ring, StaticDocument.of(config), StaticDocument.of(ring.jwksJson()));
      cached = current;
    }
    return current;
  }
}
