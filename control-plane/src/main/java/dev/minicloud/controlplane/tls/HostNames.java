package dev.minicloud.controlplane.tls;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.util.IPAddress;

/**
 * The subject alternative names a certificate must carry: DNS names and IP addresses, normalised
 * (lower-case ASCII names, canonical addresses) so two spellings of one name compare equal.
 *
 * @param dnsNames DNS names, possibly wildcards ({@code *.localhost})
 * @param ipAddresses IP addresses in {@link InetAddress#getHostAddress()} form
 */
record HostNames(Set<String> dnsNames, Set<String> ipAddresses) {

    /** Always present: loopback by name and by address, IPv4 and IPv6. */
    static final List<String> DEFAULTS = List.of("localhost", "*.localhost", "127.0.0.1", "::1");

    HostNames {
        dnsNames = Collections.unmodifiableSet(new LinkedHashSet<>(dnsNames));
        ipAddresses = Collections.unmodifiableSet(new LinkedHashSet<>(ipAddresses));
    }

    /**
     * The defaults plus {@code extraHosts}. An extra DNS name {@code d} also adds {@code *.d}, so
     * virtual-hosted buckets ({@code bucket.d}) are covered. Wildcard bind addresses (0.0.0.0, ::)
     * and blank entries are skipped; IPv6 literals may be bracketed.
     *
     * @throws IllegalArgumentException for a name that is neither an IP literal nor a DNS name
     */
    static HostNames of(List<String> extraHosts) {
        Set<String> dns = new LinkedHashSet<>();
        Set<String> ips = new LinkedHashSet<>();
        for (String host : DEFAULTS) {
            add(host, dns, ips, false);
        }
        for (String host : extraHosts) {
            add(host, dns, ips, true);
        }
        return new HostNames(dns, ips);
    }

    /** Whether every name and address of {@code required} is also in this set. */
    boolean covers(HostNames required) {
        return dnsNames.containsAll(required.dnsNames) && ipAddresses.containsAll(required.ipAddresses);
    }

    /** An IP literal in canonical form, e.g. {@code 0:0:0:0:0:0:0:1} for {@code ::1}. */
    static String canonicalIp(String literal) {
        return parseIp(literal).getHostAddress();
    }

    private static InetAddress parseIp(String literal) {
        if (!IPAddress.isValid(literal)) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
        try {
            return InetAddress.getByName(literal); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

    /** A DNS name as it appears in a certificate: ASCII (punycode), lower case, no trailing dot. */
    static String canonicalDns(String name) {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        String ascii = IDN.toASCII(trimmed, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        if (ascii.isEmpty() || !ascii.matches("(\\*\\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*")) {
            throw new IllegalArgumentException("not a valid host name for a certificate: " + name);
        }
        return ascii;
    }

    private static void add(String host, Set<String> dns, Set<String> ips, boolean addWildcard) {
        String h = host == null ? "" : host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty()) {
            return;
        }
        if (IPAddress.isValid(h)) {
            InetAddress address = parseIp(h);
            if (!address.isAnyLocalAddress()) {
                ips.add(address.getHostAddress());
            }
            return;
        }
        String name = canonicalDns(h);
        dns.add(name);
        if (addWildcard && !name.startsWith("*.")) {
            dns.add("*." + name);
        }
    }
}
