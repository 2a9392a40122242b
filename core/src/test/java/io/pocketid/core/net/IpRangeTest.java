package io.pocketid.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpRangeTest {
  @Test
  void ipv4AndIpv6RangesContainTheirAddressesOnly() throws Exception {
    IpRange ten = IpRange.parse("10.0.0.0/8");
    IpRange ula = IpRange.parse("fd00::/8");

    assertThat(ten.contains(InetAddress.getByName("10.200.1.2"))).isTrue();
    assertThat(ten.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
    assertThat(ten.contains(InetAddress.getByName("fd00::1"))).isFalse();
    assertThat(ula.contains(InetAddress.getByName("fd12::1"))).isTrue();
    assertThat(ula.contains(InetAddress.getByName("fe80::1"))).isFalse();
    assertThat(IpRange.parse("192.0.2.7").toString()).isEqualTo("192.0.2.7/32");
    assertThat(IpRange.parse("10.1.2.3/8").toString()).isEqualTo("10.0.0.0/8");
  }

  @Test
  void namesAndBadPrefixesAreRefusedWithoutALookup() {
    for (String bad : List.of("example.com", "localhost", "10.0.0.0/33", "::1/129", "10.0.0.0/x")) {
      assertThatThrownBy(() -> IpRange.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(IpRange.anyContains(IpRange.PRIVATE_NETWORKS, "example.com")).isFalse();
    assertThat(IpRange.anyContains(IpRange.PRIVATE_NETWORKS, "192.168.1.1")).isTrue();
    assertThat(IpRange.anyContains(IpRange.PRIVATE_NETWORKS, "203.0.113.9")).isFalse();
  }
}
