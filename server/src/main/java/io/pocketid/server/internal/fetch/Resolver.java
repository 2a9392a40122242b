package io.pocketid.server.internal.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Looks up the addresses of a host name; the seam between {@link ImageFetcher} and DNS. */
@FunctionalInterface
public interface Resolver {
  /**
   * The addresses of {@code host}, at least one.
   *
   * @param host a host name, never an IP literal (the fetcher parses those itself)
   * @throws UnknownHostException when the name has no address
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The platform's resolver, {@link InetAddress#getAllByName(String)}. */
  static Resolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
