package io.pocketid.server.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.net.IpRange;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Classification only: every address is an IP literal, nothing is looked up or connected to. */
class AddressClassifierTest {
  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, loopback",
    "127.255.255.254, loopback",
    "0.0.0.0, unspecified",
    "0.1.2.3, unspecified",
    "10.0.0.1, private network",
    "172.16.0.1, private network",
    "172.31.255.255, private network",
    "192.168.1.1, private network",
    "169.254.169.254, link-local",
    "169.254.0.1, link-local",
    "100.64.0.1, CGNAT",
    "100.127.255.255, CGNAT",
    "224.0.0.1, multicast",
    "239.255.255.250, multicast",
    "255.255.255.255, broadcast",
    "240.0.0.1, reserved",
    "192.0.0.8, IETF protocol assignments",
    "198.18.0.1, benchmarking",
    "198.19.255.255, benchmarking",
    "192.0.2.1, documentation",
    "198.51.100.7, documentation",
    "203.0.113.9, documentation",
    "::1, loopback",
    "::, unspecified",
    "fd00::1, unique local",
    "fc00::1, unique local",
    "fe80::1, link-local",
    "febf::1, link-local",
    "ff02::1, multicast",
    "2001:db8::1, documentation",
    "2001::1, Teredo",
    "64:ff9b:1::1, NAT64",
    "100::1, discard-only",
    "::ffff:10.0.0.1, private network",
    "::ffff:127.0.0.1, loopback",
    "64:ff9b::a00:1, private network 10.0.0.1, embedded in a NAT64 address",
    "64:ff9b::7f00:1, loopback 127.0.0.1, embedded in a NAT64 address",
    "64:ff9b::a9fe:a9fe, link-local (cloud metadata) 169.254.169.254, embedded in a NAT64",
    "2002:a00:1::, private network 10.0.0.1, embedded in a 6to4 address",
    "2002:7f00:1::1, loopback 127.0.0.1, embedded in a 6to4 address",
    "::10.0.0.1, private network 10.0.0.1, embedded in an IPv4-compatible address",
    "::8.8.8.8, deprecated IPv4-compatible",
    "4000::1, reserved (outside global unicast",
  })
  void forbidden(String address, String reason) throws Exception {
    InetAddress parsed = IpRange.literal(address);

    assertThat(AddressClassifier.isForbidden(parsed)).as(address).isTrue();
    assertThat(AddressClassifier.forbiddenReason(parsed)).get().asString().contains(reason);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "93.184.216.34",
        "8.8.8.8",
        "1.1.1.1",
        "172.32.0.1",
        "172.15.255.255",
        "100.128.0.1",
        "100.63.255.255",
        "192.169.0.1",
        "169.255.0.1",
        "198.20.0.1",
        "11.0.0.1",
        "223.255.255.255",
        "2606:2800:220:1::",
        "2a00:1450:4001:80b::200e",
        "64:ff9b::808:808",
        "2002:808:808::1",
        "::ffff:93.184.216.34"
      })
  void publicAddressesAreAllowed(String address) {
    InetAddress parsed = IpRange.literal(address);

    assertThat(AddressClassifier.forbiddenReason(parsed)).as(address).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.1, private network", "127.0.0.1, loopback", "169.254.169.254, link-local"})
  void anIpv4MappedAddressKeptAsIpv6IsJudgedByItsIpv4Address(String v4, String reason)
      throws Exception {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xFF;
    bytes[11] = (byte) 0xFF;
    System.arraycopy(IpRange.literal(v4).getAddress(), 0, bytes, 12, 4);
    InetAddress mapped = Inet6Address.getByAddress(null, bytes, -1);

    assertThat(mapped).isInstanceOf(Inet6Address.class);
    assertThat(AddressClassifier.forbiddenReason(mapped))
        .get()
        .asString()
        .contains(reason, v4, "IPv4-mapped");
  }
}
