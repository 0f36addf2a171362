package dev.portolan.embedded;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Gives each Gateway its own loopback address in embedded mode, so that two Gateways may both
 * listen on port 80 on one machine. Allocation is stable: a Gateway keeps its address for as long as
 * it exists, new Gateways (in key order) take the lowest free 127.0.0.N from 127.0.0.10 up, and
 * addresses of removed Gateways become free again. Pure: no I/O, no sockets.
 */
public final class LoopbackAddresses {

    /** 127.0.0.1 .. 127.0.0.9 stay free for the control plane and local tools. */
    public static final int FIRST_HOST = 10;
    public static final int LAST_HOST = 254;
    private static final String PREFIX = "127.0.0.";

    private LoopbackAddresses() {
    }

    /**
     * @param previous    the last allocation, gateway key to address (e.g. "127.0.0.10"); may be empty
     * @param gatewayKeys the Gateways that exist now (e.g. "namespace/name"); order does not matter
     * @return the new allocation, sorted by gateway key
     * @throws IllegalArgumentException when {@code previous} holds an address outside 127.0.0.10-254 or
     *                                  gives one address to two Gateways
     * @throws IllegalStateException    when more Gateways exist than addresses
     */
    public static SortedMap<String, String> allocate(Map<String, String> previous, Collection<String> gatewayKeys) {
        SortedMap<String, String> allocation = new TreeMap<>();
        TreeSet<Integer> used = new TreeSet<>();
        TreeSet<String> current = new TreeSet<>(gatewayKeys);
        for (Map.Entry<String, String> entry : new TreeMap<>(previous).entrySet()) {
            if (!current.contains(entry.getKey())) {
                continue;
            }
            int host = hostOf(entry.getKey(), entry.getValue());
            if (!used.add(host)) {
                throw new IllegalArgumentException("Gateway " + entry.getKey() + ": address " + entry.getValue()
                        + " is already allocated to another Gateway");
            }
            allocation.put(entry.getKey(), entry.getValue());
        }
        int candidate = FIRST_HOST;
        for (String key : current) {
            if (allocation.containsKey(key)) {
                continue;
            }
            while (used.contains(candidate)) {
                candidate++;
            }
            if (candidate > LAST_HOST) {
                throw new IllegalStateException("Gateway " + key + ": no free loopback address left, "
                        + (LAST_HOST - FIRST_HOST + 1) + " addresses (" + PREFIX + FIRST_HOST + "-" + LAST_HOST
                        + ") are all allocated");
            }
            used.add(candidate);
            allocation.put(key, PREFIX + candidate);
        }
        return allocation;
    }

    /** Compiled once: every rebuild checks every Gateway's address (String.matches compiled it each time). */
    private static final Pattern HOST_NUMBER = Pattern.compile("[0-9]{1,3}");

    private static int hostOf(String key, String address) {
        if (address != null && address.startsWith(PREFIX)) {
            String last = address.substring(PREFIX.length());
            if (HOST_NUMBER.matcher(last).matches()) {
                int host = Integer.parseInt(last);
                if (host >= FIRST_HOST && host <= LAST_HOST) {
                    return host;
                }
            }
        }
        throw new IllegalArgumentException("Gateway " + key + ": previous address '" + address
                + "' is not in " + PREFIX + FIRST_HOST + "-" + LAST_HOST);
    }
}
