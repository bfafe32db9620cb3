package umqtt.tests.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import umqtt.transport.tls.internal.HostnameMatcher;

/** RFC 6125 host name matching, as a table: host, the certificate's names, verdict. */
class HostnameMatcherTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # host              | DNS SANs                         | match
            localhost           | localhost                        | true
            LocalHost           | localhost                        | true
            localhost.          | localhost                        | true
            localhost           | LOCALHOST.                       | true
            broker.example.com  | broker.example.com               | true
            broker.example.com  | other.example.com                | false
            broker.example.com  | example.com                      | false
            example.com         | broker.example.com               | false
            a.example.com       | *.example.com                    | true
            A.Example.COM       | *.EXAMPLE.com                    | true
            example.com         | *.example.com                    | false
            a.b.example.com     | *.example.com                    | false
            .example.com        | *.example.com                    | false
            a.example.com       | *.com                            | false
            example.com         | *.com                            | false
            a.example.com       | a*.example.com                   | false
            a.example.com       | *a.example.com                   | false
            a.example.com       | a.*.com                          | false
            a.example.com       | *.*.com                          | false
            a.example.com       | *                                | false
            a.example.com       | other.org;*.example.com          | true
            a..example.com      | *.example.com                    | false
            xn--bcher-kva.example | *.example                      | false
            xn--bcher-kva.example.com | *.example.com              | true
            bücher.example.com  | xn--bcher-kva.example.com        | true
            bücher.example.com  | *.example.com                    | true
            bucher.example.com  | xn--bcher-kva.example.com        | false
            # a wildcard directly under a public suffix matches nothing
            example.co.uk       | *.co.uk                          | false
            EXAMPLE.CO.UK.      | *.co.uk.                         | false
            example.com.au      | *.com.au                         | false
            example.ne.jp       | *.ne.jp                          | false
            example.org.nz      | *.org.nz                         | false
            example.gov.br      | *.gov.br                         | false
            a.example.co.uk     | *.example.co.uk                  | true
            example.co.uk       | example.co.uk                    | true
            a.example.uk        | *.example.uk                     | true
            a.co.com            | *.co.com                         | true
            a.example.de        | *.example.de                     | true
            """)
    void dnsNames(String host, String sans, boolean match) {
        assertEquals(match, HostnameMatcher.matches(host, Arrays.asList(sans.split(";")), List.of()),
                host + " against DNS " + sans);
    }

    @ParameterizedTest(name = "{0} vs DNS {1} / IP {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # host              | DNS SANs           | IP SANs            | match
            127.0.0.1           | localhost          | 127.0.0.1          | true
            127.0.0.1           | 127.0.0.1          | ::1                | false
            127.0.0.1           | localhost          | 127.0.0.2          | false
            10.0.0.1            | *.0.0.1            | 10.0.0.2           | false
            ::1                 | localhost          | 0:0:0:0:0:0:0:1    | true
            [::1]               | localhost          | ::1                | true
            [::1]               | localhost          | 127.0.0.1          | false
            2001:db8::1         | localhost          | 2001:DB8:0:0:0:0:0:1 | true
            localhost           | localhost          | 127.0.0.1          | true
            localhost           | other              | 127.0.0.1          | false
            """)
    void ipLiteralsMatchIpSansOnly(String host, String dns, String ip, boolean match) {
        assertEquals(match, HostnameMatcher.matches(host, List.of(dns), List.of(ip)),
                host + " against DNS " + dns + ", IP " + ip);
    }

    @Test
    void ipLiteralsAreRecognisedWithoutResolvingNames() {
        assertEquals(true, HostnameMatcher.isIpLiteral("127.0.0.1"));
        assertEquals(true, HostnameMatcher.isIpLiteral("[::1]"));
        assertEquals(true, HostnameMatcher.isIpLiteral("fe80::1%eth0"));
        assertEquals(false, HostnameMatcher.isIpLiteral("localhost"));
        assertEquals(false, HostnameMatcher.isIpLiteral("1.2.3"));
        assertEquals(false, HostnameMatcher.isIpLiteral("300.1.1.1"));
        assertEquals(false, HostnameMatcher.isIpLiteral("no-such-host.invalid"));
    }
}
