package org.relief.requests.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;

/** Where a partner's webhook may point: public https addresses only, unless local receivers are allowed. */
class WebhookTargetsTest {
    /** Names as a resolver would answer them, without asking DNS. */
    static final Map<String, String[]> NAMES = Map.of(
            "partner.example.org", new String[] {"93.184.216.34"},
            "sneaky.example.org", new String[] {"93.184.216.34", "10.0.0.5"},
            "metadata.example.org", new String[] {"169.254.169.254"});

    static final WebhookTargets PRODUCTION = new WebhookTargets(false, false, WebhookTargetsTest::resolve);

    static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] addresses = NAMES.get(host);
        if (addresses == null) {
            if (host.matches("[0-9.]+|\\[?[0-9a-fA-F:.]+]?")) {
                return InetAddress.getAllByName(host); // an address literal: no lookup happens
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            out[i] = InetAddress.getByName(addresses[i]);
        }
        return out;
    }

    @Test
    void aPublicHttpsAddressIsAccepted() {
        assertEquals(
                "partner.example.org",
                PRODUCTION.check("https://partner.example.org/relief/hook").getHost());
        PRODUCTION.check("https://93.184.216.34:8443/hook?token=abc");
    }

    @Test
    void internalAddressesAreRefusedWithTheAddressNamed() {
        for (String url : new String[] {
            "https://127.0.0.1/hook",
            "https://10.1.2.3/hook",
            "https://172.16.0.9/hook",
            "https://192.168.1.1/hook",
            "https://169.254.169.254/latest/meta-data/",
            "https://100.64.0.1/hook",
            "https://0.0.0.0/hook",
            "https://[::1]/hook",
            "https://[fd00::1]/hook",
            "https://[fe80::1]/hook",
            "https://[::ffff:10.0.0.1]/hook",
            "https://metadata.example.org/hook",
            "https://sneaky.example.org/hook"
        }) {
            RuleViolation refused = assertThrows(RuleViolation.class, () -> PRODUCTION.check(url), url);
            assertTrue(refused.getMessage().contains("internal address"), refused.getMessage());
        }
    }

    @Test
    void onlyHttpsAndOnlyAHostAreAccepted() {
        for (String url : new String[] {
            "http://partner.example.org/hook",
            "ftp://partner.example.org/hook",
            "file:///etc/passwd",
            "https://user:secret@partner.example.org/hook",
            "https:///hook",
            "not a url at all",
            "https://no-such-host.invalid/hook"
        }) {
            assertThrows(RuleViolation.class, () -> PRODUCTION.check(url), url);
        }
    }

    @Test
    void localReceiversMayBeAllowedForDevelopment() {
        WebhookTargets local = new WebhookTargets(true, true, WebhookTargetsTest::resolve);
        assertEquals(8080, local.check("http://127.0.0.1:8080/hook").getPort());
        assertThrows(RuleViolation.class, () -> local.check("ftp://127.0.0.1/hook"));
    }
}
