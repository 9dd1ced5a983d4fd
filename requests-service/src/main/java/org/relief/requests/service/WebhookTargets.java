package org.relief.requests.service;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import org.relief.kernel.domain.RuleViolation;
import org.relief.requests.domain.Texts;

/**
 * Where a webhook may point. A partner's URL must not become a way into the platform's own network (SSRF): unless
 * {@code allowPrivate} (local receivers), every address the host resolves to must be a public one: no loopback,
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, where cloud metadata answers; fe80::/10),
 * carrier-grade NAT (100.64/10), unspecified or multicast address. Checked at registration and again before every
 * attempt, as a name may resolve elsewhere later.
 */
public final class WebhookTargets {
    private final boolean allowPrivate;
    private final boolean allowHttp;
    private final Resolver resolver;

    /** Name resolution, replaceable in tests of the rules. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public WebhookTargets(boolean allowPrivate, boolean allowHttp) {
        this(allowPrivate, allowHttp, InetAddress::getAllByName);
    }

    public WebhookTargets(boolean allowPrivate, boolean allowHttp, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.allowHttp = allowHttp;
        this.resolver = resolver;
    }

    /** The URL, if a webhook may point there; a 400 saying why otherwise. */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused("webhook.not-a-url", url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw refused("webhook.not-https", url);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw refused("webhook.no-host", url);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw refused("webhook.unresolvable", url);
        }
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                if (internal(a)) {
                    throw refused("webhook.internal-address", a.getHostAddress(), url);
                }
            }
        }
        return uri;
    }

    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isAnyLocalAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            // an IPv4 address inside IPv6 (::ffff:10.0.0.1) is judged as that IPv4 address
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 // "this network"
                || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                || first >= 240; // reserved, broadcast
    }

    private static RuleViolation refused(String key, Object... args) {
        return RuleViolation.invalid(Texts.of(key, args));
    }
}
