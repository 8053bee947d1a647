package dev.berth.server.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The header fields of a request or a response, in order, found by name whatever its case. Names are kept
 * spelled as the JDK's {@code com.sun.net.httpserver.Headers} spells them (first letter upper case, the
 * rest lower case), which is how this server always sent them. A linear list: a head has a few fields, and
 * a hash per lookup costs more than comparing them. Lookups compare names ignoring case, so that the name
 * asked for need not be spelled first; the spellings of the names the server itself sets are kept, so that
 * setting {@code Content-Type} on every response does not make a new string each time.
 */
final class HeaderFields {
    private static final int MAX_KEPT_SPELLINGS = 256;
    private static final Map<String, String> SPELLINGS = new ConcurrentHashMap<>();

    private final List<String> names = new ArrayList<>(12);
    private final List<String> values = new ArrayList<>(12);

    /** Adds a field after the others. */
    void add(String name, String value) {
        String spelled = normalize(name);
        values.add(checkValue(name, value));
        names.add(spelled);
    }

    /** Replaces every field of that name with one; the name is one the server sets, its spelling kept. */
    void set(String name, String value) {
        String spelled = spelledOwn(name);
        checkValue(name, value);
        remove(spelled);
        values.add(value);
        names.add(spelled);
    }

    /** Removes every field of that name. */
    void remove(String name) {
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
            }
        }
    }

    /** @return the first value of that name, or null if there is none */
    String first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** @return every value of that name, in order; empty if there is none */
    List<String> all(String name) {
        List<String> found = List.of();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                if (found.isEmpty()) {
                    found = new ArrayList<>(2);
                }
                found.add(values.get(i));
            }
        }
        return found;
    }

    void clear() {
        names.clear();
        values.clear();
    }

    /** Appends the fields as a head's lines, each ended by CRLF. */
    void appendTo(StringBuilder head) {
        for (int i = 0; i < names.size(); i++) {
            head.append(names.get(i)).append(": ").append(values.get(i)).append("\r\n");
        }
    }

    // The names the server sets are few and constant; a client's are spelled afresh (a client could send any number).
    private static String spelledOwn(String name) {
        String spelled = SPELLINGS.get(name);
        if (spelled == null) {
            spelled = normalize(name);
            if (SPELLINGS.size() < MAX_KEPT_SPELLINGS) {
                SPELLINGS.put(name, spelled);
            }
        }
        return spelled;
    }

    private static String normalize(String name) {
        int n = name.length();
        if (n == 0) {
            throw new IllegalArgumentException("an empty header name");
        }
        char[] spelled = null;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("a header name with CR or LF: " + RequestHead.printable(name));
            }
            char wanted = i == 0 ? (c >= 'a' && c <= 'z' ? (char) (c - 32) : c) : (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            if (wanted != c) {
                if (spelled == null) {
                    spelled = name.toCharArray();
                }
                spelled[i] = wanted;
            }
        }
        return spelled == null ? name : new String(spelled);
    }

    // A CR or LF in a value would let it start a field, or a response, of its own.
    private static String checkValue(String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header " + name + " has a value with CR or LF");
        }
        return value;
    }
}
