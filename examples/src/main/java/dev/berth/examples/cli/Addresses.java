package dev.berth.examples.cli;

import java.net.InetSocketAddress;

/** Parses the values of address and number options, with usage errors that name the option. */
final class Addresses {
    private Addresses() {
    }

    /** @return {@code HOST:PORT} (IPv6 in brackets) as a socket address */
    static InetSocketAddress parse(String text) {
        return parse("--addr", text);
    }

    /**
     * @param option the option the value came with, for the usage error
     * @return {@code HOST:PORT} (IPv6 in brackets) as a socket address
     */
    static InetSocketAddress parse(String option, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UsageException(option + " must be HOST:PORT, e.g. 127.0.0.1:5080, not \"" + text + "\"");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " port must be a number, not \"" + text.substring(colon + 1) + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException(option + " port must be between 0 and 65535");
        }
        return new InetSocketAddress(host, port);
    }

    /** @return a positive number, or a usage error naming the option */
    static int positiveInt(String option, String text) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " must be a positive number, not \"" + text + "\"");
    }
}
