package dev.basalt.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of an IP list in the settings ({@code superuserIPs}, {@code rateLimits.excludedIPs}):
 * a single address or a subnet in CIDR notation, IPv4 or IPv6.
 */
public record IpRange(byte[] network, int prefixBits) {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    public IpRange {
        network = network.clone();
    }

    /** The range an entry denotes, or empty when it is neither an address nor a CIDR subnet. */
    public static Optional<IpRange> parse(String entry) {
        String s = entry.strip();
        int slash = s.indexOf('/');
        Optional<byte[]> address = address(slash < 0 ? s : s.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = address.get();
        int bits = bytes.length * 8;
        if (slash >= 0) {
            String suffix = s.substring(slash + 1);
            if (!suffix.matches("\\d{1,3}") || Integer.parseInt(suffix) > bits) {
                return Optional.empty();
            }
            bits = Integer.parseInt(suffix);
        }
        return Optional.of(new IpRange(bytes, bits));
    }

    /** The ranges of the valid entries of a list (invalid ones are refused when settings are saved). */
    public static List<IpRange> parseAll(List<String> entries) {
        return entries.stream().map(IpRange::parse).flatMap(Optional::stream).toList();
    }

    /** Whether {@code literal} is a single IPv4 or IPv6 address (never resolved as a host name). */
    public static boolean isAddress(String literal) {
        return address(literal).isPresent();
    }

    /** Whether {@code ip} (a literal address) falls in any of the ranges. */
    public static boolean anyContains(List<IpRange> ranges, String ip) {
        if (ranges.isEmpty()) {
            return false;
        }
        Optional<byte[]> address = address(ip);
        return address.isPresent() && ranges.stream().anyMatch(r -> r.contains(address.get()));
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    // Literals only: InetAddress.getByName would resolve a host name through DNS, so IPv4 is
    // checked by pattern and IPv6 (which getByName parses without a lookup) by its characters.
    static Optional<byte[]> address(String literal) {
        String s = literal.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (IPV4.matcher(s).matches()) {
            String[] parts = s.split("\\.");
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                out[i] = (byte) Integer.parseInt(parts[i]);
            }
            return Optional.of(out);
        }
        if (s.indexOf(':') < 0 || !IPV6_CHARS.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange r && r.prefixBits == prefixBits && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixBits;
    }

    @Override
    public String toString() {
        return "IpRange[" + Arrays.toString(network) + "/" + prefixBits + "]";
    }
}
